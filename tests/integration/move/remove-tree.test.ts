/**
 * The removal at the end of a move: the whole tree goes, names that are not UTF-8 included, and nothing a
 * link inside (or the path itself, when it is a link) leads to is touched.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { removeTree } from '../../../electron/engine/move/remove-tree'
import { nativeAddon } from '../../../electron/engine/scan/native-scan'
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

  it('the native remover deletes through folder handles and counts what it removed', () => {
    const remove = nativeAddon().exports?.removeTree as ((p: string) => number) | undefined
    expect(typeof remove).toBe('function') // built by npm ci on Linux; the engine falls back without it
    const t = path.join(top, 'tree')
    fs.mkdirSync(path.join(t, 'a', 'b'), { recursive: true })
    fs.writeFileSync(path.join(t, 'a', 'b', 'f'), 'f')
    fs.mkdirSync(Buffer.concat([Buffer.from(t + '/'), RAW_NAME]))
    fs.symlinkSync(path.join(outside, 'keep'), path.join(t, 'a', 'to-outside'))
    fs.symlinkSync('.', path.join(t, 'a', 'b', 'loop'))
    const kept = treeHash(outside)
    expect(remove?.(t)).toBe(7) // a, b, f, the raw-named folder, two links, and the root
    expect(fs.existsSync(t)).toBe(false)
    expect(treeHash(outside)).toBe(kept)
    expect(() => remove?.(path.join(outside, 'keep', 'f.txt'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }))
    fs.symlinkSync(path.join(outside, 'keep'), path.join(top, 'link'))
    expect(() => remove?.(path.join(top, 'link'))).toThrow(/^(ELOOP|ENOTDIR):/) // never entered through a link
    expect(treeHash(outside)).toBe(kept)
  })

  it('a tree nested deeper than the native remover goes is removed whole all the same', () => {
    const t = path.join(top, 'deep')
    let at = t
    for (let i = 0; i < 300; i++) at = path.join(at, 'd')
    fs.mkdirSync(at, { recursive: true })
    fs.writeFileSync(path.join(at, 'bottom.txt'), 'b')
    const remove = nativeAddon().exports?.removeTree as (p: string) => number
    expect(() => remove(t)).toThrow(expect.objectContaining({ code: 'ELOOP', syscall: 'depth' }))
    expect(fs.existsSync(t)).toBe(true) // the native remover stopped; removeTree leaves the rest to node:fs
    removeTree(t)
    expect(fs.existsSync(t)).toBe(false)
  })

  it('on several threads, a wide and deep tree is removed whole, counted once, links not followed', () => {
    const remove = nativeAddon().exports?.removeTree as (p: string, threads: number) => number
    const t = path.join(top, 'wide')
    let made = 1 // the root
    const folders = [t]
    fs.mkdirSync(t)
    for (let i = 0; i < 120; i++) {
      // each folder under an earlier one, so the tree is both wide and deep, as a real one is
      const d = path.join(folders[(i * 7) % folders.length] as string, `d${i}`)
      fs.mkdirSync(d)
      folders.push(d)
      made++
      for (let j = 0; j < 5; j++) fs.writeFileSync(path.join(d, `f${j}`), `${i}.${j}`)
      fs.symlinkSync(path.join(outside, 'keep'), path.join(d, 'out'))
      made += 6
    }
    const kept = treeHash(outside) // with its one name, as it is again once the tree is gone
    fs.linkSync(path.join(outside, 'keep', 'f.txt'), path.join(t, 'shared')) // a name of a file outside
    made++
    expect(remove(t, 8)).toBe(made)
    expect(fs.existsSync(t)).toBe(false)
    expect(treeHash(outside)).toBe(kept)
    expect(fs.readFileSync(path.join(outside, 'keep', 'f.txt'), 'utf8')).toBe('kept\n')
    fs.mkdirSync(path.join(top, 'deep8'))
    let at = path.join(top, 'deep8')
    for (let i = 0; i < 300; i++) at = path.join(at, 'd')
    fs.mkdirSync(at, { recursive: true })
    expect(() => remove(path.join(top, 'deep8'), 8)).toThrow(
      expect.objectContaining({ code: 'ELOOP', syscall: 'depth' }),
    )
    expect(fs.existsSync(path.join(top, 'deep8'))).toBe(true) // stopped: every thread, and every handle closed
  })
})
