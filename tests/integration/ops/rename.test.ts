import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { renameEntry } from '../../../electron/engine/ops'
import { makeTempDir } from '../../helpers/link-tree'
import { expectRefused } from './refused'

let root: string
const p = (...parts: string[]): string => path.join(root, ...parts)

beforeEach(() => {
  root = makeTempDir('linkscope-rename-')
  fs.writeFileSync(p('a.txt'), 'alpha\n')
  fs.linkSync(p('a.txt'), p('a-other-name.txt'))
  fs.writeFileSync(p('taken.txt'), 'taken\n')
  fs.symlinkSync('nowhere', p('dangling'))
  fs.mkdirSync(p('dir'))
  fs.mkdirSync(p('dir2'))
  fs.symlinkSync('dir', p('dir-link'))
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

describe('renaming', () => {
  it('renames a file, a folder and a link (the link itself, its text unchanged)', () => {
    const ino = fs.statSync(p('a.txt')).ino
    expect(renameEntry(p('a.txt'), 'b.txt')).toMatchObject({ path: p('b.txt'), name: 'b.txt', kind: 'file', links: 2 })
    expect(fs.statSync(p('b.txt')).ino).toBe(ino)
    expect(fs.existsSync(p('a.txt'))).toBe(false)
    expect(renameEntry(p('dir'), 'folder').kind).toBe('dir')
    expect(renameEntry(p('dangling'), 'still-dangling')).toMatchObject({
      kind: 'symlink',
      target: 'nowhere',
      status: 'broken',
    })
  })

  it('returns the entry unchanged when the name is the same', () => {
    expect(renameEntry(p('a.txt'), 'a.txt')).toMatchObject({ path: p('a.txt'), links: 2 })
  })
})

describe('refusing, with the disk left exactly as it was', () => {
  it("never replaces: a taken name, a dangling link's name, a folder, another name of the same file", () => {
    expectRefused([root], () => renameEntry(p('a.txt'), 'taken.txt'), 'ALREADY_EXISTS', p('taken.txt'))
    expectRefused([root], () => renameEntry(p('a.txt'), 'dangling'), 'ALREADY_EXISTS', p('dangling'))
    expectRefused([root], () => renameEntry(p('dir'), 'dir2'), 'ALREADY_EXISTS', p('dir2'))
    expectRefused([root], () => renameEntry(p('dir-link'), 'dir2'), 'ALREADY_EXISTS', p('dir2'))
    // rename(2) between two names of one file "succeeds" doing nothing; we refuse instead
    expectRefused([root], () => renameEntry(p('a.txt'), 'a-other-name.txt'), 'ALREADY_EXISTS', p('a-other-name.txt'))
  })

  it('refuses names no file system here takes: INVALID_NAME', () => {
    for (const bad of ['', '.', '..', 'a/b', '../escape', 'nul\0byte']) {
      expectRefused([root], () => renameEntry(p('a.txt'), bad), 'INVALID_NAME')
    }
  })

  it('refuses a name over 255 bytes: PATH_TOO_LONG', () => {
    expectRefused([root], () => renameEntry(p('a.txt'), 'ü'.repeat(128)), 'PATH_TOO_LONG')
  })

  it('refuses a missing entry: NOT_FOUND', () => {
    expectRefused([root], () => renameEntry(p('nope'), 'x'), 'NOT_FOUND', p('nope'))
  })
})
