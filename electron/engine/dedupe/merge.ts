/**
 * Merging groups into hard links. Each group is planned (plan.ts), each member file checked byte for
 * byte against its keeper, and then every name the member has inside the roots becomes a name of the
 * keeper (relink.ts), so an existing link group moves over whole. A member is all or nothing: when one
 * of its names cannot be moved, the names already moved are moved back, so no link group is ever split.
 * When the keeper reaches its link-count limit, the member in hand becomes the next keeper.
 */
import * as fs from 'node:fs'
import { LinkError, toAppError } from '../../../shared/errors'
import { sameBytes } from './compare'
import { Journal } from './journal'
import { readXattrs } from './metadata'
import { freedBy, knownLinkLimit, planGroup, type PlanOptions } from './plan'
import { recoverUnfinished } from './recover'
import { idAt, journalAhead, relink, type Journaled, type Source } from './relink'
import type { DupeFile, DupeGroup, Follow, Refusal } from './types'

export type MergeRecord = { keeper: string; linked: string[]; refused: Refusal[] }
export type MergeProgress = { groups: number; groupsDone: number; linked: number; freed: number }
export type MergeSummary = { linked: number; freed: number; journal: string | null; cancelled: boolean }

export type MergeOptions = Follow<MergeProgress> & Omit<PlanOptions, 'xattrs' | 'linkLimit'> & {
  /**
   * Names a file may have. The file system's own limit (EMLINK) is met only when linking, and is far
   * too high to reach in a test; this one is checked before each link the same way.
   */
  linkLimit?: number
  dryRun?: boolean
  /** compare bytes before linking (default true: the hash is not collision-proof against a crafted file) */
  compare?: boolean
  onRecord?: (r: MergeRecord) => void
}

/** A name of `f` through which to link: the first one that still is `f` (another may have gone since it was found). */
function sourceOf(f: DupeFile, p?: string): Source {
  const named = p ?? f.paths.find((q) => { try { return idAt(q, fs.lstatSync(q)) === f.id } catch { return false } }) ?? (f.paths[0] as string)
  return { path: named, id: f.id, size: f.size, mtimeMs: f.mtimeMs }
}
const lookOfFile = (f: DupeFile): { id: string; size: number; mtimeMs: number; atimeMs: number; mode: number; uid: number; gid: number } =>
  ({ id: f.id, size: f.size, mtimeMs: f.mtimeMs, atimeMs: 0, mode: f.mode, uid: f.uid, gid: f.gid })

const refusal = (p: string, e: unknown): Refusal => {
  const a = toAppError(e)
  return { path: p, code: a.code, message: a.message }
}

export async function mergeGroups(groups: readonly DupeGroup[], options: MergeOptions = {}): Promise<MergeSummary> {
  const xattrs = options.ignoreMetadata ? undefined : readXattrs(groups.flatMap((g) => g.files.map((f) => f.paths[0] as string)))
  const planOpts: PlanOptions = {
    xattrs,
    ...(options.keep ? { keep: options.keep } : {}),
    ...(options.ignoreMetadata ? { ignoreMetadata: true } : {}),
    ...(knownLinkLimit() !== undefined ? { linkLimit: knownLinkLimit() } : {}),
  }
  const progress: MergeProgress = { groups: groups.length, groupsDone: 0, linked: 0, freed: 0 }
  const emit = (r: MergeRecord): void => options.onRecord?.(r)

  if (options.dryRun) {
    for (const g of groups) {
      const plan = planGroup(g, planOpts)
      plan.chunks.forEach((c, i) => emit({ keeper: c.keeper.paths[0] as string, linked: c.members.flatMap((m) => m.paths), refused: i === 0 ? plan.refused : [] }))
      if (plan.chunks.length === 0 && plan.refused.length > 0) emit({ keeper: g.files[0]?.paths[0] as string, linked: [], refused: plan.refused })
      progress.linked += plan.chunks.reduce((n, c) => n + c.members.reduce((k, m) => k + m.paths.length, 0), 0)
      progress.freed += plan.freed
    }
    return { linked: progress.linked, freed: progress.freed, journal: null, cancelled: false }
  }

  // Callers tidy up before they look for duplicates (a killed run's temporary names are extra names of
  // keepers); this is for those that did not.
  recoverUnfinished()
  const journal = Journal.create('dedupe')
  let cancelled = false
  try {
    for (const g of groups) {
      if (options.signal?.aborted) { cancelled = true; break }
      const plan = planGroup(g, planOpts)
      let refused = plan.refused
      for (const chunk of plan.chunks) {
        let rec: MergeRecord = { keeper: chunk.keeper.paths[0] as string, linked: [], refused }
        refused = []
        let keeper = chunk.keeper
        // one sync for the chunk's records, while its keeper stays; after a change of keeper, one a step
        let ahead: Map<string, Journaled> | undefined = journalAhead(journal, sourceOf(keeper), chunk.members.flatMap((m) => m.paths))
        for (const m of chunk.members) {
          if (options.signal?.aborted) { cancelled = true; break }
          const moved = mergeMember(journal, keeper, m, options, rec, ahead)
          if (moved === 'new-keeper') {
            if (rec.linked.length > 0 || rec.refused.length > 0) emit(rec)
            ahead = undefined
            keeper = m
            rec = { keeper: m.paths[0] as string, linked: [], refused: [] }
          } else if (moved) {
            rec.linked.push(...m.paths)
            progress.linked += m.paths.length
            progress.freed += freedBy(m)
          }
          options.onProgress?.({ ...progress })
        }
        if (rec.linked.length > 0 || rec.refused.length > 0) emit(rec)
        if (cancelled) break
      }
      if (plan.chunks.length === 0 && refused.length > 0) emit({ keeper: g.files[0]?.paths[0] as string, linked: [], refused })
      progress.groupsDone++
      options.onProgress?.({ ...progress })
      if (cancelled) break
    }
  } finally {
    journal.close({ linked: progress.linked, freed: progress.freed, cancelled })
  }
  return { linked: progress.linked, freed: progress.freed, journal: journal.path, cancelled }
}

/**
 * Move every name of `m` to `keeper`: true when all moved, false when it was refused (names put back),
 * 'new-keeper' when the keeper is full and `m`, whole again, is to be the next keeper.
 */
function mergeMember(journal: Journal, keeper: DupeFile, m: DupeFile, options: MergeOptions, rec: MergeRecord, ahead?: Map<string, Journaled>): boolean | 'new-keeper' {
  // Every name is compared, not only the first: where ids are not exact (node's inode numbers on NTFS
  // can pass 2^53), two files could pass for one, and only the bytes tell.
  const differs = options.compare === false ? undefined : m.paths.find((p) => !sameBytes({ path: keeper.paths[0] as string, id: keeper.id }, { path: p, id: m.id }))
  if (differs !== undefined) {
    rec.refused.push({ path: differs, code: 'CHANGED', message: `${differs} no longer has the same bytes as ${keeper.paths[0]} (or one of them moved); it was left as it is.` })
    return false
  }
  const moved: string[] = []
  for (const p of m.paths) {
    try {
      relink(journal, sourceOf(keeper), p, lookOfFile(m), options.linkLimit, ahead?.get(p))
      moved.push(p)
    } catch (e) {
      const full = e instanceof LinkError && e.code === 'TOO_MANY_LINKS'
      const whole = moveBack(journal, keeper, m, moved, rec)
      if (full && whole) return 'new-keeper'
      rec.refused.push(refusal(p, e))
      return false
    }
  }
  return true
}

/** Put the names of `m` already moved to `keeper` back on `m` (through a name `m` still has); false if one could not be. */
function moveBack(journal: Journal, keeper: DupeFile, m: DupeFile, moved: readonly string[], rec: MergeRecord): boolean {
  const still = m.paths.find((p) => !moved.includes(p)) as string
  let ok = true
  for (const p of moved) {
    try {
      relink(journal, sourceOf(m, still), p, lookOfFile(keeper))
    } catch (e) {
      ok = false
      rec.refused.push({ path: p, code: toAppError(e).code, message: `${p} is now a name of ${keeper.paths[0]} (same bytes) and could not be put back with the other names of its file: ${toAppError(e).message}` })
    }
  }
  return ok
}
