/**
 * The removal at the end of a move: the whole tree goes, names that are not UTF-8 included, and nothing a
 * link inside (or the path itself, when it is a link) leads to is touched.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { removeTree } from '../../../electron/engine/move/remove-tree'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'
import { RAW_NAME } from './move-fixture'

let top: string
let outside: string
beforeEach(() => {
  top = makeTempDir('linkscope-remove-tree-')
  outside = path.join(top, 'outside')
  fs.mkdirSync(path.join(outside, 'keep'), { recursive: true })
  fs.writeFileSync(path.join(outside, 'keep', 'f.txt'), 'kept\n')
})
afterEach(() => fs.rmSync(top, { recursive: true, force: true }))

describe('removeTree', () => {
  it('removes a tree with deep folders, hard links and byte names, never following its links', () => {
    const t = path.join(top, 'tree')
    fs.mkdirSync(path.join(t, 'a', 'b', 'c'), { recursive: true })
    fs.writeFileSync(path.join(t, 'a', 'one.txt'), '1')
    fs.linkSync(path.join(t, 'a', 'one.txt'), path.join(t, 'a', 'b', 'one-again.txt'))
    fs.mkdirSync(Buffer.concat([Buffer.from(path.join(t, 'a') + '/'), RAW_NAME]))
    fs.writeFileSync(Buffer.concat([Buffer.from(path.join(t, 'a') + '/'), RAW_NAME, Buffer.from('/x')]), 'x')
    fs.symlinkSync(path.join(outside, 'keep'), path.join(t, 'a', 'b', 'c', 'to-outside'))
    fs.symlinkSync(path.join(outside, 'keep', 'f.txt'), path.join(t, 'file-link'))
    const kept = treeHash(outside)
    removeTree(t)
    expect(fs.existsSync(t)).toBe(false)
    expect(treeHash(outside)).toBe(kept)
  })

  it('a link at the path itself is removed as a link; a missing path is nothing to do', () => {
    const link = path.join(top, 'link')
    fs.symlinkSync(path.join(outside, 'keep'), link)
    const kept = treeHash(outside)
    removeTree(link)
    expect(fs.lstatSync(link, { throwIfNoEntry: false })).toBeUndefined()
    expect(treeHash(outside)).toBe(kept)
    expect(() => removeTree(path.join(top, 'none'))).not.toThrow()
  })
})
