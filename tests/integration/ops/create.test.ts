import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { createLink } from '../../../electron/engine/ops'
import { platform } from '../../../electron/engine/platform'
import { LinkError } from '../../../shared/errors'
import { makeTempDir } from '../../helpers/link-tree'
import { treeLines } from '../../helpers/tree-hash'
import { expectRefused } from './refused'

let root: string
const p = (...parts: string[]): string => path.join(root, ...parts)
const cleanup: string[] = []

beforeEach(() => {
  root = makeTempDir('linkscope-create-')
  cleanup.push(root)
  fs.writeFileSync(p('a.txt'), 'alpha\n')
  fs.mkdirSync(p('docs'))
  fs.writeFileSync(p('docs', 'inner.txt'), 'inner\n')
  fs.mkdirSync(p('sub'))
  fs.writeFileSync(p('taken.txt'), 'already here\n')
  fs.symlinkSync('missing-target', p('dangling'))
  fs.symlinkSync('docs', p('folder-link'))
  fs.symlinkSync('a.txt', p('file-link'))
})
afterEach(() => {
  for (const dir of cleanup.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe('creating links', () => {
  it('makes a hard link: another name of the same file', () => {
    const entry = createLink({ type: 'hard', target: p('a.txt'), link: p('sub', 'a-hard.txt') })
    const st = fs.lstatSync(p('a.txt'))
    expect(entry).toMatchObject({
      path: p('sub', 'a-hard.txt'),
      name: 'a-hard.txt',
      kind: 'file',
      links: 2,
      id: `${st.dev}:${st.ino}`,
      status: 'n/a',
    })
    expect(st.nlink).toBe(2)
    expect(fs.readFileSync(p('sub', 'a-hard.txt'), 'utf8')).toBe('alpha\n')
  })

  it('makes an absolute symbolic link storing the absolute path', () => {
    const entry = createLink({ type: 'symbolic', target: p('a.txt'), link: p('sub', 'abs') })
    expect(fs.readlinkSync(p('sub', 'abs'))).toBe(p('a.txt'))
    expect(entry).toMatchObject({
      kind: 'symlink',
      target: p('a.txt'),
      resolved: p('a.txt'),
      status: 'ok',
      targetKind: 'file',
    })
  })

  it("makes a relative symbolic link computed from the link's folder", () => {
    const entry = createLink({ type: 'symbolic', target: p('a.txt'), link: p('sub', 'rel'), relative: true })
    expect(fs.readlinkSync(p('sub', 'rel'))).toBe('../a.txt')
    expect(entry).toMatchObject({ target: '../a.txt', resolved: p('a.txt'), status: 'ok' })
    const toFolder = createLink({ type: 'symbolic', target: p('docs'), link: p('sub', 'docs-rel'), relative: true })
    expect(toFolder).toMatchObject({ target: '../docs', targetKind: 'dir', status: 'ok' })
    const sameFolder = createLink({ type: 'symbolic', target: p('a.txt'), link: p('here'), relative: true })
    expect(sameFolder.target).toBe('a.txt')
  })

  it("reads a relative target from the link's folder, as the link itself will", () => {
    expect(createLink({ type: 'symbolic', target: '../docs', link: p('sub', 'up'), relative: true })).toMatchObject({
      target: '../docs',
      resolved: p('docs'),
      status: 'ok',
    })
    expect(createLink({ type: 'symbolic', target: '../a.txt', link: p('sub', 'up-abs') }).target).toBe(p('a.txt'))
    expect(createLink({ type: 'hard', target: '../a.txt', link: p('sub', 'up-hard') }).links).toBe(2)
    expectRefused(
      [root],
      () => createLink({ type: 'junction', target: '../docs', link: p('sub', 'j') }),
      'UNSUPPORTED_ON_PLATFORM',
    )
  })

  it('allows a symbolic link whose target does not exist yet: it is made, and simply shows as broken', () => {
    const entry = createLink({ type: 'symbolic', target: p('later.txt'), link: p('sub', 'to-later'), relative: true })
    expect(entry).toMatchObject({ kind: 'symlink', target: '../later.txt', status: 'broken', targetKind: null })
    fs.writeFileSync(p('later.txt'), 'now\n')
    expect(fs.readFileSync(p('sub', 'to-later'), 'utf8')).toBe('now\n')
  })

  it('makes a name exactly 255 bytes long (the limit, counted in bytes)', () => {
    const name = 'é'.repeat(127) + 'x' // 255 bytes
    expect(createLink({ type: 'hard', target: p('a.txt'), link: p('sub', name) }).name).toBe(name)
  })
})

describe('refusing, with the disk left exactly as it was', () => {
  it('refuses a hard link across devices, naming both volumes (/dev/shm is tmpfs, the temp dir ext4)', () => {
    const shm = makeTempDir('linkscope-shm-', '/dev/shm')
    cleanup.push(shm)
    fs.writeFileSync(path.join(shm, 'far.txt'), 'far away\n')
    const link = p('sub', 'far.txt')
    const e = expectRefused(
      [root, shm],
      () => createLink({ type: 'hard', target: path.join(shm, 'far.txt'), link }),
      'CROSS_DEVICE',
      link,
    )
    expect(e.message).toBe(
      `Hard links must stay on one volume: ${path.join(shm, 'far.txt')} is on /dev/shm, ${link} is on ${mountOf(root)} — use a symbolic link.`,
    )
    // the suggestion holds: a symbolic link across devices works
    expect(createLink({ type: 'symbolic', target: path.join(shm, 'far.txt'), link }).status).toBe('ok')
  })

  it('refuses a folder (or a link to one) as a hard-link source, suggesting a folder symbolic link', () => {
    const e = expectRefused(
      [root],
      () => createLink({ type: 'hard', target: p('docs'), link: p('sub', 'docs') }),
      'IS_DIRECTORY',
      p('docs'),
    )
    expect(e.message).toMatch(/hard links can't point to folders.*folder symbolic link/)
    const viaLink = expectRefused(
      [root],
      () => createLink({ type: 'hard', target: p('folder-link'), link: p('sub', 'x') }),
      'IS_DIRECTORY',
    )
    expect(viaLink.message).toContain(`${p('folder-link')} leads to a folder`)
  })

  it("refuses a symbolic link as a hard-link source: the new name would be the link's, not the file's", () => {
    const e = expectRefused(
      [root],
      () => createLink({ type: 'hard', target: p('file-link'), link: p('sub', 'x') }),
      'INVALID_ARGUMENT',
      p('file-link'),
    )
    expect(e.message).toContain(p('a.txt'))
  })

  it('never overwrites: a taken name is refused for every kind, even a dangling symbolic link', () => {
    for (const type of ['hard', 'symbolic', 'junction'] as const) {
      expectRefused(
        [root],
        () => createLink({ type, target: p('a.txt'), link: p('taken.txt') }),
        'ALREADY_EXISTS',
        p('taken.txt'),
      )
    }
    const e = expectRefused(
      [root],
      () => createLink({ type: 'symbolic', target: p('a.txt'), link: p('dangling') }),
      'ALREADY_EXISTS',
      p('dangling'),
    )
    expect(e.message).toContain('broken symbolic link')
    expectRefused([root], () => createLink({ type: 'symbolic', target: p('a.txt'), link: p('docs') }), 'ALREADY_EXISTS')
    expect(fs.readFileSync(p('taken.txt'), 'utf8')).toBe('already here\n')
  })

  it('refuses a missing source, naming it', () => {
    const e = expectRefused(
      [root],
      () => createLink({ type: 'hard', target: p('nope.txt'), link: p('sub', 'n') }),
      'NOT_FOUND',
      p('nope.txt'),
    )
    expect(e.message).toContain(p('nope.txt'))
  })

  it('refuses a missing parent folder, naming it, for every kind', () => {
    for (const type of ['hard', 'symbolic'] as const) {
      const e = expectRefused(
        [root],
        () => createLink({ type, target: p('a.txt'), link: p('no-such-dir', 'x') }),
        'NOT_FOUND',
        p('no-such-dir'),
      )
      expect(e.message).toContain(p('no-such-dir'))
    }
    expectRefused(
      [root],
      () => createLink({ type: 'hard', target: p('a.txt'), link: p('taken.txt', 'x') }),
      'NOT_A_DIRECTORY',
      p('taken.txt'),
    )
  })

  it('refuses a name over 255 bytes and a path over 4095 bytes before touching the disk', () => {
    const long = 'é'.repeat(128) // 128 characters, 256 bytes
    const e = expectRefused(
      [root],
      () => createLink({ type: 'hard', target: p('a.txt'), link: p('sub', long) }),
      'PATH_TOO_LONG',
      p('sub', long),
    )
    expect(e.message).toContain('256 bytes')
    const deep = p(...Array.from({ length: 20 }, () => 'd'.repeat(250)))
    expectRefused([root], () => createLink({ type: 'symbolic', target: p('a.txt'), link: deep }), 'PATH_TOO_LONG')
  })

  it('refuses a NUL in a path and a link that would point at itself', () => {
    expectRefused(
      [root],
      () => createLink({ type: 'symbolic', target: p('a.txt'), link: p('sub', 'a\0b') }),
      'INVALID_NAME',
    )
    expectRefused(
      [root],
      () => createLink({ type: 'symbolic', target: p('sub', 'me'), link: p('sub', 'me') }),
      'INVALID_ARGUMENT',
    )
  })

  it('refuses junctions here, suggesting a folder symbolic link', () => {
    const e = expectRefused(
      [root],
      () => createLink({ type: 'junction', target: p('docs'), link: p('sub', 'j') }),
      'UNSUPPORTED_ON_PLATFORM',
    )
    expect(e.message).toMatch(/folder symbolic link/)
    expectRefused(
      [root],
      () => createLink({ type: 'junction', target: p('a.txt'), link: p('sub', 'j') }),
      'NOT_A_DIRECTORY',
      p('a.txt'),
    )
    expectRefused(
      [root],
      () => createLink({ type: 'junction', target: p('gone'), link: p('sub', 'j') }),
      'NOT_FOUND',
      p('gone'),
    )
  })
})

describe('Windows refusing symbolic links without admin rights (a refusal this machine cannot produce)', () => {
  it.each([
    ['a.txt', 'hard link'],
    ['docs', 'junction'],
  ])('adds the no-admin alternative for %s: a %s', (target, alternative) => {
    const plat = platform()
    const spy = vi.spyOn(plat, 'createSymlink').mockImplementation((_stored, link) => {
      throw new LinkError(
        'PRIVILEGE_REQUIRED',
        `Creating the symbolic link ${link} needs administrator rights or Developer Mode.`,
        link,
      )
    })
    try {
      const e = expectRefused(
        [root],
        () => createLink({ type: 'symbolic', target: p(target), link: p('sub', 's') }),
        'PRIVILEGE_REQUIRED',
        p('sub', 's'),
      )
      expect(e.message).toMatch(
        new RegExp(`^Creating the symbolic link .* Developer Mode\\. A ${alternative} .*needs neither`),
      )
    } finally {
      spy.mockRestore()
    }
  })
})

describe("the file system's own link limit", () => {
  it('refuses the 65001st name of a file on ext4 with TOO_MANY_LINKS, naming the source', () => {
    const dir = makeTempDir('linkscope-emlink-')
    cleanup.push(dir)
    const file = path.join(dir, 'f')
    fs.writeFileSync(file, 'shared\n')
    for (let i = 1; i < 65000; i++) fs.linkSync(file, path.join(dir, `n${i}`))
    expect(fs.statSync(file).nlink).toBe(65000)
    const link = path.join(root, 'one-too-many')
    const before = treeLines(root)
    const e = expectRefused([], () => createLink({ type: 'hard', target: file, link }), 'TOO_MANY_LINKS', file)
    expect(e.message).toContain('65000 names')
    expect(treeLines(root)).toEqual(before)
    expect(fs.statSync(file).nlink).toBe(65000)
  })
})

/** The mount point holding `p`, as `df` would say. */
function mountOf(p: string): string {
  let cur = p
  const dev = fs.statSync(p).dev
  while (path.dirname(cur) !== cur && fs.statSync(path.dirname(cur)).dev === dev) cur = path.dirname(cur)
  return cur
}
