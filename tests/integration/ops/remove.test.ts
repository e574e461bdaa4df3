import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { removeLink } from '../../../electron/engine/ops'
import { platform } from '../../../electron/engine/platform'
import { makeTempDir } from '../../helpers/link-tree'
import { treeLines } from '../../helpers/tree-hash'
import { expectRefused } from './refused'

let root: string
const p = (...parts: string[]): string => path.join(root, ...parts)

beforeEach(() => {
  root = makeTempDir('linkscope-remove-')
  fs.mkdirSync(p('target', 'nested', 'deeper'), { recursive: true })
  fs.writeFileSync(p('target', 'one.txt'), 'one\n')
  fs.writeFileSync(p('target', 'nested', 'two.bin'), Buffer.from([0, 1, 2, 255]))
  fs.writeFileSync(p('target', 'nested', 'deeper', 'three.txt'), 'three\n')
  fs.symlinkSync('../one.txt', p('target', 'nested', 'inner-link'))
  fs.symlinkSync('target', p('folder-link'))
  fs.symlinkSync(p('target', 'one.txt'), p('file-link'))
  fs.symlinkSync('nowhere', p('dangling'))
  fs.writeFileSync(p('data.txt'), 'precious data\n')
  fs.linkSync(p('data.txt'), p('data-name2.txt'))
  fs.mkdirSync(p('elsewhere'))
  fs.linkSync(p('data.txt'), p('elsewhere', 'data-name3.txt'))
  fs.writeFileSync(p('single.txt'), 'only one name\n')
  fs.mkdirSync(p('empty-dir'))
  execFileSync('mkfifo', [p('pipe')])
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

describe('removing symbolic links', () => {
  it('removes a folder symbolic link and leaves every byte of its target', () => {
    const target = treeLines(p('target'))
    const r = removeLink(p('folder-link'))
    expect(r).toEqual({
      removed: expect.objectContaining({
        path: p('folder-link'),
        kind: 'symlink',
        target: 'target',
        targetKind: 'dir',
      }),
    })
    expect(fs.existsSync(p('folder-link'))).toBe(false)
    expect(treeLines(p('target'))).toEqual(target)
  })

  it('removes the link, not the folder, when the path is written with a trailing slash', () => {
    const target = treeLines(p('target'))
    expect(removeLink(p('folder-link') + '/').removed.path).toBe(p('folder-link'))
    expect(() => fs.lstatSync(p('folder-link'))).toThrow()
    expect(treeLines(p('target'))).toEqual(target)
  })

  it('removes a file symbolic link and a dangling one, never the target', () => {
    const target = treeLines(p('target'))
    expect(removeLink(p('file-link')).removed).toMatchObject({
      kind: 'symlink',
      target: p('target', 'one.txt'),
      status: 'ok',
    })
    expect(removeLink(p('dangling')).removed).toMatchObject({ kind: 'symlink', target: 'nowhere', status: 'broken' })
    expect(fs.readdirSync(root)).not.toContain('dangling')
    expect(treeLines(p('target'))).toEqual(target)
  })
})

describe('removing one name of a hard-linked file', () => {
  it('removes this name only; the data stays under the others, and a sibling name is offered for undo', () => {
    const id = fs.statSync(p('data.txt')).ino
    const r = removeLink(p('data-name2.txt'))
    expect(r.remainingNames).toBe(2)
    expect(r.otherName).toBe(p('data.txt'))
    expect(r.removed).toMatchObject({ path: p('data-name2.txt'), kind: 'file', links: 3 })
    expect(fs.existsSync(p('data-name2.txt'))).toBe(false)
    expect(fs.readFileSync(p('data.txt'), 'utf8')).toBe('precious data\n')
    expect(fs.statSync(p('data.txt'))).toMatchObject({ ino: id, nlink: 2 })
    // undo: the removed name is re-created from the other one
    fs.linkSync(r.otherName as string, p('data-name2.txt'))
    expect(fs.statSync(p('data-name2.txt')).ino).toBe(id)
  })

  it('leaves otherName out when no other name is in the same folder, and refuses the last name', () => {
    removeLink(p('data-name2.txt'))
    const r = removeLink(p('data.txt'))
    expect(r.remainingNames).toBe(1)
    expect(r.otherName).toBeUndefined()
    expect(fs.readFileSync(p('elsewhere', 'data-name3.txt'), 'utf8')).toBe('precious data\n')
    const e = expectRefused(
      [root],
      () => removeLink(p('elsewhere', 'data-name3.txt')),
      'LAST_NAME',
      p('elsewhere', 'data-name3.txt'),
    )
    expect(e.message).toBe(
      `${p('elsewhere', 'data-name3.txt')} is the only name of the file; removing it would delete its data.`,
    )
  })
})

describe('refusing, with the disk left exactly as it was', () => {
  it('refuses a file with one name: LAST_NAME', () => {
    expectRefused([root], () => removeLink(p('single.txt')), 'LAST_NAME', p('single.txt'))
  })

  it('refuses real folders, empty or not: NOT_A_LINK', () => {
    const e = expectRefused([root], () => removeLink(p('target')), 'NOT_A_LINK', p('target'))
    expect(e.message).toContain('real folder')
    expectRefused([root], () => removeLink(p('empty-dir')), 'NOT_A_LINK', p('empty-dir'))
  })

  it('refuses special files (a fifo): NOT_A_LINK', () => {
    expectRefused([root], () => removeLink(p('pipe')), 'NOT_A_LINK', p('pipe'))
  })

  it('refuses a missing path: NOT_FOUND', () => {
    expectRefused([root], () => removeLink(p('nope')), 'NOT_FOUND', p('nope'))
    expectRefused([root], () => removeLink(p('single.txt', 'x')), 'NOT_A_DIRECTORY')
  })
})

describe('a path that changes between the look and the removal', () => {
  it('is refused, and nothing is removed', () => {
    // A real change at a fixed moment: while the engine looks for another name of the file
    // (after classifying it, before removing), the name is replaced by a different, single-name file.
    fs.writeFileSync(p('intruder.txt'), "someone else's only copy\n")
    const plat = platform()
    const openDir = plat.openDir
    let swapped: string[] = []
    const spy = vi.spyOn(plat, 'openDir').mockImplementation((dir) => {
      fs.renameSync(p('intruder.txt'), p('data-name2.txt'))
      swapped = treeLines(root)
      return openDir(dir)
    })
    try {
      let thrown: unknown
      try {
        removeLink(p('data-name2.txt'))
      } catch (e) {
        thrown = e
      }
      expect(spy).toHaveBeenCalled()
      expect(thrown).toMatchObject({ code: 'CHANGED', path: p('data-name2.txt') })
      expect((thrown as Error).message).toContain('changed')
      expect(treeLines(root)).toEqual(swapped)
      expect(fs.readFileSync(p('data-name2.txt'), 'utf8')).toBe("someone else's only copy\n")
    } finally {
      spy.mockRestore()
    }
  })
})
