/**
 * Fuzzed REPARSE_DATA_BUFFERs: valid buffers for every tag, then truncated, with header fields and
 * name offsets/lengths overwritten, or with random bytes. The decoder must either decode or throw a
 * LinkError; a RangeError (an out-of-bounds read) or any other error fails the test. Seeded, so a
 * failure reproduces.
 */
import { describe, expect, it } from 'vitest'

import {
  decodeReparseBuffer,
  encodeAppExecLink,
  encodeLxSymlink,
  encodeMountPoint,
  encodeSymlink,
} from '../../../electron/engine/platform/win32/codec/reparse-buffer'
import { LinkError } from '../../../shared/errors'
import { mulberry32 } from '../../helpers/mulberry32.mjs'

const ITERATIONS = 5000
const rand = mulberry32(0x5eed1234)
const int = (n: number): number => Math.floor(rand() * n)
const ALPHABET = ['a', 'Z', '\\', ':', '.', 'é', '文', '😀', ' ', '\0']
const text = (max: number): string => Array.from({ length: int(max) }, () => ALPHABET[int(ALPHABET.length)]).join('')

function validBuffer(): Buffer {
  switch (int(4)) {
    case 0:
      return encodeSymlink(text(40), text(40), rand() < 0.5)
    case 1:
      return encodeMountPoint(`\\??\\C:\\${text(40)}`, text(40))
    case 2:
      return encodeLxSymlink(text(40), int(4))
    default:
      return encodeAppExecLink(Array.from({ length: int(5) }, () => text(20)))
  }
}

type Outcome = 'decoded' | 'rejected'

function decodeOutcome(buf: Buffer): Outcome {
  try {
    const { data } = decodeReparseBuffer(buf)
    // A successful decode never silently shortens a name: lengths match the header.
    if (data.type === 'symlink' || data.type === 'mount-point') {
      expect(Buffer.byteLength(data.substituteName, 'utf16le')).toBe(buf.readUInt16LE(10))
      expect(Buffer.byteLength(data.printName, 'utf16le')).toBe(buf.readUInt16LE(14))
    }
    return 'decoded'
  } catch (e) {
    if (!(e instanceof LinkError)) throw new Error(`non-LinkError from ${buf.toString('hex')}: ${String(e)}`)
    expect(e.code).toBe('INVALID_ARGUMENT')
    expect(e.message).toMatch(/^The reparse data is malformed: .+\.$/)
    return 'rejected'
  }
}

describe('reparse decoder under fuzzing', () => {
  it(`round-trips ${ITERATIONS} random valid buffers`, () => {
    for (let i = 0; i < ITERATIONS; i++) expect(decodeOutcome(validBuffer())).toBe('decoded')
  })

  it('rejects every truncation that cuts into ReparseDataLength', () => {
    let rejected = 0
    for (let i = 0; i < ITERATIONS; i++) {
      const buf = validBuffer()
      const cut = int(buf.length)
      const declared = 8 + (cut >= 6 ? buf.readUInt16LE(4) : 0)
      expect(decodeOutcome(buf.subarray(0, cut))).toBe('rejected')
      if (cut < declared) rejected++
    }
    expect(rejected).toBe(ITERATIONS)
  })

  it('never reads out of bounds when header fields, offsets and lengths lie', () => {
    const seen = { decoded: 0, rejected: 0 }
    for (let i = 0; i < ITERATIONS; i++) {
      const buf = Buffer.from(validBuffer())
      for (let k = 0, n = 1 + int(3); k < n; k++) {
        const field = 4 + 2 * int(6) // ReparseDataLength, Reserved, SubstOff, SubstLen, PrintOff, PrintLen
        if (field + 2 > buf.length) continue
        const v = [0, 1, 0xffff, buf.length, buf.length + 1, int(0x10000), int(64) | 1][int(7)]!
        buf.writeUInt16LE(v, field)
      }
      seen[decodeOutcome(buf)]++
    }
    expect(seen.rejected).toBeGreaterThan(ITERATIONS / 4)
    expect(seen.decoded).toBeGreaterThan(0)
  })

  it('rejects odd UTF-16 lengths for every name', () => {
    for (let i = 0; i < ITERATIONS / 5; i++) {
      const buf = rand() < 0.5 ? encodeSymlink(text(20), text(20), true) : encodeMountPoint(text(20), text(20))
      const field = rand() < 0.5 ? 10 : 14
      buf.writeUInt16LE(buf.readUInt16LE(field) | 1, field)
      expect(decodeOutcome(buf)).toBe('rejected')
    }
  })

  it('survives random bytes under the link tags', () => {
    const tags = [0xa000000c, 0xa0000003, 0xa000001d, 0x8000001b, 0x9000001a]
    for (let i = 0; i < ITERATIONS; i++) {
      const buf = Buffer.from(Array.from({ length: int(64) }, () => int(256)))
      if (buf.length >= 4 && rand() < 0.8) buf.writeUInt32LE(tags[int(tags.length)]!, 0)
      decodeOutcome(buf)
    }
  })
})
