/**
 * A compare record's --json line, written by hand: a compare prints one per path of both trees, and
 * JSON.stringify of the whole object, then jsonLine's check of the line for raw bytes, was most of its
 * output time. The line is the one jsonLine writes: the same fields in the same order; a path holding raw
 * bytes (which gets a pathBase64 sibling) goes through jsonLine itself.
 */
import type { CompareRecord } from '../../engine/tree'
import { jsonLine } from '../json-line'

/** How JSON.stringify writes a raw byte (see json-line.ts). */
const RAW_BYTE = /\\udc[89a-f]/
/** What JSON escapes, and any surrogate (a raw byte among them): a path without one is quoted as it is. */
// eslint-disable-next-line no-control-regex -- the control characters JSON escapes are the point
const NOT_PLAIN = /["\\\u0000-\u001f\ud800-\udfff]/

/** The record's line, without its newline. */
export function compareLine(r: CompareRecord): string {
  // most paths need no escape: one test instead of JSON.stringify and a second look for raw bytes
  const plain = !NOT_PLAIN.test(r.path)
  const path = plain ? `"${r.path}"` : JSON.stringify(r.path)
  if (!plain && RAW_BYTE.test(path)) return jsonLine(r).slice(0, -1)
  const grouping = r.grouping ? `,"grouping":"${r.grouping}"` : ''
  return `{"path":${path},"state":"${r.state}","size":${r.size},"kind":"${r.kind}"${grouping}}`
}
