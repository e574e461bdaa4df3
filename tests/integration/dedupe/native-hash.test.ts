/**
 * The addon's hashing and attribute reading for duplicate finding (native/read_hash.c): the same digests
 * as hash-wasm's XXH3-128 (the search gives the same hashes with or without the addon), the same
 * attribute lines as getfattr, and every file that is not the one first seen left out, never read.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'

import { createXXHash128 } from 'hash-wasm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { findDuplicates } from '../../../electron/engine/dedupe'
import { readXattrs, readXattrsWithGetfattr } from '../../../electron/engine/dedupe/metadata'
import { nativeHashFiles, nativeXattrsOf } from '../../../electron/engine/dedupe/native-hash'
import { data, makeTree, type Tree } from './dedupe-helpers'

let t: Tree
beforeEach(() => {
  t = makeTree()
})
afterEach(() => t.done())

const xxh128 = async (b: Buffer): Promise<string> => {
  const h = await createXXHash128()
  h.init()
  h.update(b)
  return h.digest('hex')
}

/** hashFiles' numbers for `p` as it is now: dev, ino, size, mtime unknown, and the range. */
function numsOf(p: string, at: number, length: number, mtimeMs = -1): number[] {
  const st = fs.lstatSync(p)
  return [st.dev, st.ino, st.size, mtimeMs, at, length]
}

const hashFiles = nativeHashFiles()
/** numbers a file in hashFiles' answer (read_hash.c OUT) */
const OUT = 7

describe.runIf(process.platform === 'linux')('native hashing (read_hash.c)', () => {
  it('is built here (the engine would fall back to hashing in JavaScript without it)', () => {
    expect(hashFiles).not.toBeNull()
    expect(nativeXattrsOf()).not.toBeNull()
  })

  it('gives hash-wasm xxh128 digests for whole files, heads and tails, small and past its buffer', async () => {
    const sizes = [1, 4095, 4096, 65_536, 65_537, (1 << 20) + 3, 3 * (1 << 20) + 5]
    const items: { p: string; body: Buffer; at: number; length: number }[] = []
    for (const size of sizes) {
      const body = data(size)
      const p = t.write(`f${size}`, body)
      items.push({ p, body, at: 0, length: size })
      if (size > 4096) items.push({ p, body, at: 0, length: 4096 }, { p, body, at: size - 4096, length: 4096 })
    }
    const r = await hashFiles!(
      items.map((i) => i.p),
      Float64Array.from(items.flatMap((i) => numsOf(i.p, i.at, i.length))),
      4,
    )
    for (const [k, i] of items.entries()) {
      expect(r.out[k * OUT], `${i.p} ${i.at}+${i.length}`).toBe(0)
      expect(r.hashes[k]).toBe(await xxh128(i.body.subarray(i.at, i.at + i.length)))
    }
    // what it saw: the mtime, mode and owner node reports
    const st = fs.statSync(items[0]!.p)
    expect(Array.from(r.out.subarray(2, 6))).toEqual([st.mtimeMs, st.mode, st.uid, st.gid])
  })

  it('says, after a whole read, whether the file has extended attributes (1 also for a part read: not asked)', async () => {
    const plain = t.write('plain', data(5000))
    const tagged = t.write('tagged', data(5000))
    const set = spawnSync('setfattr', ['-n', 'user.linkscope', '-v', 'x', tagged])
    expect(set.status, String(set.stderr)).toBe(0)
    const items: [string, number, number][] = [
      [plain, 0, 5000],
      [tagged, 0, 5000],
      [plain, 0, 4096],
    ]
    const r = await hashFiles!(
      items.map(([p]) => p),
      Float64Array.from(items.flatMap(([p, at, length]) => numsOf(p, at, length))),
      2,
    )
    expect([0, 1, 2].map((k) => [r.out[k * OUT], r.out[k * OUT + 6]])).toEqual([
      [0, 0],
      [0, 1],
      [0, 1],
    ])
  })

  it('reads a name that is not UTF-8 by its bytes', async () => {
    const body = data(777)
    const raw = Buffer.concat([Buffer.from(t.p('caf')), Buffer.from([0xe9, 0xff])])
    fs.writeFileSync(raw, body)
    const st = fs.statSync(raw)
    const name = `${t.p('caf')}\udce9\udcff` // shared/names.ts: each raw byte as U+DC80 + (byte - 0x80)
    const r = await hashFiles!([name], Float64Array.from([st.dev, st.ino, st.size, -1, 0, st.size]), 1)
    expect(r.out[0]).toBe(0)
    expect(r.hashes[0]).toBe(await xxh128(body))
  })

  it('leaves out, unread, what is not the file first seen: gone, another file, resized, touched, a link, a fifo', async () => {
    const a = t.write('a', data(5000))
    const b = t.write('b', data(5000))
    const ids = numsOf(a, 0, 5000)
    fs.symlinkSync(a, t.p('link'))
    execFileSync('mkfifo', [t.p('fifo')])
    const st = fs.statSync(a)
    const cases: [string, number[], number][] = [
      [t.p('gone'), ids, 1],
      [b, ids, 2], // another file at the name
      [a, [ids[0]!, ids[1]!, 4999, -1, 0, 4999], 2], // not the size seen
      [a, [ids[0]!, ids[1]!, 5000, st.mtimeMs - 1000, 0, 5000], 2], // not the mtime seen
      [t.p('link'), ids, 1], // never through a link (ELOOP)
      [t.p('fifo'), numsOf(t.p('fifo'), 0, 0), 2], // not a regular file, and no wait for a writer
    ]
    const r = await hashFiles!(
      cases.map((c) => c[0]),
      Float64Array.from(cases.flatMap((c) => c[1])),
      2,
    )
    cases.forEach(([p, , want], k) => {
      expect(r.out[k * OUT], p).toBe(want)
      expect(r.hashes[k]).toBeNull()
    })
  })

  it('the search reports the digest of the bytes, small files and large ones alike', async () => {
    const small = data(3000)
    const large = data(200_000)
    for (const n of ['s1', 's2']) t.write(n, small)
    for (const n of ['l1', 'l2']) t.write(n, large)
    const r = await findDuplicates([t.root])
    expect(r.groups.map((g) => g.hash).sort()).toEqual(
      [`xxh128:${await xxh128(small)}`, `xxh128:${await xxh128(large)}`].sort(),
    )
  })

  it('reads extended attributes and ACLs as getfattr prints them', () => {
    const plain = t.write('plain', 'x')
    const tagged = t.write('tagged', 'x')
    execFileSync('setfattr', ['-n', 'user.b', '-v', 'hello', tagged])
    execFileSync('setfattr', ['-n', 'user.a', '-v', '0x00ff0a', tagged])
    execFileSync('setfacl', ['-m', 'u:nobody:r', tagged])
    const paths = [plain, tagged, t.p('missing')]
    const native = readXattrs(paths)
    const getfattr = readXattrsWithGetfattr(paths)
    // getfattr prints nothing for a file without attributes; both read as '' then (metadataOf)
    expect(paths.map((p) => native?.get(p) ?? '')).toEqual(paths.map((p) => getfattr?.get(p) ?? ''))
    expect(native?.get(tagged)).toContain('user.a=0x00ff0a\nuser.b=0x68656c6c6f')
    expect(native?.get(tagged)).toContain('system.posix_acl_access=0x')
    expect(native?.get(plain)).toBe('')
    expect(native?.has(t.p('missing'))).toBe(false)
  })
})
