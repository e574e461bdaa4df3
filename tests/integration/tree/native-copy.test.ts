/**
 * The native one-call file copy a tree copy uses (copyFileKeep): bytes, mode, owner and both times kept
 * to the nanosecond; never replaces, never follows a link, refuses what is not a regular file; and a tree
 * copy made without it (node:fs, LINKSCOPE_SCAN_NATIVE=0) keeps the same attributes.
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { copyTree } from '../../../electron/engine/tree'
import { type NativeCopy, nativeCopy } from '../../../electron/engine/tree/native-copy'
import { makeTempDir } from '../../helpers/link-tree'
import { skipUnlessRoot } from '../../helpers/needs-root'

let top: string
beforeEach(() => {
  top = makeTempDir('linkscope-native-copy-')
})
afterEach(() => fs.rmSync(top, { recursive: true, force: true }))

const ATIME = new Date('2001-02-03T04:05:06.123Z')
const MTIME = new Date('2002-03-04T05:06:07.456Z')

/** A file with odd attributes (whose access time is ATIME until it is read): mode 0640 with set-gid, owner 4321:4322 (we run as root), old times. */
function oddFile(p: string, bytes: Buffer): void {
  fs.writeFileSync(p, bytes)
  fs.chownSync(p, 4321, 4322)
  fs.chmodSync(p, 0o2640)
  fs.utimesSync(p, ATIME, MTIME)
}

function expectSameFile(a: string, b: string): void {
  const sa = fs.lstatSync(a, { bigint: true })
  const sb = fs.lstatSync(b, { bigint: true })
  expect(sb.ino).not.toBe(sa.ino)
  expect([sb.mode, sb.uid, sb.gid, sb.size]).toEqual([sa.mode, sa.uid, sa.gid, sa.size])
  // the access time the source had before the copy read it (reading moves it: relatime, the time is old)
  expect([sb.atimeNs, sb.mtimeNs]).toEqual([BigInt(ATIME.getTime()) * 1_000_000n, sa.mtimeNs])
  expect(fs.readFileSync(b).equals(fs.readFileSync(a))).toBe(true)
}

describe('copyFileKeep', () => {
  const copy = nativeCopy() as NativeCopy
  it('is built (npm ci builds the addon on Linux)', () => expect(typeof copy).toBe('function'))

  it('copies bytes, mode, owner and times, across devices too', (ctx) => {
    skipUnlessRoot(ctx, 'gives the source file to another owner (chown)')
    const bytes = Buffer.alloc((3 << 20) | 7, 1)
    bytes[bytes.length - 1] = 9
    oddFile(path.join(top, 'a'), bytes)
    expect(copy(path.join(top, 'a'), path.join(top, 'b'))).toBe(bytes.length)
    expectSameFile(path.join(top, 'a'), path.join(top, 'b'))
    const shm = fs.mkdtempSync('/dev/shm/linkscope-native-copy-')
    try {
      fs.utimesSync(path.join(top, 'a'), ATIME, MTIME) // the first copy's reading moved it
      expect(copy(path.join(top, 'a'), path.join(shm, 'b'))).toBe(bytes.length)
      expectSameFile(path.join(top, 'a'), path.join(shm, 'b'))
      oddFile(path.join(top, 'empty'), Buffer.alloc(0))
      expect(copy(path.join(top, 'empty'), path.join(shm, 'empty'))).toBe(0)
      expectSameFile(path.join(top, 'empty'), path.join(shm, 'empty'))
    } finally {
      fs.rmSync(shm, { recursive: true, force: true })
    }
  })

  it('never replaces, never follows a link, and refuses what is not a regular file', () => {
    fs.writeFileSync(path.join(top, 'a'), 'a')
    fs.writeFileSync(path.join(top, 'there'), 'kept')
    expect(() => copy(path.join(top, 'a'), path.join(top, 'there'))).toThrow(
      expect.objectContaining({ code: 'EEXIST' }),
    )
    expect(fs.readFileSync(path.join(top, 'there'), 'utf8')).toBe('kept')
    fs.symlinkSync(path.join(top, 'a'), path.join(top, 'link'))
    expect(() => copy(path.join(top, 'link'), path.join(top, 'l2'))).toThrow(expect.objectContaining({ code: 'ELOOP' }))
    fs.symlinkSync(path.join(top, 'nowhere'), path.join(top, 'b'))
    expect(() => copy(path.join(top, 'a'), path.join(top, 'b'))).toThrow(expect.objectContaining({ code: 'EEXIST' }))
    expect(fs.existsSync(path.join(top, 'nowhere'))).toBe(false)
    expect(() => copy(top, path.join(top, 'd2'))).toThrow(expect.objectContaining({ code: 'EINVAL' }))
    spawnSync('mkfifo', [path.join(top, 'fifo')])
    expect(() => copy(path.join(top, 'fifo'), path.join(top, 'd2'))).toThrow(
      expect.objectContaining({ code: 'EINVAL' }),
    ) // opened without waiting for a writer
    expect(fs.existsSync(path.join(top, 'd2'))).toBe(false)
  })
})

describe('a tree copy with and without the native copy', () => {
  it('keeps the same attributes either way', async (ctx) => {
    skipUnlessRoot(ctx, 'gives the source files to another owner (chown)')
    const src = path.join(top, 'src')
    fs.mkdirSync(path.join(src, 'sub'), { recursive: true })
    oddFile(path.join(src, 'sub', 'f'), Buffer.from('bytes'))
    fs.symlinkSync('sub/f', path.join(src, 'l'))
    fs.lchownSync(path.join(src, 'l'), 4321, 4322)
    fs.chownSync(path.join(src, 'sub'), 4321, 4322)
    fs.utimesSync(path.join(src, 'sub'), ATIME, MTIME)
    await copyTree(src, path.join(top, 'native'))
    fs.utimesSync(path.join(src, 'sub', 'f'), ATIME, MTIME) // the first copy's reading moved it
    process.env.LINKSCOPE_SCAN_NATIVE = '0'
    try {
      expect(nativeCopy()).toBeNull()
      await copyTree(src, path.join(top, 'node'))
    } finally {
      delete process.env.LINKSCOPE_SCAN_NATIVE
    }
    for (const made of ['native', 'node']) {
      fs.utimesSync(path.join(src, 'sub', 'f'), ATIME, MTIME)
      expectSameFile(path.join(src, 'sub', 'f'), path.join(top, made, 'sub', 'f'))
      for (const rel of ['l', 'sub']) {
        const a = fs.lstatSync(path.join(src, rel))
        const b = fs.lstatSync(path.join(top, made, rel))
        expect([b.mode, b.uid, b.gid, Math.round(b.mtimeMs)], `${made} ${rel}`).toEqual([
          a.mode,
          a.uid,
          a.gid,
          Math.round(a.mtimeMs),
        ])
      }
    }
  })
})
