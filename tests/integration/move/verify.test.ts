/**
 * The check between a move's copy and its swap reads every byte back: one byte changed in the copy, or in
 * the original after it was copied (size and times put back, so only the bytes tell), is CHANGED, through
 * the native compare and through node:fs alike; an untouched copy passes.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { verifyCopy } from '../../../electron/engine/move/verify'
import { nativeAddon } from '../../../electron/engine/scan/native-scan'
import { copyTree } from '../../../electron/engine/tree'
import { nativeSameBytes } from '../../../electron/engine/tree/native-copy'
import { LinkError } from '../../../shared/errors'
import { makeTempDir } from '../../helpers/link-tree'

let top: string
let src: string
let copy: string
beforeEach(async () => {
  top = makeTempDir('linkscope-verify-')
  src = path.join(top, 'src')
  copy = makeTempDir('linkscope-verify-copy-', '/dev/shm')
  fs.rmdirSync(copy)
  fs.mkdirSync(path.join(src, 'sub'), { recursive: true })
  fs.writeFileSync(path.join(src, 'small.txt'), 'small\n')
  const big = Buffer.alloc((1 << 20) + 5, 3)
  fs.writeFileSync(path.join(src, 'sub', 'big.bin'), big)
  await copyTree(src, copy)
})
afterEach(() => {
  fs.rmSync(top, { recursive: true, force: true })
  fs.rmSync(copy, { recursive: true, force: true })
})

/** Change the byte at `at` (from the end when negative), keeping the file's size and times. */
function flipByte(file: string, at: number): void {
  const st = fs.statSync(file)
  const fd = fs.openSync(file, 'r+')
  const pos = at < 0 ? st.size + at : at
  fs.writeSync(fd, Buffer.from([0x55]), 0, 1, pos)
  fs.closeSync(fd)
  fs.utimesSync(file, st.atime, st.mtime)
}

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
  } catch (e) {
    return e instanceof LinkError ? e.code : `not a LinkError: ${String(e)}`
  }
  return 'passed'
}

for (const through of ['the native compare', 'node:fs']) {
  describe(`verifyCopy through ${through}`, () => {
    beforeEach(() => {
      if (through === 'node:fs') process.env.LINKSCOPE_SCAN_NATIVE = '0'
    })
    afterEach(() => {
      delete process.env.LINKSCOPE_SCAN_NATIVE
    })
    const verify = (): Promise<unknown> => verifyCopy(src, copy, { linkTexts: new Map() })

    it('passes an untouched copy', async () => {
      expect(nativeSameBytes() === null).toBe(through === 'node:fs')
      expect(await codeOf(verify())).toBe('passed')
    })

    it('finds one byte changed in the copy, past the first block', async () => {
      flipByte(path.join(copy, 'sub', 'big.bin'), -1)
      expect(await codeOf(verify())).toBe('CHANGED')
    })

    it('finds one byte changed in the original after it was copied', async () => {
      flipByte(path.join(src, 'small.txt'), 0)
      expect(await codeOf(verify())).toBe('CHANGED')
    })

    it('finds an entry of the copy under another name, and one in another folder, as many entries', async () => {
      fs.renameSync(path.join(copy, 'small.txt'), path.join(copy, 'smalm.txt')) // sorts where it did
      expect(await codeOf(verify())).toBe('CHANGED')
      fs.renameSync(path.join(copy, 'smalm.txt'), path.join(copy, 'sub', 'small.txt'))
      expect(await codeOf(verify())).toBe('CHANGED')
      fs.renameSync(path.join(copy, 'sub', 'small.txt'), path.join(copy, 'small.txt'))
      expect(await codeOf(verify())).toBe('passed') // put back as it was: the same again
    })
  })
}

describe('sameBytes (native)', () => {
  it('compares bytes and lengths, never through a link', () => {
    const same = nativeSameBytes()
    expect(same).not.toBeNull()
    const a = path.join(src, 'sub', 'big.bin')
    expect(same?.(a, path.join(copy, 'sub', 'big.bin'))).toBe(true)
    fs.appendFileSync(path.join(copy, 'sub', 'big.bin'), 'x')
    expect(same?.(a, path.join(copy, 'sub', 'big.bin'))).toBe(false)
    fs.symlinkSync(a, path.join(top, 'link'))
    expect(() => same?.(a, path.join(top, 'link'))).toThrow(expect.objectContaining({ code: 'ELOOP' }))
    expect(() => same?.(a, path.join(top, 'none'))).toThrow(expect.objectContaining({ code: 'ENOENT' }))
  })
})

describe('sameBytes in batches (native)', () => {
  it('a copy or original longer or shorter than listed differs; both grown alike are still the same', async () => {
    const batch = nativeAddon().exports?.sameBytes as (
      a: string,
      b: string,
      sizes: Float64Array,
      threads: number,
    ) => Promise<Int32Array>
    expect(typeof batch).toBe('function')
    const write = (name: string, text: string): string => {
      fs.writeFileSync(path.join(top, name), text)
      return path.join(top, name)
    }
    const pairs: [string, string, number][] = [
      [write('a1', 'same text'), write('b1', 'same text'), 9], // listed as they are
      [write('a2', 'same text'), write('b2', 'same text!'), 9], // the copy one byte longer than listed
      [write('a3', 'same text!'), write('b3', 'same text'), 9], // the original grew since it was listed
      [write('a4', 'same text'), write('b4', 'same tex'), 9], // the copy short
      [write('a5', 'grown alike'), write('b5', 'grown alike'), 5], // both grew alike: still the same bytes
    ]
    const joined = (i: 0 | 1): string => pairs.map((p) => p[i] + '\0').join('')
    const verdicts = await batch(
      joined(0),
      joined(1),
      Float64Array.from(pairs, (p) => p[2]),
      2,
    )
    expect([...verdicts]).toEqual([1, 0, 0, 0, 1])
  })
})
