/**
 * Repair suggestions for a broken link: entries under `root` with the file name of the link's stored
 * target, closest to where the target used to be first. Closeness is the number of folder names the two
 * paths share (a moved subtree keeps its names), then the shorter walk between the two folders.
 */
import type { PlatformPath } from 'node:path'

import { LinkError } from '../../../shared/errors'
import type { StreamContext } from '../../../shared/ipc/contract'
import type { Candidate } from '../../../shared/types/scan'
import { pathApi } from '../listing/paths'
import { platform } from '../platform'
import { scanRoot } from './scan-root'
import { walkTree } from './walk-tree'

export const MAX_CANDIDATES = 20

const segments = (p: PlatformPath, dir: string): string[] => dir.split(p.sep).filter((s) => s.length > 0)

/** Folder names the two folders have in common (as multisets), and the tree distance between them. */
export function closeness(p: PlatformPath, original: string, candidate: string): { shared: number; distance: number } {
  const a = segments(p, p.dirname(original))
  const b = segments(p, p.dirname(candidate))
  const counts = new Map<string, number>()
  for (const s of a) counts.set(s, (counts.get(s) ?? 0) + 1)
  let shared = 0
  for (const s of b) {
    const n = counts.get(s) ?? 0
    if (n > 0) {
      shared++
      counts.set(s, n - 1)
    }
  }
  let prefix = 0
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++
  return { shared, distance: a.length - prefix + (b.length - prefix) }
}

/** Best first: more shared folder names, then a shorter distance, then by path (stable output). */
export function rankCandidates(
  p: PlatformPath,
  original: string,
  found: readonly { path: string; kind: 'file' | 'dir' }[],
  max = MAX_CANDIDATES,
): Candidate[] {
  return (
    found
      .map((f) => ({ ...f, ...closeness(p, original, f.path) }))
      .sort(
        (x, y) => y.shared - x.shared || x.distance - y.distance || (x.path < y.path ? -1 : x.path > y.path ? 1 : 0),
      )
      .slice(0, max)
      // One number a UI can sort by: shared names dominate, distance breaks ties.
      .map((c) => ({ path: c.path, kind: c.kind, score: c.shared * 1000 - c.distance }))
  )
}

/**
 * The MAX_CANDIDATES best entries under `root` named like the link's target. Only the best so far are kept
 * while the walk goes (the order is total, so the best of the best is the best of all): a tree with
 * millions of matches costs no more memory than one with a few. Cancelling rejects with CANCELLED.
 */
export async function findCandidates(ctx: StreamContext<never>, link: string, root: string): Promise<Candidate[]> {
  const p = pathApi()
  const abs = p.resolve(link)
  const stored = platform().readLink(abs) // NOT_A_LINK / NOT_FOUND as typed errors
  const original = p.resolve(p.dirname(abs), stored)
  const name = p.basename(stored)
  if (name === '' || name === '.' || name === '..') {
    throw new LinkError('INVALID_ARGUMENT', `The target of ${abs} ("${stored}") has no file name to look for.`, abs)
  }
  const start = scanRoot(root)
  let best: Candidate[] = []
  const walk = walkTree(
    start.path,
    start.id,
    { mode: 'find-name', name },
    {
      signal: ctx.signal,
      onResult: (r) => {
        if (r.matches.length > 0) best = rankCandidates(p, original, [...best, ...r.matches])
      },
    },
  )
  if ((await walk.done) === 'cancelled')
    throw new LinkError('CANCELLED', `Looking for candidates for ${abs} was cancelled.`, abs)
  return best
}
