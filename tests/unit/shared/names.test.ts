import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  decodeNameBytes,
  encodeNameBytes,
  escapedName,
  hasRawBytes,
  needsEscapes,
  parseEscaped,
  visibleName,
} from '../../../shared/names'

const bytes = fc.uint8Array({ minLength: 0, maxLength: 40 })
/** Bytes biased towards what breaks UTF-8 decoders: lead bytes, continuation bytes, surrogate encodings. */
const nasty = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x80, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xa0, 0xf0, 0xf4, 0x90, 0x8f, 0xff, 0x1b, 0x0a, 0x5c),
    ),
    { maxLength: 40 },
  )
  .map((xs) => Uint8Array.from(xs))
const anyBytes = fc.oneof(bytes, nasty)
const isUtf8 = (b: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b)
    return true
  } catch {
    return false
  }
}

describe('names are bytes: the surrogate-escape codec', () => {
  it('gives back every byte sequence exactly', () => {
    fc.assert(
      fc.property(anyBytes, (b) => {
        expect(encodeNameBytes(decodeNameBytes(b))).toEqual(b)
      }),
      { numRuns: 5000 },
    )
  })

  it('reads UTF-8 as UTF-8, and marks raw bytes exactly when the bytes are not UTF-8', () => {
    fc.assert(
      fc.property(anyBytes, (b) => {
        const s = decodeNameBytes(b)
        expect(hasRawBytes(s)).toBe(!isUtf8(b))
        if (isUtf8(b)) expect(s).toBe(new TextDecoder().decode(b))
      }),
      { numRuns: 5000 },
    )
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(decodeNameBytes(new TextEncoder().encode(s))).toBe(s)
      }),
    )
  })

  it("escapes each bad byte on its own, the way Python's surrogateescape does", () => {
    expect(decodeNameBytes(Uint8Array.of(0x61, 0xff, 0x62))).toBe('a\udcffb')
    expect(decodeNameBytes(Uint8Array.of(0xe2, 0x82, 0x41))).toBe('\udce2\udc82A') // a truncated sequence
    expect(decodeNameBytes(Uint8Array.of(0xed, 0xa0, 0x80))).toBe('\udced\udca0\udc80') // an encoded surrogate is not UTF-8
    expect(decodeNameBytes(Uint8Array.of(0xc0, 0xaf))).toBe('\udcc0\udcaf') // an overlong "/"
    expect(hasRawBytes('\ud800\udc80')).toBe(false) // U+10000's low half is not a raw byte
  })
})

describe('names as people read them', () => {
  it('shows controls, reordering marks and raw bytes as escapes, and nothing else changes', () => {
    expect(visibleName('a\nb\tc\u001b[31m\u007f\u0085\u202e\udcff.txt')).toBe(
      'a\\nb\\tc\\x1B[31m\\x7F\\u0085\\u202E\\xFF.txt',
    )
    expect(visibleName('Rapport – été 文件 \ud83d\ude00.txt')).toBe('Rapport – été 文件 \ud83d\ude00.txt')
    expect(needsEscapes('plain')).toBe(false)
    expect(needsEscapes('bad\udcff')).toBe(true)
    expect(needsEscapes('two\nlines')).toBe(true)
  })

  it('the escaped form holds nothing a terminal acts on and reads back exactly', () => {
    fc.assert(
      fc.property(anyBytes, (b) => {
        const name = decodeNameBytes(b.filter((x) => x !== 0))
        const shown = escapedName(name)
        // eslint-disable-next-line no-control-regex -- control characters are what must not appear
        expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\udc80-\udcff]/u)
        expect(parseEscaped(shown)).toBe(name)
      }),
      { numRuns: 5000 },
    )
  })

  it('refuses a malformed escape with the reason, and a NUL', () => {
    expect(() => parseEscaped('a\\q')).toThrow(/not an escape/)
    expect(() => parseEscaped('a\\x4')).toThrow(/not an escape/)
    expect(() => parseEscaped('a\\ud800')).toThrow(/half a character/)
    expect(() => parseEscaped('a\\x00')).toThrow(/NUL/)
    expect(parseEscaped('caf\\xC3\\xA9')).toBe('café') // escaped bytes that are UTF-8 are that text
  })
})
