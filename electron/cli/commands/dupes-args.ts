/** What `dupes` and `dedupe` share: their roots, --min-size, and a group's bytes as people read them. */
import { resolveAsKernel } from '../../engine/listing/paths'
import { type Parsed, UsageError } from '../io'

export function rootsOf(parsed: Parsed, command: string): string[] {
  if (parsed.positionals.length === 0) throw new UsageError(`${command} needs at least one folder`)
  return parsed.positionals.map((p) => resolveAsKernel(p))
}

export function minSizeOf(parsed: Parsed): number | undefined {
  const raw = parsed.values.get('min-size')
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n))
    throw new UsageError(`--min-size takes a number of bytes, not "${raw}"`)
  return n
}

export const bytes = (n: number): string => {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB']
  let v = n
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return u === 0 ? `${n} bytes` : `${v.toFixed(1)} ${units[u]}`
}
