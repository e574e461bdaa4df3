/**
 * The scan view's "Exclude" and "Depth" fields, as typed, turned into scan options. A depth that is not a
 * whole number of at least 1 is refused here, at once; the engine checks the values again and the
 * patterns too (one it cannot read) and says what is wrong.
 */
import type { Result } from '../../../shared/errors'
import type { ScanOptions } from '../../../shared/types/scan'

export function scanLimits(exclude: string, maxDepth: string): Result<Pick<ScanOptions, 'exclude' | 'maxDepth'>> {
  // a trailing or doubled comma is a slip of the keyboard, not an empty pattern
  const globs = exclude
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g.length > 0)
  const depth = maxDepth.trim()
  if (depth !== '' && !(/^\d+$/.test(depth) && Number(depth) >= 1))
    return {
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: `The depth must be a whole number (1: only the folder's own entries), not “${depth}”.`,
      },
    }
  return {
    ok: true,
    value: { ...(globs.length > 0 ? { exclude: globs } : {}), ...(depth !== '' ? { maxDepth: Number(depth) } : {}) },
  }
}
