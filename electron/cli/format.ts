/** Human text for CLI output without --json. */
import { escapedName, visibleName } from '../../shared/names'
import type { LinkEntry } from '../../shared/types/link'

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length))

/** Text for a terminal line (messages on stderr): every control, reordering mark and raw byte shown as an escape. */
export const controlSafe = visibleName

/**
 * A name or path in the escaped form (like ls -b): one entry stays one line, nothing in it drives the
 * terminal, and `--escaped` takes it back exactly, even a name that is not UTF-8.
 */
export const terminalSafe = escapedName

/** "kind links name -> target [status]": one line an entry, the name made safe for a terminal. */
export function formatEntryLine(e: LinkEntry): string {
  const name = terminalSafe(e.name)
  const target = e.target !== undefined ? ` -> ${terminalSafe(e.target)}` : ''
  const status = e.status === 'n/a' || e.status === 'ok' ? '' : `  [${e.status}]`
  return `${pad(e.kind, 13)} ${String(e.links).padStart(4)}  ${name}${target}${status}`
}
