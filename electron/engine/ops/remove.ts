/**
 * Removing a link, never what it points to: a symbolic link or junction loses only its own entry
 * (never recursing into it), and a hard-linked file loses one name while its data stays under the others.
 */
import { LinkError } from '../../../shared/errors'
import { isNameLink, type LinkEntry } from '../../../shared/types/link'
import type { RemoveOptions, RemoveResult } from '../../../shared/types/ops'
import { pathApi } from '../listing/paths'
import { platform } from '../platform'
import { requireUnchanged } from './unchanged'
import { absolutePath, entryOrNull } from './validate-paths'

/** Folder entries looked at to find another name of a hard-linked file: the look must stay cheap. */
export const SIBLING_SCAN_LIMIT = 10_000

/** Remove the link or hard-link name at `p`; `options.readOnlyToo` takes a read-only name too (Windows). */
export function removeLink(p: string, options: RemoveOptions = {}): RemoveResult {
  const abs = absolutePath(p)
  const entry = entryOrNull(abs)
  if (!entry) throw new LinkError('NOT_FOUND', `${abs} does not exist.`, abs)
  refuseUnlessRemovable(entry)

  const otherName = entry.kind === 'file' ? findOtherName(entry) : undefined
  const now = requireUnchanged(entry, 'remove')
  refuseUnlessRemovable(now) // the link count may have dropped to 1 meanwhile
  platform().removeEntry(abs, now, options) // refuses, leaving it, if it changes even now

  if (now.kind !== 'file') return { removed: now }
  const result: RemoveResult = { removed: now, remainingNames: now.links - 1 }
  if (otherName !== undefined && entryOrNull(otherName)?.id === now.id) result.otherName = otherName
  return result
}

function refuseUnlessRemovable(e: LinkEntry): void {
  if (isNameLink(e)) return
  if (e.kind === 'dir') {
    throw new LinkError(
      'NOT_A_LINK',
      `${e.path} is a real folder, not a link; Linkscope never deletes folders.`,
      e.path,
    )
  }
  if (e.kind !== 'file') {
    throw new LinkError(
      'NOT_A_LINK',
      `${e.path} is not a link (it is ${e.kind === 'special' ? 'a special file' : `a ${e.kind} entry`}); Linkscope removes links only.`,
      e.path,
    )
  }
  if (e.links <= 1) {
    throw new LinkError(
      'LAST_NAME',
      `${e.path} is the only name of the file; removing it would delete its data.`,
      e.path,
    )
  }
}

/** Another name of the same file: a sibling in its folder first, else what the OS can list cheaply. */
function findOtherName(e: LinkEntry): string | undefined {
  const plat = platform()
  const api = pathApi()
  const dir = api.dirname(e.path)
  try {
    const reader = plat.openDir(dir)
    try {
      let seen = 0
      for (let names = reader.next(256); names && seen < SIBLING_SCAN_LIMIT; names = reader.next(256)) {
        for (const name of names) {
          if (++seen > SIBLING_SCAN_LIMIT) break
          if (name === e.name) continue
          const sibling = api.join(dir, name)
          if (entryOrNull(sibling)?.id === e.id) return sibling
        }
      }
    } finally {
      reader.close()
    }
  } catch {
    /* an unreadable folder or sibling only means we found no name here */
  }
  try {
    return plat.allNames(e.path)?.find((n) => n !== e.path)
  } catch {
    return undefined
  }
}
