/**
 * One NDJSON line. A string holding raw bytes (a name that is not UTF-8, see shared/names.ts) is already
 * lossless in JSON: each raw byte is written "\udcXX", which JSON.parse gives back as it was and Python
 * reads with os.fsencode (its surrogateescape convention). For readers whose JSON library replaces lone
 * surrogates, every such field also gets a `<field>Base64` sibling with the exact bytes.
 */
import { encodeNameBytes, hasRawBytes } from '../../shared/names'

const base64 = (s: string): string => Buffer.from(encodeNameBytes(s)).toString('base64')
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const rawString = (v: unknown): boolean => typeof v === 'string' && hasRawBytes(v)

/** `value` with a `<field>Base64` sibling beside every string (or array of strings) that holds raw bytes. */
export function withBytes(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    out[key] = isRecord(v) ? withBytes(v) : v
    if (rawString(v)) out[`${key}Base64`] = base64(v as string)
    else if (Array.isArray(v) && v.some(rawString))
      out[`${key}Base64`] = v.map((x) => (typeof x === 'string' ? base64(x) : x))
  }
  return out
}

export function jsonLine(value: unknown): string {
  const line = JSON.stringify(value)
  // JSON.stringify writes a raw byte as \udcXX: without that text no field holds one (the cheap common case,
  // found by a plain search before the pattern runs).
  if (!line.includes('\\udc') || !isRecord(value) || !/\\udc[89a-f]/.test(line)) return line + '\n'
  return JSON.stringify(withBytes(value)) + '\n'
}
