import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { retargetLink } from '../../../electron/engine/ops'
import { TEMP_MARK } from '../../../electron/engine/ops/retarget'
import { platform } from '../../../electron/engine/platform'
import type { RetargetResult } from '../../../shared/types/ops'
import { giveToOtherUser } from '../../helpers/as-user'
import { otherUserStage } from '../../helpers/as-user-vitest'
import { makeTempDir } from '../../helpers/link-tree'
import { treeLines } from '../../helpers/tree-hash'
import { opAsNobody } from './as-nobody'
import { expectRefused } from './refused'

let root: string
const p = (...parts: string[]): string => path.join(root, ...parts)
const temps = (dir: string): string[] => fs.readdirSync(dir).filter((n) => n.includes(TEMP_MARK))

beforeEach(() => {
  root = makeTempDir('linkscope-retarget-')
  fs.writeFileSync(p('old.txt'), 'old\n')
  fs.writeFileSync(p('new.txt'), 'new\n')
  fs.mkdirSync(p('old-dir'))
  fs.writeFileSync(p('old-dir', 'kept.txt'), 'kept\n')
  fs.mkdirSync(p('new-dir'))
  fs.mkdirSync(p('links'))
  fs.symlinkSync('../old.txt', p('links', 'to-file'))
  fs.symlinkSync(p('old-dir'), p('links', 'to-dir'))
  fs.symlinkSync('../moved-away.txt', p('links', 'broken'))
  fs.writeFileSync(p('links', 'plain.txt'), 'plain\n')
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

describe('retargeting a link', () => {
  it('points a link elsewhere (absolute), returns the previous text for undo, and leaves no temporary name', () => {
    const r = retargetLink({ path: p('links', 'to-file'), target: p('new.txt') })
    expect(r.previousTarget).toBe('../old.txt')
    expect(r.entry).toMatchObject({ path: p('links', 'to-file'), kind: 'symlink', target: p('new.txt'), status: 'ok' })
    expect(fs.readFileSync(p('links', 'to-file'), 'utf8')).toBe('new\n')
    expect(fs.readFileSync(p('old.txt'), 'utf8')).toBe('old\n')
    expect(temps(p('links'))).toEqual([])
  })

  it("stores a relative target when asked, computed from the link's folder, and undoes to the old text", () => {
    const r = retargetLink({ path: p('links', 'to-file'), target: p('new.txt'), relative: true })
    expect(fs.readlinkSync(p('links', 'to-file'))).toBe('../new.txt')
    // undo: the previous text, as it is (a relative target is read from the link's folder)
    const back = retargetLink({ path: p('links', 'to-file'), target: r.previousTarget, relative: true })
    expect(back.entry).toMatchObject({ target: '../old.txt', resolved: p('old.txt'), status: 'ok' })
  })

  it('repairs a broken link and retargets a folder link, never touching the old folder', () => {
    expect(retargetLink({ path: p('links', 'broken'), target: p('new.txt') }).entry.status).toBe('ok')
    const oldDir = treeLines(p('old-dir'))
    const r = retargetLink({ path: p('links', 'to-dir'), target: p('new-dir') })
    expect(r.entry).toMatchObject({ target: p('new-dir'), targetKind: 'dir' })
    expect(treeLines(p('old-dir'))).toEqual(oldDir)
    expect(temps(p('links'))).toEqual([])
  })

  it('works for a link whose name is too long to prefix (the temporary name then goes without it)', () => {
    const name = 'n'.repeat(250)
    fs.symlinkSync('../old.txt', p('links', name))
    expect(retargetLink({ path: p('links', name), target: p('new.txt') }).entry.name).toBe(name)
    expect(temps(p('links'))).toEqual([])
  })
})

describe('refusing, with the disk left exactly as it was', () => {
  it('refuses what is not a symbolic link or junction: NOT_A_LINK', () => {
    expectRefused(
      [root],
      () => retargetLink({ path: p('links', 'plain.txt'), target: p('new.txt') }),
      'NOT_A_LINK',
      p('links', 'plain.txt'),
    )
    expectRefused([root], () => retargetLink({ path: p('old-dir'), target: p('new-dir') }), 'NOT_A_LINK', p('old-dir'))
  })

  it('refuses a missing link, a NUL in the target, and a link pointing at itself', () => {
    expectRefused(
      [root],
      () => retargetLink({ path: p('links', 'nope'), target: p('new.txt') }),
      'NOT_FOUND',
      p('links', 'nope'),
    )
    expectRefused([root], () => retargetLink({ path: p('links', 'to-file'), target: p('new\0.txt') }), 'INVALID_NAME')
    expectRefused(
      [root],
      () => retargetLink({ path: p('links', 'to-file'), target: p('links', 'to-file') }),
      'INVALID_ARGUMENT',
    )
  })

  it('keeps the old link when it changes while the new one is being made, and removes the temporary one', () => {
    const plat = platform()
    const createSymlink = plat.createSymlink
    let swapped: string[] = []
    const spy = vi.spyOn(plat, 'createSymlink').mockImplementation((stored, link, kind) => {
      createSymlink(stored, link, kind)
      // someone else points the link elsewhere between our look and our swap
      fs.unlinkSync(p('links', 'to-file'))
      fs.symlinkSync('someone-else', p('links', 'to-file'))
      swapped = treeLines(root).filter((l) => !l.includes(TEMP_MARK))
    })
    try {
      let thrown: unknown
      try {
        retargetLink({ path: p('links', 'to-file'), target: p('new.txt') })
      } catch (e) {
        thrown = e
      }
      expect(spy).toHaveBeenCalledOnce()
      expect(thrown).toMatchObject({ code: 'CHANGED', path: p('links', 'to-file') })
      expect(fs.readlinkSync(p('links', 'to-file'))).toBe('someone-else')
      expect(treeLines(root)).toEqual(swapped)
      expect(temps(p('links'))).toEqual([])
    } finally {
      spy.mockRestore()
    }
  })
})

describe('atomic under real permission failures (as the unprivileged user nobody)', () => {
  const otherUser = otherUserStage()

  it('when the temporary link cannot be made (a root-owned 0755 folder), the old link stays as it was', (ctx) => {
    const stage = otherUser(ctx)
    fs.chmodSync(root, 0o755)
    fs.chmodSync(p('links'), 0o755)
    const before = treeLines(root)
    const r = opAsNobody<RetargetResult>(stage, 'retargetLink', [{ path: p('links', 'to-file'), target: p('new.txt') }])
    // told about the link, not about the temporary name it failed at
    expect(r).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED', path: p('links', 'to-file') } })
    expect(r.ok ? '' : r.error.message).toBe(`You do not have permission to do this at ${p('links', 'to-file')}.`)
    expect(treeLines(root)).toEqual(before)
    expect(fs.readlinkSync(p('links', 'to-file'))).toBe('../old.txt')
  })

  it('when the swap itself is refused (sticky folder, link owned by root), the temporary link is removed and the old one stays', (ctx) => {
    const stage = otherUser(ctx)
    fs.chmodSync(root, 0o755)
    fs.chmodSync(p('links'), 0o1777) // anyone may add names; only owners may replace theirs
    fs.utimesSync(p('links'), new Date('2001-01-01'), new Date('2001-01-01'))
    const before = treeLines(root)
    const r = opAsNobody<RetargetResult>(stage, 'retargetLink', [{ path: p('links', 'to-file'), target: p('new.txt') }])
    expect(r).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED', path: p('links', 'to-file') } })
    expect(treeLines(root)).toEqual(before)
    expect(temps(p('links'))).toEqual([])
    expect(fs.readlinkSync(p('links', 'to-file'))).toBe('../old.txt')
    // the folder was written to: the temporary link really was made, then removed
    expect(fs.statSync(p('links')).mtimeMs).toBeGreaterThan(new Date('2001-01-02').getTime())
  })

  it('succeeds as nobody where nobody may write, the same way', (ctx) => {
    const stage = otherUser(ctx)
    fs.chmodSync(root, 0o755)
    giveToOtherUser(p('links'), p('links', 'to-file'))
    const r = opAsNobody<RetargetResult>(stage, 'retargetLink', [
      { path: p('links', 'to-file'), target: p('new.txt'), relative: true },
    ])
    expect(r).toMatchObject({ ok: true, value: { previousTarget: '../old.txt', entry: { target: '../new.txt' } } })
    expect(temps(p('links'))).toEqual([])
  })
})
