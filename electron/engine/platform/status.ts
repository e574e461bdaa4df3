/**
 * What following a link says about it, from the errno of a stat through it. One mapping serves the
 * folder listing (status) and the scanner (status and reason), so the two can never disagree.
 */
import type { LinkStatus } from '../../../shared/types/link'
import type { BrokenReason } from '../../../shared/types/scan'

/** Why following a link failed. */
export function reasonFromErrno(code: string | undefined): BrokenReason {
  switch (code) {
    case 'ELOOP':
      return 'loop'
    case 'ENOTDIR':
      return 'through-file'
    case 'EACCES':
    case 'EPERM':
      return 'denied'
    default:
      return 'missing'
  }
}

/** The status a failure reason shows as. */
export const statusOfReason = (reason: BrokenReason): LinkStatus =>
  reason === 'loop' ? 'loop' : reason === 'denied' ? 'denied' : 'broken'

/** A link's status: 'ok' when following it worked (no errno). */
export const statusFromErrno = (code: string | undefined): LinkStatus =>
  code === undefined ? 'ok' : statusOfReason(reasonFromErrno(code))
