// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'

import { explainOpError } from '../../../renderer/lib/explain'
import {
  dropDisabledReason,
  offeredLinkName,
  type PlanInput,
  planLink,
  planRetarget,
  type RetargetInput,
  targetStateLabel,
} from '../../../renderer/lib/link-plan'
import { APP_ERROR_CODES } from '../../../shared/errors'
import { entry } from '../../fakes/fake-api'

const base: PlanInput = {
  choice: 'hard',
  target: entry('/r/a.txt', { links: 2 }),
  targetPath: '/r/a.txt',
  dir: '/r/out',
  name: 'a.txt',
  capabilities: { junctions: false, symlinks: 'yes', reveal: false },
  sep: '/',
}

describe('planLink', () => {
  it('says what a hard link is before it is made, and that it is not a copy', () => {
    const plan = planLink(base)
    expect(plan.problems).toEqual([])
    expect(plan.summary).toBe('“/r/out/a.txt” will be another name of “/r/a.txt”.')
    expect(plan.notes.join(' ')).toContain('not a copy or a backup')
    expect(plan.notes.join(' ')).toContain('it will have 3')
  })
  it('refuses folders for hard links and files for junctions, and junctions where there are none', () => {
    const folder = { ...base, target: entry('/r/d', { kind: 'dir', links: 2 }), targetPath: '/r/d' }
    expect(planLink(folder).problems).toEqual(['Hard links can’t point to folders. Use a folder symbolic link.'])
    expect(planLink(folder).notes).toEqual([]) // nothing about names of a file that is not one
    expect(planLink({ ...folder, capabilities: { ...base.capabilities, junctions: true } }).problems).toEqual([
      'Hard links can’t point to folders. Use a junction or a folder symbolic link.',
    ])
    const j = planLink({ ...base, choice: 'junction' }).problems
    expect(j).toContain('Junctions exist on Windows (NTFS) only. Use a symbolic link here.')
    expect(j).toContain('Junctions point to folders only. For a file, use a hard link or a symbolic link.')
  })
  it('shows the relative text a symbolic link will store and warns about a missing target', () => {
    const plan = planLink({ ...base, choice: 'symbolic-relative', target: null, targetPath: '/r/docs/x.txt' })
    expect(plan.summary).toBe('“/r/out/a.txt” will point to “../docs/x.txt” (relative to the link’s folder).')
    expect(plan.notes).toContain('The target does not exist yet: the link will be broken until it does.')
    expect(plan.problems).toEqual([])
  })
  it('asks for a name that is free and valid, and mentions Developer Mode where symlinks are privileged', () => {
    expect(planLink({ ...base, name: '' }).problems).toContain('Give the link a name.')
    expect(planLink({ ...base, name: 'a/b' }).problems[0]).toContain('cannot contain')
    expect(planLink({ ...base, taken: new Set(['a.txt']) }).problems[0]).toContain('never overwrites')
    const priv = planLink({
      ...base,
      choice: 'symbolic-absolute',
      capabilities: { ...base.capabilities, symlinks: 'privileged' },
    })
    expect(priv.notes.join(' ')).toContain('Developer Mode')
  })
  it('greys out drop kinds the system cannot do, with the reason', () => {
    expect(dropDisabledReason('junction', base.capabilities)).toBe('Junctions exist on Windows (NTFS) only.')
    expect(dropDisabledReason('hard', base.capabilities)).toBeNull()
  })
  it("greys out what the open folder's volume cannot hold (Windows: FAT32, network), with its reason", () => {
    const why = 'F:\\ (FAT32) cannot hold junctions or symbolic links. Make the junction on an NTFS drive.'
    const fat = { junctions: false, symlinks: 'no' as const, reveal: false, junctionsWhy: why, symlinksWhy: why }
    expect(dropDisabledReason('junction', fat)).toBe(why)
    expect(dropDisabledReason('symbolic-relative', fat)).toBe(why)
    const plan = planLink({ ...base, choice: 'junction', capabilities: fat })
    expect(plan.problems).toContain(why)
  })
})

describe('planRetarget', () => {
  const link = entry('/r/out/l', {
    kind: 'symlink',
    target: '../docs/old.txt',
    resolved: '/r/docs/old.txt',
    status: 'broken',
  })
  const retarget: RetargetInput = {
    entry: link,
    targetPath: '/r/docs/new.txt',
    target: entry('/r/docs/new.txt'),
    relative: true,
    sep: '/',
  }

  it('says what will be stored, relative to the link’s folder when asked, with no problems', () => {
    const plan = planRetarget(retarget)
    expect(plan.stored).toBe('../docs/new.txt')
    expect(plan.summary).toBe('“l” will point to “../docs/new.txt” instead of “../docs/old.txt”.')
    expect(plan.problems).toEqual([])
    expect(plan.notes).toEqual([])
    expect(planRetarget({ ...retarget, relative: false }).stored).toBe('/r/docs/new.txt')
  })
  it('refuses an empty target, the link itself, and the target it already has', () => {
    expect(planRetarget({ ...retarget, targetPath: '  ' }).problems).toEqual(['Say where the link should point.'])
    expect(planRetarget({ ...retarget, targetPath: '/r/out/l', relative: false }).problems).toContain(
      'A link cannot point to itself.',
    )
    expect(planRetarget({ ...retarget, targetPath: '/r/docs/old.txt' }).problems).toEqual([
      'It already points there. Type or pick another target.',
    ])
  })
  it('refuses a file for a junction, and warns that a missing target leaves the link broken', () => {
    const junction = { ...link, kind: 'junction' as const, target: 'C:\\old' }
    expect(planRetarget({ ...retarget, entry: junction }).problems).toEqual(['A junction can only point to a folder.'])
    expect(planRetarget({ ...retarget, entry: junction, target: entry('/r/d', { kind: 'dir' }) }).problems).toEqual([])
    expect(planRetarget({ ...retarget, target: null }).notes).toEqual([
      'This target does not exist: the link will still be broken.',
    ])
  })
  it('names the typed target’s state under the field', () => {
    expect(targetStateLabel(entry('/r/d', { kind: 'dir' }), '/r/d')).toBe('Exists: a folder')
    expect(targetStateLabel(entry('/r/f'), '/r/f')).toBe('Exists: a file')
    expect(targetStateLabel(undefined, '/r/x')).toBe('Checking…')
    expect(targetStateLabel(null, '/r/x')).toBe('Does not exist')
  })
})

describe('explainOpError', () => {
  it('has a reason and a way out for every error code', () => {
    for (const code of APP_ERROR_CODES) {
      const { reason, wayOut } = explainOpError({ code, message: 'x' })
      expect(reason.length, code).toBeGreaterThan(5)
      expect(wayOut.length, code).toBeGreaterThan(5)
    }
    expect(explainOpError({ code: 'CROSS_DEVICE', message: '' }).wayOut).toContain('symbolic link')
    expect(explainOpError({ code: 'PRIVILEGE_REQUIRED', message: '' }).wayOut).toContain('Developer Mode')
    expect(explainOpError({ code: 'IS_DIRECTORY', message: '' }).wayOut).toBe(
      'Use a junction or a folder symbolic link instead.',
    )
    expect(explainOpError({ code: 'IS_DIRECTORY', message: '' }, 'create', false).wayOut).toBe(
      'Use a folder symbolic link instead.',
    )
  })
})

describe('the name Create link offers', () => {
  it('is the target’s own name when free, else a numbered “ - Link” name before the extension', () => {
    expect(offeredLinkName('plain.txt', new Set(['other']))).toBe('plain.txt')
    expect(offeredLinkName('plain.txt', new Set(['plain.txt']))).toBe('plain - Link.txt')
    expect(offeredLinkName('plain.txt', new Set(['plain.txt', 'plain - Link.txt']))).toBe('plain - Link (2).txt')
    expect(offeredLinkName('.bashrc', new Set(['.bashrc']))).toBe('.bashrc - Link')
    expect(offeredLinkName('docs', undefined)).toBe('docs')
  })
})
