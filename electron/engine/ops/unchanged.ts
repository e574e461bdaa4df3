/** The last look before a destructive step: the entry at `path` is still the one we classified. */
import { LinkError } from '../../../shared/errors'
import { type LinkEntry, sameLinkIdentity } from '../../../shared/types/link'
import { entryOrNull } from './validate-paths'

/** Same identity, kind and link text as `before`; the fresh entry (with its current link count) is returned. */
export function requireUnchanged(before: LinkEntry, doing: string): LinkEntry {
  const now = entryOrNull(before.path)
  if (!now)
    throw new LinkError(
      'NOT_FOUND',
      `${before.path} disappeared before Linkscope could ${doing} it; nothing was done.`,
      before.path,
    )
  if (!sameLinkIdentity(now, before)) {
    throw new LinkError(
      'CHANGED',
      `${before.path} changed before Linkscope could ${doing} it; nothing was done. Look at it again.`,
      before.path,
    )
  }
  return now
}
