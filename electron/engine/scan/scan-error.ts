import { errnoCode, fromErrno } from '../platform'
import type { ScanError } from './scan-protocol'

/** A failure at `p` as the scan reports it: node:fs's code and message, or `vanished` for a name gone since readdir. */
export function errorOf(e: unknown, p: string, vanished: string): ScanError {
  const code = errnoCode(e)
  if (code === 'ENOENT') return { path: p, code: 'NOT_FOUND', message: `${p} ${vanished}` }
  const le = fromErrno(e, p)
  return { path: p, code: le.code, message: le.message }
}
