/** Human text for CLI output without --json. */
import type { LinkEntry } from '../../shared/types/link'

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length))

/**
 * Characters a terminal acts on instead of showing: C0 and C1 controls (ESC starts escape sequences), DEL,
 * and the marks that reorder text (bidi overrides and isolates), which can make a name read as another.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

const escapeOne = (c: string): string =>
  c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`

/** Text for a terminal line (messages on stderr): every control or reordering character shown as an escape. */
export const controlSafe = (s: string): string => s.replace(CONTROLS, escapeOne)

/** A name or path with newlines and control characters escaped (like ls -b), so one entry stays one line. */
export const terminalSafe = (s: string): string => controlSafe(JSON.stringify(s).slice(1, -1))

/** "kind links name -> target [status]": one line an entry, the name made safe for a terminal. */
export function formatEntryLine(e: LinkEntry): string {
  const name = terminalSafe(e.name)
  const target = e.target !== undefined ? ` -> ${terminalSafe(e.target)}` : ''
  const status = e.status === 'n/a' || e.status === 'ok' ? '' : `  [${e.status}]`
  return `${pad(e.kind, 13)} ${String(e.links).padStart(4)}  ${name}${target}${status}`
}
