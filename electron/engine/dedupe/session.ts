/**
 * The Duplicates view's channels. Found groups stay here, in the engine, and a merge names them by id:
 * what gets linked is what the engine itself found and checks again on disk, never a description the
 * page sends. Undo takes only the journals of merges made through this session.
 */
import { LinkError } from '../../../shared/errors'
import type { StreamContext } from '../../../shared/ipc/contract'
import type { HandlersOn } from '../../../shared/ipc/sides'
import type {
  DupeGroupRow,
  DupesItem,
  DupesMergeRecord,
  DupesMergeRequest,
  DupesMergeResult,
  DupesSplitResult,
  DupesSummary,
  DupesUndoResult,
} from '../../../shared/types/dupes'
import { resolveAsKernel } from '../listing/paths'
import { findDuplicates } from './find'
import { mergeGroups } from './merge'
import { reportXattrs } from './metadata'
import { OwnJournals } from './own-journals'
import { knownLinkLimit, planGroup } from './plan'
import { recoverUnfinished } from './recover'
import { splitPaths } from './split'
import type { DupeGroup, FindProgress } from './types'

type DupesHandlers = HandlersOn<'engine'>['dupes']

/** A group as the view shows it: its files, the default keeper and what merging frees. */
function rowsOf(groups: DupeGroup[]): DupeGroupRow[] {
  const xattrs = reportXattrs(groups)
  const limit = knownLinkLimit()
  return groups.map((g) => {
    const plan = planGroup(g, { xattrs, ...(limit !== undefined ? { linkLimit: limit } : {}) })
    return {
      id: g.hash,
      size: g.size,
      files: g.files.map((f) => ({ id: f.id, paths: f.paths, links: f.links, mtimeMs: f.mtimeMs })),
      reclaimable: plan.freed,
      keeper: (plan.chunks[0]?.keeper ?? g.files[0])?.id ?? '',
    }
  })
}

/** The CancelSignal of a stream as the AbortSignal the engine's long steps take. */
function abortSignalOf(ctx: StreamContext<DupesItem>): AbortSignal {
  const c = new AbortController()
  if (ctx.signal.aborted) c.abort()
  else ctx.signal.addEventListener('abort', () => c.abort())
  return c.signal
}

export function dupesHandlers(): DupesHandlers {
  const found = new Map<string, DupeGroup>()
  const journals = new OwnJournals('a merge')

  async function find(
    ctx: StreamContext<DupesItem>,
    roots: string[],
    minSize: number | undefined,
  ): Promise<DupesSummary> {
    const started = performance.now()
    const abs = roots.map((r) => resolveAsKernel(r))
    // a killed run's temporary names are extra names of keepers: tidy up before counting names
    recoverUnfinished()
    found.clear()
    let hashFrom = 0
    let reclaimable = 0
    let bytesHashed = 0
    const onProgress = (p: FindProgress): void => {
      if (p.phase === 'hash' && hashFrom === 0) hashFrom = performance.now()
      const secs = hashFrom > 0 ? (performance.now() - hashFrom) / 1000 : 0
      bytesHashed = p.bytesHashed
      ctx.emit([
        { type: 'progress', progress: { ...p, bytesPerSecond: secs > 0 ? Math.round(p.bytesHashed / secs) : 0 } },
      ])
    }
    const onGroups = (groups: DupeGroup[]): void => {
      for (const g of groups) found.set(g.hash, g)
      const rows = rowsOf(groups)
      reclaimable += rows.reduce((n, r) => n + r.reclaimable, 0)
      ctx.emit(rows.map((group) => ({ type: 'group', group })))
    }
    const r = await findDuplicates(abs, {
      signal: abortSignalOf(ctx),
      onProgress,
      onGroups,
      ...(minSize !== undefined ? { minSize } : {}),
    })
    if (r.errors.length > 0) ctx.emit(r.errors.map((e) => ({ type: 'error', ...e })))
    return {
      roots: abs,
      files: r.files,
      groups: r.groups.length,
      reclaimable,
      bytesHashed,
      ms: Math.round(performance.now() - started),
    }
  }

  async function merge(reqs: DupesMergeRequest[]): Promise<DupesMergeResult> {
    const records: DupesMergeRecord[] = []
    const groups: DupeGroup[] = []
    const keepers = new Map<string, string>()
    const groupOfPath = new Map<string, string>()
    for (const req of reqs) {
      const g = found.get(req.group)
      if (!g || !g.files.some((f) => f.id === req.keeper)) {
        const e = new LinkError(
          'CHANGED',
          'This group is no longer one the last search found (merged already, or searched again since). Find duplicates again.',
        )
        records.push({
          group: req.group,
          keeper: req.keeper,
          linked: [],
          refused: [{ path: '', code: e.code, message: e.message }],
        })
        continue
      }
      groups.push(g)
      keepers.set(g.hash, req.keeper)
      for (const f of g.files) for (const p of f.paths) groupOfPath.set(p, g.hash)
    }
    if (groups.length === 0) return { records, linked: 0, freed: 0, journal: null }
    const summary = await mergeGroups(groups, {
      keepers,
      onRecord: (rec) => records.push({ group: groupOfPath.get(rec.keeper) ?? '', ...rec }),
    })
    // merged names are one file now: the group as found no longer describes the disk
    for (const g of groups) found.delete(g.hash)
    journals.add(summary.journal)
    return { records, linked: summary.linked, freed: summary.freed, journal: summary.journal }
  }

  const undo = (journal: string): DupesUndoResult => journals.undo(journal)

  function split(paths: string[]): DupesSplitResult[] {
    const out: DupesSplitResult[] = []
    splitPaths(
      paths.map((p) => resolveAsKernel(p)),
      {
        onRecord: (r) => {
          if ('code' in r)
            out.push({
              path: r.path,
              split: false,
              links: 0,
              refused: { path: r.path, code: r.code, message: r.message },
            })
          else out.push({ path: r.path, split: r.split, links: r.links })
        },
      },
    )
    return out
  }

  return { find, merge, undo, split }
}
