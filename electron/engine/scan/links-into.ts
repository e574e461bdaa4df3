/**
 * "Links pointing here": every symbolic link or junction under `root` (default: the target's drive or
 * mount point) that leads to `target` or into it, before it is moved or deleted. Nothing on disk records
 * links by what they point to (a junction is "a one way relation"), so the tree is walked: folders are
 * read with their entry types and only links are read further (points-into.ts). The walk stays on the
 * root's device (/proc and other mounts below it are not walked). Each link is streamed as its LinkEntry.
 * Cancelling rejects with CANCELLED, as names does.
 */
import { LinkError } from '../../../shared/errors'
import type { StreamContext } from '../../../shared/ipc/contract'
import type { LinkEntry } from '../../../shared/types/link'
import type { LinksIntoResult } from '../../../shared/types/scan'
import * as nfs from '../fs/fs-names'
import { pathApi } from '../listing/paths'
import { fromErrno, platform } from '../platform'
import { createBatchEmitter } from './batch-emitter'
import { scanRoot } from './scan-root'
import { walkTree } from './walk-tree'

export async function findLinksInto(
  ctx: StreamContext<LinkEntry>,
  target: string,
  root?: string,
): Promise<LinksIntoResult> {
  const started = performance.now()
  const abs = pathApi().resolve(target)
  let real: string
  try {
    real = nfs.realpathNativeSync(abs)
  } catch (e) {
    throw fromErrno(e, abs)
  }
  const start = scanRoot(root ?? platform().volumeRoot(abs))
  const emitter = createBatchEmitter(ctx, 200, 50)
  let entries = 0
  let links = 0
  const caseless = platform().kind === 'win32'
  const task = { mode: 'links-into', target: abs, real, caseless, device: start.dev } as const
  const walk = walkTree(start.path, start.id, task, {
    signal: ctx.signal,
    onResult(r) {
      entries += r.entries
      for (const m of r.matches) {
        let entry: LinkEntry
        try {
          entry = m.entry ?? platform().entry(m.path)
        } catch {
          continue // removed since it was read
        }
        links++
        emitter.push(entry)
      }
    },
  })
  const outcome = await walk.done.finally(() => emitter.close())
  if (outcome === 'cancelled') throw new LinkError('CANCELLED', `Looking for links to ${abs} was cancelled.`, abs)
  return { target: abs, root: start.path, entries, links, ms: Math.round(performance.now() - started) }
}
