/** What a path looks like now, to compare with what the app saw when it asked. */
import { LinkError } from '../../shared/errors'
import type { LinkEntry } from '../../shared/types/link'
import { platform } from '../engine/platform'
import type { Fingerprint } from './protocol'

/** A fingerprint from an entry as the engine reported it (null: nothing there). */
export const fingerprintFromEntry = (e: LinkEntry | null): Fingerprint =>
  e
    ? { exists: true, id: e.id, kind: e.kind, ...(e.target !== undefined ? { target: e.target } : {}) }
    : { exists: false }

export function fingerprintOf(p: string): Fingerprint {
  try {
    return fingerprintFromEntry(platform().entry(p))
  } catch (e) {
    if (e instanceof LinkError && e.code === 'NOT_FOUND') return { exists: false }
    throw e
  }
}
