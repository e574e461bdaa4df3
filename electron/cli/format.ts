/** Human text for CLI output without --json. */
import type { LinkEntry } from '../../shared/types/link'

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length))

/** A name or path with newlines and control characters escaped (like ls -b), so one entry stays one line. */
export const terminalSafe = (s: string): string => JSON.stringify(s).slice(1, -1)

/** "kind links name -> target [status]": one line an entry, the name made safe for a terminal. */
export function formatEntryLine(e: LinkEntry): string {
  const name = terminalSafe(e.name)
  const target = e.target !== undefined ? ` -> ${terminalSafe(e.target)}` : ''
  const status = e.status === 'n/a' || e.status === 'ok' ? '' : `  [${e.status}]`
  return `${pad(e.kind, 13)} ${String(e.links).padStart(4)}  ${name}${target}${status}`
}
