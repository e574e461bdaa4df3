/**
 * Merging groups into hard links. Each group is planned (plan.ts) into chunks of one keeper and its
 * members; each member is checked byte for byte against its keeper and moved over whole (member.ts).
 * When the keeper reaches its link-count limit, the member in hand becomes the next keeper.
 */
import * as fs from 'node:fs'

import { HeldFolders, nativeAt, platform } from '../platform'
import { actsStrictly } from '../platform/acting'
import { KeeperBytes } from './compare'
import { Journal } from './journal'
import { type MemberOptions, mergeMember, type MergeRecord, sourceOf } from './member'
import { readXattrs } from './metadata'
import { freedBy, knownLinkLimit, type Plan, planGroup, type PlanOptions } from './plan'
import { recoverUnfinished } from './recover'
import { journalAhead, type Journaled } from './relink'
import { removalsDone } from './relink-held'
import type { DupeFile, DupeGroup, Follow } from './types'

export type { MergeRecord } from './member'
export type MergeProgress = { groups: number; groupsDone: number; linked: number; freed: number }
export type MergeSummary = { linked: number; freed: number; journal: string | null; cancelled: boolean }

export type MergeOptions = Follow<MergeProgress> &
  Omit<PlanOptions, 'xattrs' | 'linkLimit'> &
  MemberOptions & {
    dryRun?: boolean
    onRecord?: (r: MergeRecord) => void
  }

/**
 * Groups whose link records are written ahead together and synced once, before the first of their
 * changes: each record is still on disk before the change it describes, at one sync a batch.
 */
const GROUPS_A_SYNC = 256

type Run = {
  options: MergeOptions
  progress: MergeProgress
  emit: (r: MergeRecord) => void
  cancelled: boolean
  /** Linux: the folders of the run, each opened once rather than a few times a link */
  held?: HeldFolders
}

/**
 * Folders a merge holds open: a quarter of the process's open-file limit, so the members of a big group,
 * spread over thousands of folders, seldom have theirs closed and opened again (each open resolves the
 * folder's real path) and the hashing and comparing still have files to open.
 */
function heldCount(): number {
  let limit = 1024
  try {
    const line = /Max open files\s+(\d+)/.exec(fs.readFileSync('/proc/self/limits', 'utf8'))
    if (line) limit = Number(line[1])
  } catch {
    /* not Linux: the default limit */
  }
  return Math.max(128, Math.min(4096, Math.floor(limit / 4)))
}

function heldFolders(): HeldFolders | undefined {
  const at = platform().kind === 'posix' && !actsStrictly() ? nativeAt() : null
  return at ? new HeldFolders(at, heldCount()) : undefined
}

const emitIfAny = (run: Run, r: MergeRecord): void => {
  if (r.linked.length > 0 || r.refused.length > 0) run.emit(r)
}
const aborted = (run: Run): boolean => (run.cancelled ||= run.options.signal?.aborted === true)

export async function mergeGroups(groups: readonly DupeGroup[], options: MergeOptions = {}): Promise<MergeSummary> {
  const limit = knownLinkLimit()
  const planOpts: PlanOptions = {
    xattrs: options.ignoreMetadata
      ? undefined
      : readXattrs(groups.flatMap((g) => g.files.map((f) => f.paths[0] as string))),
    ...(options.keep ? { keep: options.keep } : {}),
    ...(options.ignoreMetadata ? { ignoreMetadata: true } : {}),
    ...(limit !== undefined ? { linkLimit: limit } : {}),
    ...(options.keepers ? { keepers: options.keepers } : {}),
  }
  const run: Run = {
    options,
    progress: { groups: groups.length, groupsDone: 0, linked: 0, freed: 0 },
    emit: (r) => options.onRecord?.(r),
    cancelled: false,
  }
  if (options.dryRun) return dryRun(groups, planOpts, run)

  // Callers tidy up before they look for duplicates (a killed run's temporary names are extra names of
  // keepers); this is for those that did not.
  recoverUnfinished()
  const journal = Journal.create('dedupe')
  const { progress } = run
  run.held = heldFolders()
  try {
    for (let i = 0; i < groups.length && !aborted(run); i += GROUPS_A_SYNC) {
      const batch = groups.slice(i, i + GROUPS_A_SYNC).map((g) => ({ g, plan: planGroup(g, planOpts) }))
      const aheads = batch.map(({ plan }) =>
        plan.chunks.map((c) =>
          journalAhead(
            journal,
            sourceOf(c.keeper),
            c.members.flatMap((m) => m.paths),
            // the addon compares the bytes right before each link where it makes the link (relinkAt)
            { sync: false, later: true, compare: options.compare !== false && run.held !== undefined },
          ),
        ),
      )
      journal.sync()
      for (const [k, { plan }] of batch.entries()) {
        if (aborted(run)) break
        mergeGroup(journal, plan, aheads[k] as Ahead[], run)
        progress.groupsDone++
        options.onProgress?.({ ...progress })
      }
    }
  } finally {
    run.held?.close()
    // old entries left to the addon's threads are all gone (or reported) before the journal says the run ended
    for (const { keeper, refusal } of await removalsDone()) run.emit({ keeper, linked: [], refused: [refusal] })
    journal.close({ linked: progress.linked, freed: progress.freed, cancelled: run.cancelled })
  }
  return { linked: progress.linked, freed: progress.freed, journal: journal.path, cancelled: run.cancelled }
}

/** What each group's merge would do, emitted as records; nothing on disk changes. */
function dryRun(groups: readonly DupeGroup[], planOpts: PlanOptions, run: Run): MergeSummary {
  const { progress } = run
  for (const g of groups) {
    const plan = planGroup(g, planOpts)
    plan.chunks.forEach((c, i) =>
      run.emit({
        keeper: c.keeper.paths[0] as string,
        linked: c.members.flatMap((m) => m.paths),
        refused: i === 0 ? plan.refused : [],
      }),
    )
    if (plan.chunks.length === 0 && plan.refusedBy) emitRefused(plan.refusedBy, plan.refused, run)
    progress.linked += plan.chunks.reduce((n, c) => n + c.members.reduce((k, m) => k + m.paths.length, 0), 0)
    progress.freed += plan.freed
  }
  return { linked: progress.linked, freed: progress.freed, journal: null, cancelled: false }
}

type Ahead = Map<string, Journaled>

function mergeGroup(journal: Journal, plan: Plan, aheads: Ahead[], run: Run): void {
  let refused = plan.refused
  for (const [i, chunk] of plan.chunks.entries()) {
    mergeChunk(journal, chunk, refused, aheads[i], run)
    refused = []
    if (run.cancelled) return
  }
  if (plan.chunks.length === 0 && plan.refusedBy) emitRefused(plan.refusedBy, refused, run)
}

/** A group where every file was refused: its record names the keeper they were compared with. */
function emitRefused(keeper: DupeFile, refused: MergeRecord['refused'], run: Run): void {
  run.emit({ keeper: keeper.paths[0] as string, linked: [], refused })
}

/** `ahead`: the chunk's records, written and synced (while its keeper stays; after a change of keeper, relink writes and syncs one a step). */
function mergeChunk(
  journal: Journal,
  chunk: Plan['chunks'][number],
  refused: MergeRecord['refused'],
  ahead: Ahead | undefined,
  run: Run,
): void {
  const { options, progress } = run
  let rec: MergeRecord = { keeper: chunk.keeper.paths[0] as string, linked: [], refused }
  let keeper = chunk.keeper
  const bytesOf = (k: DupeFile): KeeperBytes => new KeeperBytes({ path: k.paths[0] as string, id: k.id })
  let bytes = bytesOf(keeper)
  try {
    for (const m of chunk.members) {
      if (aborted(run)) break
      const moved = mergeMember(journal, keeper, m, options, rec, { ahead, held: run.held, bytes })
      if (moved === 'new-keeper') {
        emitIfAny(run, rec)
        ahead = undefined
        keeper = m
        bytes.close()
        bytes = bytesOf(keeper)
        rec = { keeper: m.paths[0] as string, linked: [], refused: [] }
      } else if (moved) {
        rec.linked.push(...m.paths)
        progress.linked += m.paths.length
        progress.freed += freedBy(m)
      }
      options.onProgress?.({ ...progress })
    }
  } finally {
    bytes.close()
  }
  emitIfAny(run, rec)
}
