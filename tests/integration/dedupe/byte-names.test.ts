/**
 * Names that are not UTF-8 (shared/names.ts: each raw byte carried as U+DC80 + byte - 0x80) through
 * finding, merging, *Link these*, undo and split: every step acts on the name's bytes, so the file with
 * that name is the one linked, copied and checked, never a U+FFFD look-alike or nothing at all.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { describe, expect, it } from 'vitest'

import { findDuplicates, mergeGroups, splitPaths, undoJournal } from '../../../electron/engine/dedupe'
import { keepPairs, linkPairs } from '../../../electron/engine/tree/link-pairs'
import { data, eachTestTree, type Tree } from './dedupe-helpers'

let t: Tree
eachTestTree((tree) => (t = tree))

/** A name's bytes, and the string Linkscope carries for it. */
const raw = (...parts: (string | number[])[]): { bytes: Buffer; name: string } => ({
  bytes: Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))),
  name: parts.map((p) => (typeof p === 'string' ? p : p.map((b) => String.fromCharCode(0xdc00 + b)).join(''))).join(''),
})
const under = (root: string, r: { bytes: Buffer; name: string }): { bytes: Buffer; name: string } => ({
  bytes: Buffer.concat([Buffer.from(root + '/'), r.bytes]),
  name: `${root}/${r.name}`,
})
const idOfBytes = (b: Buffer): string => {
  const st = fs.lstatSync(b)
  return `${st.dev}:${st.ino}`
}

describe.runIf(process.platform === 'linux')('names that are not UTF-8', () => {
  it('dupes finds them, dedupe links them, undo and split give each its own file back, bytes unchanged', async () => {
    const body = data(20_000)
    fs.mkdirSync(under(t.root, raw('d', [0xff])).bytes)
    const names = [raw('plain'), raw('caf', [0xe9]), raw('x', [0xff, 0xfe]), raw('d', [0xff], '/in')].map((r) =>
      under(t.root, r),
    )
    for (const n of names) fs.writeFileSync(n.bytes, body)
    // a look-alike whose name is the U+FFFD spelling: it must never be the file acted on
    const lookAlike = path.join(t.root, 'caf\ufffd')
    fs.writeFileSync(lookAlike, data(20_000))

    const found = await findDuplicates([t.root])
    expect(found.groups).toHaveLength(1)
    expect(found.groups[0]!.files.flatMap((f) => f.paths).sort()).toEqual(names.map((n) => n.name).sort())

    const merged = await mergeGroups(found.groups, {})
    expect(merged.linked).toBe(3)
    expect(new Set(names.map((n) => idOfBytes(n.bytes))).size).toBe(1)
    for (const n of names) expect(fs.readFileSync(n.bytes).equals(body)).toBe(true)
    expect(fs.readdirSync(t.root).filter((n) => n.startsWith('.linkscope'))).toEqual([])

    const undone = undoJournal(merged.journal as string)
    expect(undone.refused).toBe(0)
    expect(new Set(names.map((n) => idOfBytes(n.bytes))).size).toBe(4)
    for (const n of names) expect(fs.readFileSync(n.bytes).equals(body)).toBe(true)

    // a file with two byte names and an extended attribute: split copies the attribute to the new file
    const second = under(t.root, raw('d', [0xff], '/in', [0xfe]))
    fs.linkSync(names[3]!.bytes, second.bytes)
    execFileSync('sh', ['-c', 'setfattr -n user.tag -v kept "$(printf "$1")"', 'sh', `${t.root}/d\\377/in`])
    const split = splitPaths([names[3]!.name])
    expect(split.split).toBe(1)
    expect(idOfBytes(names[3]!.bytes)).not.toBe(idOfBytes(second.bytes))
    const attrs = execFileSync('sh', [
      '-c',
      'getfattr -n user.tag --only-values "$(printf "$1")"',
      'sh',
      `${t.root}/d\\377/in`,
    ])
    expect(attrs.toString()).toBe('kept')
    expect(fs.readFileSync(names[3]!.bytes).equals(body)).toBe(true)
  })

  it('*Link these* links a pair whose relative path is not UTF-8', async () => {
    const body = data(9000)
    const rel = raw('p', [0xe9, 0x80])
    fs.mkdirSync(path.join(t.root, 'A'))
    fs.mkdirSync(path.join(t.root, 'B'))
    const a = under(path.join(t.root, 'A'), rel)
    const b = under(path.join(t.root, 'B'), rel)
    fs.writeFileSync(a.bytes, body)
    fs.writeFileSync(b.bytes, body)
    const pairs = keepPairs([
      { path: rel.name, a: a.name, b: b.name, size: body.length, idA: idOfBytes(a.bytes), idB: idOfBytes(b.bytes) },
    ])
    expect(pairs.size).toBe(1)
    const r = await linkPairs(pairs, [rel.name], true)
    expect(r.refused).toEqual([])
    expect(r.linked).toEqual([rel.name])
    expect(idOfBytes(b.bytes)).toBe(idOfBytes(a.bytes))
    expect(fs.readFileSync(b.bytes).equals(body)).toBe(true)
  })
})
