/**
 * A drop onto a subfolder row or a crumb makes links in that folder, which can be on another volume than
 * the open one (a FAT32 stick mounted in a folder, a junction to a network share): the drop menu offers
 * what that folder's volume can hold, asked from the app, not what the open folder can.
 */
import { describe, expect, it } from 'vitest'

import { dropMenuItems, dropTargetProps } from '../../../renderer/features/actions/link-drag'
import type { MenuItem } from '../../../renderer/features/ops/menu-items'
import { createAppStore } from '../../../renderer/stores/app-store'
import type { Capabilities } from '../../../shared/types/app'
import { entry, fakeApi, INFO, until } from '../../fakes/fake-api'

const NTFS: Capabilities = { junctions: true, symlinks: 'yes', reveal: true }
const FAT32_WHY = 'E:\\ (FAT32) cannot hold junctions or symbolic links.'
const FAT32: Capabilities = {
  junctions: false,
  junctionsWhy: FAT32_WHY,
  symlinks: 'no',
  symlinksWhy: FAT32_WHY,
  reveal: false,
}

async function store() {
  const api = fakeApi(
    { 'C:\\r': [entry('C:\\r\\stick', { kind: 'dir' }), entry('C:\\r\\a.txt')], 'C:\\r\\stick': [] },
    { ...INFO, startDir: 'C:\\r', capabilities: NTFS },
  )
  const asked: string[] = []
  const capabilities = async (dir: string) => {
    asked.push(dir)
    return { ok: true as const, value: dir === 'C:\\r\\stick' ? FAT32 : NTFS }
  }
  const s = createAppStore({ ...api, app: { ...api.app, capabilities } })
  await s.getState().start()
  return { s, asked }
}

function drop(s: ReturnType<typeof createAppStore>, dir: string): void {
  const none = { classList: { add: () => {}, remove: () => {} } }
  dropTargetProps(s.getState, dir).onDrop({
    currentTarget: none,
    dataTransfer: { getData: () => JSON.stringify(['C:\\r\\a.txt']), types: ['application/x-linkscope-paths'] },
    preventDefault: () => {},
    altKey: false,
    ctrlKey: false,
    shiftKey: false,
    metaKey: false,
    clientX: 10,
    clientY: 20,
  } as unknown as Parameters<ReturnType<typeof dropTargetProps>['onDrop']>[0])
}

const disabled = (items: MenuItem[]): Record<string, string | false> =>
  Object.fromEntries(items.filter((i) => i !== 'separator').map((i) => [i.label, i.disabled ?? false]))

describe('the drop menu on a folder row', () => {
  it("offers what the row's own volume holds: no junction or symbolic link on a FAT32 stick", async () => {
    const { s, asked } = await store()
    drop(s, 'C:\\r\\stick')
    await until(() => expect(s.getState().menu?.drop?.caps).toBeDefined())
    const menu = s.getState().menu!
    expect(menu.drop).toMatchObject({ dir: 'C:\\r\\stick', caps: { ...FAT32, reveal: true } })
    expect(asked).toContain('C:\\r\\stick')
    const items = disabled(dropMenuItems(s.getState(), menu.drop!.sources, menu.drop!.dir, menu.drop!.caps))
    expect(items).toEqual({
      'Hard link': false,
      'Symbolic link (relative)': FAT32_WHY,
      'Symbolic link (absolute)': FAT32_WHY,
      Junction: FAT32_WHY,
    })
  })

  it('a drop onto the open folder itself uses what is known for it, without asking again', async () => {
    const { s, asked } = await store()
    const before = asked.length
    drop(s, 'C:\\r')
    // the menu shown is the signal: an extra question would have been asked before it
    await until(() => expect(s.getState().menu?.drop).toBeDefined())
    const menu = s.getState().menu!
    expect(menu.drop?.caps).toBeUndefined()
    expect(asked.length).toBe(before)
    expect(Object.values(disabled(dropMenuItems(s.getState(), menu.drop!.sources, menu.drop!.dir)))).toEqual([
      false,
      false,
      false,
      false,
    ])
  })
})
