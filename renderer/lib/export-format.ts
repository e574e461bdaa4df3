/**
 * Lists as files people open elsewhere: CSV (RFC 4180, for spreadsheets) and JSON. A name with raw
 * bytes (not UTF-8) is written in its escaped form (the CLI's \xFF escapes), and its exact bytes as
 * base64 beside it, so nothing is lost and nothing invalid reaches the file. A CSV text cell starting
 * with = + - @ (or a tab or carriage return) is prefixed with ' so a spreadsheet shows it instead of
 * running it as a formula.
 */
import { encodeNameBytes, escapedName, hasRawBytes } from '../../shared/names'

export type ExportFormat = 'csv' | 'json'

/** One column: its heading, and each row's value. `name: true` marks a file name or path (bytes kept in base64). */
export type ExportColumn<T> = {
  key: string
  value: (row: T) => string | number | boolean | null | undefined
  name?: boolean
}

const FORMULA_START = /^[=+\-@\t\r]/

export function base64Bytes(s: string): string {
  let binary = ''
  for (const b of encodeNameBytes(s)) binary += String.fromCharCode(b)
  return btoa(binary)
}

/** One CSV cell: text defused against formulas, quoted when it holds a quote, comma or line break. */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v !== 'string') return String(v)
  const text = FORMULA_START.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The text a name column writes, and whether it needed escaping. */
const nameText = (v: string): string => (hasRawBytes(v) ? escapedName(v) : v)

/** Every column, with a `<key>_base64` column after each name column (filled only for names that are not UTF-8). */
export function toCsv<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]): string {
  const head: string[] = []
  for (const c of columns) head.push(c.key, ...(c.name ? [`${c.key}_base64`] : []))
  const lines = [head.map(csvCell).join(',')]
  for (const row of rows) {
    const cells: string[] = []
    for (const c of columns) {
      const v = c.value(row)
      if (!c.name) {
        cells.push(csvCell(v))
        continue
      }
      const s = typeof v === 'string' ? v : ''
      cells.push(csvCell(typeof v === 'string' ? nameText(s) : v), hasRawBytes(s) ? base64Bytes(s) : '')
    }
    lines.push(cells.join(','))
  }
  // CRLF, as RFC 4180 and spreadsheets expect; a final line break ends the last record
  return lines.join('\r\n') + '\r\n'
}

/** An array of objects with the columns' keys; a name that is not UTF-8 also gets `<key>Base64`. */
export function toJson<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]): string {
  const out = rows.map((row) => {
    const o: Record<string, unknown> = {}
    for (const c of columns) {
      const v = c.value(row)
      if (c.name && typeof v === 'string' && hasRawBytes(v)) {
        o[c.key] = escapedName(v)
        o[`${c.key}Base64`] = base64Bytes(v)
      } else {
        o[c.key] = v ?? null
      }
    }
    return o
  })
  return JSON.stringify(out, null, 2) + '\n'
}

export const serialize = <T>(format: ExportFormat, columns: readonly ExportColumn<T>[], rows: readonly T[]): string =>
  format === 'csv' ? toCsv(columns, rows) : toJson(columns, rows)
