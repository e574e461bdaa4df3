/** Renaming an entry within its folder, never replacing what is at the new name. */
import { LinkError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import { pathApi } from '../listing/paths'
import { platform } from '../platform'
import { validateName, validatePathText } from './names-rules'
import { absolutePath, alreadyExists, entryOrNull } from './validate-paths'

export function renameEntry(p: string, newName: string): LinkEntry {
  const plat = platform()
  const api = pathApi()
  const abs = absolutePath(p)
  const entry = entryOrNull(abs)
  if (!entry) throw new LinkError('NOT_FOUND', `${abs} does not exist.`, abs)
  const dest = api.join(api.dirname(abs), newName)
  validateName(newName, dest)
  validatePathText(dest)
  if (newName === entry.name) return entry

  const there = entryOrNull(dest)
  // A case-only rename on a case-insensitive volume finds the entry itself at the new name; the
  // platform's no-replace rename still refuses anything else (e.g. another hard-link name of it).
  const sameEntry = there !== null && there.id === entry.id && newName.toLowerCase() === entry.name.toLowerCase()
  if (there && !sameEntry) throw alreadyExists(there)
  plat.renameNoReplace(abs, dest)
  return plat.entry(dest)
}
