/**
 * Reverting a dedupe run from its journal, in the same process or after a restart. The names that were
 * one file before the merge become one file again: an independent copy of the keeper's bytes with the
 * old mode, owner (when allowed) and times, and its other names linked to that copy. A name no longer
 * linked to the keeper it was merged into (edited, removed, replaced since) is left as it is and said so.
 */

import { LinkError, toAppError } from '../../../shared/errors'
import * as nfs from '../fs/fs-names'
import { type Before, Journal, readJournal } from './journal'
import { recoverUnfinished } from './recover'
import { copyInPlace, idAt, relink } from './relink'
import type { Follow, Refusal } from './types'

export type UndoRecord = { path: string; restored: true; id: string } | ({ restored: false } & Refusal)
export type UndoSummary = { restored: number; refused: number; journal: string }

type Merged = { path: string; before: Before; keeperId: string; done: boolean }

/** Per path, what it was before the run's first change to it and whose name the last change made it. */
function mergedPaths(file: string): Merged[] {
  const recs = readJournal(file)
  const start = recs[0]
  if (start?.type !== 'start' || start.kind !== 'dedupe')
    throw new LinkError('INVALID_ARGUMENT', `${file} is not the journal of a dedupe run.`, file)
  const by = new Map<string, Merged>()
  for (const r of recs) {
    if (r.type === 'done') {
      const m = by.get(r.path)
      if (m) m.done = true
    }
    if (r.type !== 'link') continue
    const had = by.get(r.path)
    by.set(r.path, { path: r.path, before: had?.before ?? r.before, keeperId: r.keeperId, done: had?.done ?? false })
  }
  // a name moved and moved back (a member put back whole) ends where it began: nothing to undo
  return [...by.values()].filter((m) => m.before.id !== m.keeperId)
}

export function undoJournal(
  file: string,
  options: Follow<{ done: number; total: number }> & { onRecord?: (r: UndoRecord) => void } = {},
): UndoSummary {
  recoverUnfinished()
  const merged = mergedPaths(file)
  const byOld = new Map<string, Merged[]>()
  for (const m of merged) byOld.set(m.before.id, [...(byOld.get(m.before.id) ?? []), m])
  const journal = Journal.create('undo')
  let restored = 0
  let refused = 0
  const refuse = (p: string, e: unknown): void => {
    const a = toAppError(e)
    refused++
    options.onRecord?.({ restored: false, path: p, code: a.code, message: a.message })
  }
  let done = 0
  try {
    for (const names of byOld.values()) {
      if (options.signal?.aborted) break
      // only names still linked to their keeper are put back; the first one gets the copy, the rest link to it
      const linked = names.filter((m) => {
        let id: string | undefined
        try {
          id = idAt(m.path, nfs.lstatSync(m.path))
        } catch {
          /* gone */
        }
        if (id === m.keeperId) return true
        if (!m.done) return false // written ahead but never made (refused, or the run stopped first)
        refuse(
          m.path,
          new LinkError(
            'CHANGED',
            `${m.path} is no longer a name of the file it was merged into (changed, moved or removed since); it was left as it is.`,
            m.path,
          ),
        )
        return false
      })
      const [first, ...rest] = linked
      if (first) {
        let copy: string | undefined
        try {
          copy = copyInPlace(journal, first.path, lookNow(first.path), first.before)
          restored++
          options.onRecord?.({ path: first.path, restored: true, id: copy })
        } catch (e) {
          refuse(first.path, e)
        }
        for (const m of rest) {
          try {
            if (!copy)
              throw new LinkError(
                'CHANGED',
                `${m.path} was not restored: ${first.path}, whose copy it was to share, could not be restored.`,
                m.path,
              )
            const made = lookNow(first.path) // the copy's times as the file system stored them
            relink(
              journal,
              { path: first.path, id: copy, size: made.size, mtimeMs: made.mtimeMs },
              m.path,
              lookNow(m.path),
            )
            restored++
            options.onRecord?.({ path: m.path, restored: true, id: copy })
          } catch (e) {
            refuse(m.path, e)
          }
        }
      }
      done += names.length
      options.onProgress?.({ done, total: merged.length })
    }
  } finally {
    journal.close({ restored, refused })
  }
  return { restored, refused, journal: journal.path }
}

function lookNow(p: string): Before {
  const st = nfs.lstatSync(p)
  return {
    id: idAt(p, st),
    size: st.size,
    mtimeMs: st.mtimeMs,
    atimeMs: st.atimeMs,
    mode: st.mode,
    uid: st.uid,
    gid: st.gid,
  }
}
