/**
 * Making named files independent copies again: the way back from a merge, or the step before editing
 * one name of a hard-linked file. Each path gets a copy with the same bytes, mode, owner (when allowed)
 * and times, put in its place crash-safely (relink.ts); its other names keep the original file.
 */
import { toAppError } from '../../../shared/errors'
import { pathApi } from '../listing/paths'
import { Journal } from './journal'
import { recoverUnfinished } from './recover'
import { copyInPlace, lookOf } from './relink'
import type { Follow, Refusal } from './types'

export type SplitRecord = { path: string; split: boolean; links: number; id?: string } | ({ split: false } & Refusal)
export type SplitSummary = { split: number; journal: string }

export function splitPaths(
  paths: readonly string[],
  options: Follow<{ done: number; total: number }> & { onRecord?: (r: SplitRecord) => void } = {},
): SplitSummary {
  recoverUnfinished()
  const journal = Journal.create('split')
  let split = 0
  try {
    paths.forEach((raw, i) => {
      if (options.signal?.aborted) return
      const p = pathApi().resolve(raw)
      try {
        const look = lookOf(p)
        if (look.links <= 1) {
          options.onRecord?.({ path: p, split: false, links: 1 })
        } else {
          const id = copyInPlace(journal, p, look)
          split++
          options.onRecord?.({ path: p, split: true, links: look.links, id })
        }
      } catch (e) {
        const a = toAppError(e)
        options.onRecord?.({ path: p, split: false, code: a.code, message: a.message })
      }
      options.onProgress?.({ done: i + 1, total: paths.length })
    })
  } finally {
    journal.close({ split })
  }
  return { split, journal: journal.path }
}
