import * as fs from 'node:fs'

import { describe, expect, it } from 'vitest'

import { findDuplicates, mergeGroups, type MergeRecord } from '../../../electron/engine/dedupe'
import { HeldFolders } from '../../../electron/engine/platform/posix/at-folder'
import { nativeAt } from '../../../electron/engine/platform/posix/native-at'
import { eachTestTree, idOf, type Tree } from './dedupe-helpers'

let t: Tree
eachTestTree((tree) => (t = tree))

describe('merging through folders held open for the run', () => {
  it('a keeper rewritten with the same bytes after it was hashed is refused at the link, CHANGED, nothing linked', async () => {
    t.write('a/keep', 'same bytes\n')
    t.write('b/m1', 'same bytes\n')
    t.write('c/m2', 'same bytes\n')
    const { groups } = await findDuplicates([t.root])
    const ids = ['a/keep', 'b/m1', 'c/m2'].map((r) => idOf(t.p(r)))
    // same bytes (so the byte compare passes), a new mtime: only the check on the opened source can tell
    fs.writeFileSync(t.p('a/keep'), 'same bytes\n')
    fs.utimesSync(t.p('a/keep'), new Date(2001, 1, 1), new Date(2001, 1, 1))
    const records: MergeRecord[] = []
    const summary = await mergeGroups(groups, { keep: 'first-root', onRecord: (r) => records.push(r) })
    expect(summary.linked).toBe(0)
    expect(records.flatMap((r) => r.refused).map((r) => [r.path, r.code])).toEqual([
      [t.p('b/m1'), 'CHANGED'],
      [t.p('c/m2'), 'CHANGED'],
    ])
    expect(['a/keep', 'b/m1', 'c/m2'].map((r) => idOf(t.p(r)))).toEqual(ids)
    for (const d of ['b', 'c']) expect(fs.readdirSync(t.p(d))).toHaveLength(1) // no temporary name left
  })

  it('merges groups spread over more folders than it holds open at once', async () => {
    // 150 folders, more than the 128 held: the least recently used are closed and opened again
    for (let i = 0; i < 150; i++) t.write(`d${i}/x`, `group ${i % 30}\n`)
    const { groups } = await findDuplicates([t.root])
    expect(groups).toHaveLength(30)
    const summary = await mergeGroups(groups)
    expect(summary.linked).toBe(120)
    for (let g = 0; g < 30; g++) {
      const ids = new Set([0, 1, 2, 3, 4].map((k) => idOf(t.p(`d${g + 30 * k}/x`))))
      expect(ids.size).toBe(1)
    }
  })

  it('HeldFolders closes the least recently used past its bound, and all on close', () => {
    const at = nativeAt()
    expect(at).not.toBeNull()
    if (!at) return
    for (const d of ['x', 'y', 'z']) fs.mkdirSync(t.p(d))
    // what a descriptor of this process names now (a closed one's number may be reused for another file)
    const opens = (fd: number, rel: string): boolean => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`) === t.p(rel)
      } catch {
        return false
      }
    }
    const held = new HeldFolders(at, 2)
    const x = held.get(t.p('x'))
    const y = held.get(t.p('y'))
    expect(held.get(t.p('x'))).toBe(x) // x used last: y goes first
    const z = held.get(t.p('z'))
    expect([opens(x, 'x'), opens(y, 'y'), opens(z, 'z')]).toEqual([true, false, true])
    const y2 = held.get(t.p('y')) // opened again; x is now the least recently used and closed
    expect([opens(x, 'x'), opens(y2, 'y'), opens(z, 'z')]).toEqual([false, true, true])
    held.close()
    expect([opens(y2, 'y'), opens(z, 'z')]).toEqual([false, false])
  })
})
