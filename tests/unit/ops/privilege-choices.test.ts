/** The choices offered when Windows refuses a symbolic link for lack of rights. */
import { describe, expect, it } from 'vitest'

import { privilegeChoices, type PrivilegeContext } from '../../../renderer/lib/privilege-choices'
import type { AppError } from '../../../shared/errors'
import { DEVELOPER_SETTINGS_URI } from '../../../shared/windows-settings'

const refused: AppError = {
  code: 'PRIVILEGE_REQUIRED',
  message: 'Creating the symbolic link C:\\w\\l needs administrator rights or Developer Mode.',
  path: 'C:\\w\\l',
}

const folderCtx: PrivilegeContext = {
  request: { type: 'symbolic', target: 'C:\\data\\photos', link: 'C:\\w\\photos' },
  resolvedTarget: 'C:\\data\\photos',
  targetKind: 'dir',
  sameVolume: true,
  local: true,
}
const fileCtx: PrivilegeContext = {
  request: { type: 'symbolic', target: '..\\data\\a.txt', link: 'C:\\w\\a.txt', relative: true },
  resolvedTarget: 'C:\\data\\a.txt',
  targetKind: 'file',
  sameVolume: true,
  local: true,
}

const availability = (ctx: PrivilegeContext): Record<string, boolean> =>
  Object.fromEntries(privilegeChoices(refused, ctx).map((c) => [c.id, c.available]))

describe('privilegeChoices', () => {
  it('offers nothing for other errors', () => {
    expect(privilegeChoices({ code: 'ACCESS_DENIED', message: 'no' }, folderCtx)).toEqual([])
  })

  it('lists the no-administrator choices first and "as administrator" last', () => {
    expect(privilegeChoices(refused, folderCtx).map((c) => c.id)).toEqual([
      'developer-mode',
      'junction',
      'hard-link',
      'elevate',
    ])
  })

  it('for a folder on a local drive: Developer Mode, a junction, or administrator; no hard link', () => {
    expect(availability(folderCtx)).toEqual({
      'developer-mode': true,
      junction: true,
      'hard-link': false,
      elevate: true,
    })
    const [dev, junction, hard, elevate] = privilegeChoices(refused, folderCtx)
    expect(dev?.action).toEqual({ kind: 'open-settings', uri: DEVELOPER_SETTINGS_URI })
    expect(DEVELOPER_SETTINGS_URI).toBe('ms-settings:developers')
    expect(junction?.action).toEqual({
      kind: 'create',
      request: { type: 'junction', target: 'C:\\data\\photos', link: 'C:\\w\\photos' },
    })
    expect(hard?.unavailable).toMatch(/files only/)
    expect(elevate?.action).toEqual({ kind: 'elevate', request: folderCtx.request })
  })

  it('for a file on the same drive: a hard link to the resolved target, no junction', () => {
    expect(availability(fileCtx)).toEqual({ 'developer-mode': true, junction: false, 'hard-link': true, elevate: true })
    const hard = privilegeChoices(refused, fileCtx).find((c) => c.id === 'hard-link')
    expect(hard?.action).toEqual({
      kind: 'create',
      request: { type: 'hard', target: 'C:\\data\\a.txt', link: 'C:\\w\\a.txt' },
    })
    expect(hard?.givesUp).toMatch(/same file, not a link to a path/)
    expect(privilegeChoices(refused, fileCtx).find((c) => c.id === 'junction')?.unavailable).toMatch(/folders only/)
  })

  it('for a file on another drive: no hard link, and says why', () => {
    const hard = privilegeChoices(refused, { ...fileCtx, sameVolume: false }).find((c) => c.id === 'hard-link')
    expect(hard).toMatchObject({ available: false, unavailable: expect.stringMatching(/same drive/) })
  })

  it('for a folder on a network share: no junction, and says why', () => {
    const j = privilegeChoices(refused, { ...folderCtx, local: false, sameVolume: false }).find(
      (c) => c.id === 'junction',
    )
    expect(j).toMatchObject({ available: false, unavailable: expect.stringMatching(/network shares/) })
  })

  it('for a target that does not exist yet: neither a junction nor a hard link', () => {
    const ctx: PrivilegeContext = { ...folderCtx, targetKind: 'missing' }
    expect(availability(ctx)).toEqual({ 'developer-mode': true, junction: false, 'hard-link': false, elevate: true })
    expect(privilegeChoices(refused, ctx).find((c) => c.id === 'junction')?.unavailable).toContain(
      'C:\\data\\photos does not exist',
    )
  })

  it('says what each choice gives up, and that a junction loses a relative target', () => {
    for (const c of privilegeChoices(refused, folderCtx)) {
      expect(c.label.length).toBeGreaterThan(5)
      expect(c.does.length).toBeGreaterThan(20)
      expect(c.givesUp.length).toBeGreaterThan(20)
    }
    const relativeFolder: PrivilegeContext = {
      ...folderCtx,
      request: { ...folderCtx.request, target: '..\\data\\photos', relative: true },
    }
    expect(privilegeChoices(refused, relativeFolder).find((c) => c.id === 'junction')?.givesUp).toMatch(
      /full path, not a relative one/,
    )
    expect(privilegeChoices(refused, folderCtx).find((c) => c.id === 'developer-mode')?.givesUp).toMatch(
      /whole computer/,
    )
  })
})
