import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'

import { describe, expect, it } from 'vitest'

import {
  findDuplicates,
  mergeGroups,
  splitPaths,
  type SplitRecord,
  undoJournal,
  type UndoRecord,
} from '../../../electron/engine/dedupe'
import { contents, data, eachTestTree, idOf, type Tree } from './dedupe-helpers'

let t: Tree
eachTestTree((tree) => (t = tree))

describe('undoJournal', () => {
  it('gives every merged name back its own file, with its old mode and mtime; former link groups are one file again', async () => {
    const body = data(30_000)
    for (const n of ['a', 'b', 'c', 'd']) t.write(n, body)
    fs.linkSync(t.p('c'), t.p('c2'))
    fs.chmodSync(t.p('b'), 0o640)
    fs.utimesSync(t.p('a'), 1000, 1000)
    fs.utimesSync(t.p('b'), 2000, 2000)
    fs.utimesSync(t.p('d'), 3000, 3000)
    const all = ['a', 'b', 'c', 'c2', 'd'].map((n) => t.p(n))
    const bytes = contents(all)
    const { groups } = await findDuplicates([t.root])
    const merged = await mergeGroups(groups, { keep: 'oldest', ignoreMetadata: true })
    expect(merged.linked).toBe(4)
    expect(new Set(all.map(idOf)).size).toBe(1)

    const records: UndoRecord[] = []
    const summary = undoJournal(merged.journal as string, { onRecord: (r) => records.push(r) })
    expect(summary, JSON.stringify(records)).toMatchObject({ restored: 4, refused: 0 })
    expect(records.every((r) => r.restored)).toBe(true)
    expect(contents(all)).toEqual(bytes)
    // a keeps the keeper; b, d get files of their own; c and c2 share one again
    expect(new Set(all.map(idOf)).size).toBe(4)
    expect(idOf(t.p('c'))).toBe(idOf(t.p('c2')))
    expect(fs.statSync(t.p('c')).nlink).toBe(2)
    expect(fs.statSync(t.p('b')).mode & 0o777).toBe(0o640)
    expect(fs.statSync(t.p('b')).mtimeMs).toBe(2_000_000)
    expect(fs.statSync(t.p('d')).mtimeMs).toBe(3_000_000)
    expect(fs.statSync(t.p('a')).nlink).toBe(1)
  })

  it('leaves a name that no longer belongs to its keeper, and says so (CHANGED)', async () => {
    t.write('a', 'same\n')
    t.write('b', 'same\n')
    const { groups } = await findDuplicates([t.root])
    const merged = await mergeGroups(groups, { keep: 'first-root' })
    fs.rmSync(t.p('b'))
    fs.writeFileSync(t.p('b'), 'written since\n')
    const records: UndoRecord[] = []
    const summary = undoJournal(merged.journal as string, { onRecord: (r) => records.push(r) })
    expect(summary).toMatchObject({ restored: 0, refused: 1 })
    expect(records).toEqual([expect.objectContaining({ path: t.p('b'), restored: false, code: 'CHANGED' })])
    expect(fs.readFileSync(t.p('b'), 'utf8')).toBe('written since\n')
  })

  it('gives the restored copies the extended attributes and ACL their names had', async () => {
    const body = data(20_000)
    for (const n of ['a', 'b']) t.write(n, body)
    for (const n of ['a', 'b']) {
      execFileSync('setfattr', ['-n', 'user.tag', '-v', 'kept', t.p(n)])
      execFileSync('setfacl', ['-m', 'u:65534:r', t.p(n)])
    }
    const { groups } = await findDuplicates([t.root])
    const merged = await mergeGroups(groups, { keep: 'first-root' })
    expect(idOf(t.p('a'))).toBe(idOf(t.p('b')))
    expect(undoJournal(merged.journal as string)).toMatchObject({ restored: 1, refused: 0 })
    expect(idOf(t.p('a'))).not.toBe(idOf(t.p('b')))
    for (const n of ['a', 'b']) {
      expect(xattrsOf(t.p(n)), n).toContain('user.tag=0x6b657074')
      expect(execFileSync('getfacl', ['-cpn', t.p(n)], { encoding: 'utf8' }), n).toContain('user:65534:r--')
    }
  })

  it('refuses a file that is not a dedupe journal', () => {
    const f = t.write('not-a-journal.jsonl', '{"hello":1}\n')
    expect(() => undoJournal(f)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })
})

describe('splitPaths', () => {
  it('makes a name an independent copy, keeping bytes, mode and times; the other names keep the file', () => {
    const p = t.write('x', 'shared bytes\n')
    fs.linkSync(p, t.p('y'))
    fs.chmodSync(p, 0o604)
    fs.utimesSync(p, 5000, 5000)
    const id = idOf(p)
    const records: SplitRecord[] = []
    const summary = splitPaths([p, t.p('lonely-missing')], { onRecord: (r) => records.push(r) })
    expect(summary.split).toBe(1)
    expect(records[0]).toMatchObject({ path: p, split: true, links: 2 })
    expect(records[1]).toMatchObject({ path: t.p('lonely-missing'), split: false, code: 'NOT_FOUND' })
    expect(idOf(p)).not.toBe(id)
    expect(idOf(t.p('y'))).toBe(id)
    expect(fs.readFileSync(p, 'utf8')).toBe('shared bytes\n')
    expect(fs.statSync(p).mode & 0o777).toBe(0o604)
    expect(fs.statSync(p).mtimeMs).toBe(5_000_000)
    expect(fs.statSync(t.p('y')).nlink).toBe(1)
    // a file with one name is left as it is
    const again: SplitRecord[] = []
    splitPaths([p], { onRecord: (r) => again.push(r) })
    expect(again).toEqual([{ path: p, split: false, links: 1 }])
  })

  it('keeps the extended attributes on the copy (both names keep them)', () => {
    t.write('a', 'with attributes\n')
    fs.linkSync(t.p('a'), t.p('b'))
    execFileSync('setfattr', ['-n', 'user.tag', '-v', 'one', t.p('a')])
    execFileSync('setfattr', ['-n', 'user.other', '-v', '0x00ff0a', t.p('a')])
    const before = xattrsOf(t.p('a'))
    expect(splitPaths([t.p('b')])).toMatchObject({ split: 1 })
    expect(idOf(t.p('a'))).not.toBe(idOf(t.p('b')))
    expect(xattrsOf(t.p('b'))).toBe(before)
    expect(xattrsOf(t.p('a'))).toBe(before)
    expect(before).toContain('user.other=0x00ff0a')
  })

  it('refuses a folder or a symbolic link', () => {
    fs.mkdirSync(t.p('dir'))
    fs.symlinkSync('dir', t.p('link'))
    const records: SplitRecord[] = []
    splitPaths([t.p('dir'), t.p('link')], { onRecord: (r) => records.push(r) })
    expect(records.map((r) => 'code' in r && r.code)).toEqual(['CHANGED', 'CHANGED'])
  })
})

/** A file's extended attributes as getfattr prints them, without the line naming the file. */
function xattrsOf(p: string): string {
  return execFileSync('getfattr', ['-d', '-m', '-', '-e', 'hex', '--absolute-names', p], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .sort()
    .join('\n')
}
