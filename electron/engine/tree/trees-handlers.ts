/**
 * The engine's answers on the trees channels (compare, *Link these*, undo, copy with links). A
 * comparison's same-content pairs stay here, named by a session id the summary carries: *Link these*
 * takes relative paths and links only pairs this engine compared. Undo takes only journals it made.
 */
import { randomUUID } from 'node:crypto'

import { LinkError } from '../../../shared/errors'
import type { CancelSignal, StreamContext } from '../../../shared/ipc/contract'
import type { HandlersOn } from '../../../shared/ipc/sides'
import {
  type CompareItem,
  type CompareViewSummary,
  type CopyProgress,
  type CopyResult,
  MAX_COPY_NOTES,
  type TreesUndoResult,
} from '../../../shared/types/trees'
import { OwnJournals } from '../dedupe/own-journals'
import { resolveAsKernel } from '../listing/paths'
import { throwIfCancelled, yieldToEvents } from '../service/dispatch'
import { compareTrees } from './compare'
import { copyTree } from './copy'
import { keepPairs, type KeptPair, linkPairs } from './link-pairs'

/** Rows per message while a comparison's records go out. */
const ROWS_A_BATCH = 2000
/** Comparisons whose pairs are kept (the newest): each open view needs only its own. */
const KEPT_SESSIONS = 4
/** Copy progress goes out at most this often: each report is a message. */
const PROGRESS_MS = 200

type Session = { pairs: Map<string, KeptPair>; sameDevice: boolean }

function abortOf(signal: CancelSignal): AbortSignal {
  const c = new AbortController()
  if (signal.aborted) c.abort()
  else signal.addEventListener('abort', () => c.abort())
  return c.signal
}

export function treesHandlers(): HandlersOn<'engine'>['trees'] {
  const sessions = new Map<string, Session>()
  const journals = new OwnJournals('a link')

  async function compare(ctx: StreamContext<CompareItem>, a: string, b: string): Promise<CompareViewSummary> {
    ctx.emit([{ type: 'progress', progress: { phase: 'walk', pairs: 0, bytes: 0 } }])
    const r = await compareTrees(resolveAsKernel(a), resolveAsKernel(b), {
      signal: abortOf(ctx.signal),
      onProgress: (progress) => ctx.emit([{ type: 'progress', progress }]),
    })
    for (let i = 0; i < r.records.length; i += ROWS_A_BATCH) {
      throwIfCancelled(ctx.signal)
      ctx.emit([{ type: 'rows', rows: r.records.slice(i, i + ROWS_A_BATCH) }])
      await yieldToEvents()
    }
    const session = randomUUID()
    sessions.set(session, { pairs: keepPairs(r.pairs), sameDevice: r.summary.sameDevice })
    for (const old of sessions.keys()) if (sessions.size > KEPT_SESSIONS) sessions.delete(old)
    return { ...r.summary, session }
  }

  async function link(session: string, paths: string[] | undefined) {
    const s = sessions.get(session)
    if (!s)
      throw new LinkError(
        'CHANGED',
        'This comparison is no longer held by Linkscope (compared again since, or restarted). Compare again.',
      )
    const r = await linkPairs(s.pairs, paths ?? [...s.pairs.keys()], s.sameDevice)
    // a linked pair is one file now: it is no longer a pair to link
    for (const p of r.linked) s.pairs.delete(p)
    journals.add(r.journal)
    return r
  }

  const undo = (journal: string): TreesUndoResult => journals.undo(journal)

  async function copy(
    ctx: StreamContext<CopyProgress>,
    src: string,
    dst: string,
    hardlinkClone: boolean,
  ): Promise<CopyResult> {
    let last = 0
    const r = await copyTree(resolveAsKernel(src), resolveAsKernel(dst), {
      hardlinkClone,
      signal: abortOf(ctx.signal),
      onProgress: (p) => {
        const now = performance.now()
        if (now - last < PROGRESS_MS && p.files < p.totalFiles) return
        last = now
        ctx.emit([p])
      },
    })
    return { summary: r.summary, notes: r.notes.slice(0, MAX_COPY_NOTES) }
  }

  return { compare, link, undo, copy }
}
