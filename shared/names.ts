/**
 * Names are bytes. On Linux a file name is any bytes but "/" and NUL, and need not be UTF-8. Linkscope
 * carries such a name as a string in which every byte that is not part of well-formed UTF-8 stands as one
 * lone surrogate, U+DC80 + (byte - 0x80): the "surrogateescape" convention Python uses for file names.
 * Well-formed UTF-8 never encodes a surrogate, so the mapping is lossless both ways, strings stay strings
 * (IPC, JSON with "\udcff" escapes), and only the edges that touch the disk turn them back into bytes.
 */

// Both Node and browsers have these; shared/ compiles without either's library types, so say what is used.
declare const TextEncoder: new () => { encode(s: string): Uint8Array }
declare const TextDecoder: new (label: 'utf-8') => { decode(b: Uint8Array): string }

/** With the u flag a class of surrogates matches only lone ones, never half of a pair. */
const RAW_BYTE = /[\uDC80-\uDCFF]/u
const RAW_BYTES = /[\uDC80-\uDCFF]/gu

/** True when `s` carries bytes that are not UTF-8 (it came from a name that is not valid UTF-8). */
export const hasRawBytes = (s: string): boolean => RAW_BYTE.test(s)

/** After a lead byte: how many continuation bytes follow, and the range the first must lie in (RFC 3629). */
function leadOf(c: number): [extra: number, lo: number, hi: number] | null {
  if (c >= 0xc2 && c <= 0xdf) return [1, 0x80, 0xbf]
  if (c >= 0xe0 && c <= 0xef) return [2, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf] // no overlongs, no surrogates
  if (c >= 0xf0 && c <= 0xf4) return [3, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf] // nothing past U+10FFFF
  return null
}

/** The length of the well-formed UTF-8 sequence starting at bytes[i], or 0 when none starts there. */
function sequenceAt(bytes: Uint8Array, i: number): number {
  const c = bytes[i] as number
  if (c < 0x80) return 1
  const lead = leadOf(c)
  if (!lead) return 0
  const [extra, lo, hi] = lead
  if (i + extra >= bytes.length) return 0
  const second = bytes[i + 1] as number
  if (second < lo || second > hi) return 0
  for (let j = 2; j <= extra; j++) {
    const b = bytes[i + j] as number
    if (b < 0x80 || b > 0xbf) return 0
  }
  return extra + 1
}

/** A name's bytes as Linkscope's string: UTF-8 where it is UTF-8, each other byte as its escape. */
export function decodeNameBytes(bytes: Uint8Array): string {
  let out = ''
  let start = 0
  const decoder = new TextDecoder('utf-8')
  for (let i = 0; i < bytes.length;) {
    const n = sequenceAt(bytes, i)
    if (n > 0) {
      i += n
      continue
    }
    out += decoder.decode(bytes.subarray(start, i)) + String.fromCharCode(0xdc00 + (bytes[i] as number))
    start = ++i
  }
  return out + decoder.decode(bytes.subarray(start))
}

/** The bytes a Linkscope string names: the inverse of decodeNameBytes. */
export function encodeNameBytes(s: string): Uint8Array {
  const encoder = new TextEncoder()
  if (!hasRawBytes(s)) return encoder.encode(s)
  const parts: Uint8Array[] = []
  let start = 0
  for (const m of s.matchAll(RAW_BYTES)) {
    parts.push(encoder.encode(s.slice(start, m.index)), Uint8Array.of(s.charCodeAt(m.index) - 0xdc00))
    start = m.index + 1
  }
  parts.push(encoder.encode(s.slice(start)))
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** How many bytes the file system stores for `s` (a raw byte is one byte, not the three of its escape). */
export const nameByteLength = (s: string): number => encodeNameBytes(s).length

/**
 * Characters shown as escapes instead of themselves: C0 and C1 controls (ESC starts terminal escape
 * sequences, a newline splits a line), DEL, the marks that reorder text (bidi overrides and isolates, which
 * can make a name read as another), and raw bytes.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\uDC80-\uDCFF]/gu
const SHORT: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' }

function escapeChar(c: string): string {
  const code = c.charCodeAt(0)
  if (code >= 0xdc80 && code <= 0xdcff) return `\\x${(code - 0xdc00).toString(16).toUpperCase()}`
  // \xHH is kept for raw bytes and ASCII; C1 controls are characters, so they take \uHHHH.
  return (
    SHORT[c] ??
    (code < 0x80
      ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`)
  )
}

/** True when a name shows differently from its characters (it holds controls, reordering marks or raw bytes). */
export const needsEscapes = (s: string): boolean => {
  UNSHOWABLE.lastIndex = 0
  return UNSHOWABLE.test(s)
}

/** A name as people read it: every control, reordering mark and raw byte shown as an escape (\n, \x1B, \xFF). */
export const visibleName = (s: string): string => s.replace(UNSHOWABLE, escapeChar)

/**
 * The escaped form: visibleName with backslashes doubled, so it reads back exactly (parseEscaped). The CLI
 * prints names this way and takes them back with --escaped, which is how a shell passes a name that is not
 * UTF-8 where the command line itself cannot carry it.
 */
export const escapedName = (s: string): string => s.replace(/\\/g, '\\\\').replace(UNSHOWABLE, escapeChar)

const ESCAPES: Record<string, number> = { '\\': 0x5c, n: 0x0a, t: 0x09, r: 0x0d }
const ESCAPE_HELP = 'use \\\\, \\n, \\t, \\r, \\xHH or \\uHHHH'

/** The bytes of the escape whose letter is at text[i] (just after the backslash), and how many characters it took. */
function escapeAt(text: string, i: number): [bytes: number[], used: number] {
  const kind = text[i] ?? ''
  const short = ESCAPES[kind]
  if (short !== undefined) return [[short], 1]
  if (kind === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3)))
    return [[parseInt(text.slice(i + 1, i + 3), 16)], 3]
  if (kind === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
    const cp = parseInt(text.slice(i + 1, i + 5), 16)
    if (cp >= 0xd800 && cp <= 0xdfff)
      throw new SyntaxError(`\\u${text.slice(i + 1, i + 5)} is half a character; write a raw byte as \\xHH`)
    return [[...new TextEncoder().encode(String.fromCharCode(cp))], 5]
  }
  throw new SyntaxError(`"\\${kind}" is not an escape Linkscope knows (${ESCAPE_HELP})`)
}

/** The string an escaped form stands for. Throws SyntaxError (with the reason) on a malformed escape. */
export function parseEscaped(text: string): string {
  const bytes: number[] = []
  const encoder = new TextEncoder()
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      const [escaped, used] = escapeAt(text, i + 1)
      bytes.push(...escaped)
      i += used
      continue
    }
    const cp = text.codePointAt(i) as number
    if (cp >= 0xdc80 && cp <= 0xdcff) {
      bytes.push(cp - 0xdc00)
      continue
    } // already a raw byte
    const ch = String.fromCodePoint(cp)
    if (ch.length === 2) i++
    bytes.push(...encoder.encode(ch))
  }
  if (bytes.includes(0)) throw new SyntaxError('a name cannot hold a NUL byte (\\x00)')
  return decodeNameBytes(Uint8Array.from(bytes))
}
