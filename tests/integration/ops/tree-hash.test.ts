import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { makeTempDir } from '../../helpers/link-tree'
import { treeHash, treeLines } from '../../helpers/tree-hash'

let root: string
const p = (...parts: string[]): string => path.join(root, ...parts)

beforeEach(() => {
  root = makeTempDir('linkscope-hash-')
  fs.mkdirSync(p('d'))
  fs.writeFileSync(p('d', 'f.txt'), 'bytes\n')
  fs.symlinkSync('d/f.txt', p('l'))
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

// The refusal tests lean on this fingerprint: it must see every kind of change they guard against.
describe('the tree fingerprint', () => {
  it('is stable, and never follows links', () => {
    expect(treeHash(root)).toBe(treeHash(root))
    expect(treeLines(root).find((l) => l.startsWith('"l"'))).toMatch(/ symlink .* -> d\/f\.txt$/)
  })

  it.each([
    ['one changed byte', () => fs.writeFileSync(p('d', 'f.txt'), 'bytez\n')],
    ['a new hard-link name (link count)', () => fs.linkSync(p('d', 'f.txt'), p('d', 'g.txt'))],
    [
      'a retargeted symbolic link',
      () => {
        fs.unlinkSync(p('l'))
        fs.symlinkSync('d', p('l'))
      },
    ],
    [
      'a file replaced by an equal copy (inode)',
      () => {
        fs.copyFileSync(p('d', 'f.txt'), p('c'))
        fs.renameSync(p('c'), p('d', 'f.txt'))
      },
    ],
    ['a new empty folder', () => fs.mkdirSync(p('e'))],
    ['a changed mode', () => fs.chmodSync(p('d', 'f.txt'), 0o600)],
  ])('changes with %s', (_what, change) => {
    const before = treeHash(root)
    change()
    expect(treeHash(root)).not.toBe(before)
  })
})
