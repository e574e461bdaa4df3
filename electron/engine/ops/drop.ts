/**
 * "Drop here as …": several picked sources become links in one folder. Each source is done or
 * refused on its own, and a taken name gets "name - Hard link.ext", "name - Hard link (2).ext", …
 */
import { LinkError, toAppError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import type { DropAs, DropRequest, ItemResult, LinkType } from '../../../shared/types/ops'
import { pathApi } from '../listing/paths'
import { createLink } from './create'
import { DROP_LABELS, freeName } from './free-name'
import { absolutePath, entryOrNull, leadsToFolder, requireFolder, requireSource } from './validate-paths'

const AS: Record<DropAs, { type: LinkType; relative: boolean }> = {
  hard: { type: 'hard', relative: false },
  'symbolic-relative': { type: 'symbolic', relative: true },
  'symbolic-absolute': { type: 'symbolic', relative: false },
  junction: { type: 'junction', relative: false },
}

/** How often to pick another name when a name chosen as free is taken before the link is made. */
const RACE_RETRIES = 3

export function dropLinks(req: DropRequest): ItemResult[] {
  const how = AS[req.as]
  if (!how) throw new LinkError('INVALID_ARGUMENT', `Unknown drop kind "${String(req.as)}".`)
  return req.sources.map((source): ItemResult => {
    try {
      return { source, ok: true, entry: dropOne(source, req.dir, how.type, how.relative) }
    } catch (e) {
      return { source, ok: false, error: toAppError(e) }
    }
  })
}

function dropOne(source: string, dir: string, type: LinkType, relative: boolean): LinkEntry {
  const api = pathApi()
  const folder = absolutePath(dir)
  requireFolder(folder)
  const src = absolutePath(source)
  const isFolder = leadsToFolder(requireSource(src))
  const isTaken = (name: string): boolean => entryOrNull(api.join(folder, name)) !== null
  for (let attempt = 0; ; attempt++) {
    const name = freeName(api.basename(src), DROP_LABELS[type], isFolder, isTaken)
    try {
      return createLink({ type, target: src, link: api.join(folder, name), relative })
    } catch (e) {
      // Someone took the name between our look and the link call (which never overwrites): pick again.
      if (e instanceof LinkError && e.code === 'ALREADY_EXISTS' && attempt < RACE_RETRIES) continue
      throw e
    }
  }
}
