/**
 * Lists one folder as LinkEntry batches. Synchronous on purpose (it runs in the engine worker): the
 * caller yields between batches so a 100k-entry folder streams and stays cancellable.
 */
import { LinkError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import { platform } from '../platform'
import { pathApi } from './paths'

export const LIST_BATCH = 2000
/** The first batch is small so the first rows reach the screen at once. */
export const FIRST_BATCH = 200

/** An entry that could not be read at all (e.g. a folder with r but not x): shown, never hidden. */
function unreadable(p: string, name: string): LinkEntry {
  return {
    path: p, name, kind: 'special', links: 0, id: '', status: 'denied',
    size: 0, mtimeMs: 0, hidden: name.startsWith('.'), readonly: true,
  }
}

export function* listBatches(dir: string, batchSize = LIST_BATCH, firstBatch = Math.min(FIRST_BATCH, batchSize)): Generator<LinkEntry[]> {
  const plat = platform()
  const p = pathApi()
  const abs = p.resolve(dir)
  const reader = plat.openDir(abs)
  try {
    for (let names = reader.next(firstBatch); names; names = reader.next(batchSize)) {
      const batch: LinkEntry[] = []
      for (const name of names) {
        const full = p.join(abs, name)
        try {
          batch.push(plat.entry(full))
        } catch (e) {
          // Vanished between readdir and lstat: it is simply gone. Anything else is shown as unreadable.
          if (e instanceof LinkError && e.code === 'NOT_FOUND') continue
          batch.push(unreadable(full, name))
        }
      }
      yield batch
    }
  } finally {
    reader.close()
  }
}

/** The parent folder, or null at a root. */
export function parentOf(dir: string): string | null {
  const p = pathApi()
  const abs = p.resolve(dir)
  const parent = p.dirname(abs)
  return parent === abs ? null : parent
}
