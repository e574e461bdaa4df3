/**
 * Address bar completion: the subfolders that complete what was typed. "/usr/sh" offers /usr/share and
 * /usr/sbin's siblings that start with "sh"; "/usr/" offers every subfolder of /usr. Folder links
 * (symbolic links and junctions to folders) count as folders, as a file manager's address bar shows them.
 */
import type { LinkEntry } from '../../../shared/types/link'
import { listBatches } from '../listing/list'
import { pathApi } from '../listing/paths'

/** The most completions one answer carries: a list longer than this is typed further, not scrolled. */
export const MAX_COMPLETIONS = 200

const opensAsFolder = (e: LinkEntry): boolean =>
  e.kind === 'dir' ||
  e.kind === 'junction' ||
  e.kind === 'mount-point' ||
  (e.kind === 'symlink' && e.targetKind === 'dir')

/** Sorted full paths of the folders in `typed`'s folder whose names start with its last part (case-insensitive). */
export function completeFolder(typed: string): string[] {
  const p = pathApi()
  if (!p.isAbsolute(typed)) return []
  const endsWithSep = typed.endsWith(p.sep) || (p.sep === '\\' && typed.endsWith('/'))
  const parent = endsWithSep ? typed : p.dirname(typed)
  const prefix = (endsWithSep ? '' : p.basename(typed)).toLowerCase()
  const found: string[] = []
  try {
    for (const batch of listBatches(p.resolve(parent))) {
      for (const e of batch) {
        if (e.name.toLowerCase().startsWith(prefix) && opensAsFolder(e)) found.push(e.path)
      }
    }
  } catch {
    return [] // a folder that cannot be listed completes to nothing; opening it says why
  }
  return found.sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })).slice(0, MAX_COMPLETIONS)
}
