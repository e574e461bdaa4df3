/**
 * The whole-tree scan: broken links as they are found, hard-link groups as soon as all their names are
 * found (the rest, with names elsewhere, at the end), progress while it runs, and byte totals in the summary.
 *
 * Cancelling resolves (not rejects) with `cancelled: true` and the counts so far: a cancelled scan still
 * says how far it got. Nothing is emitted after the cancel.
 */
import type { StreamContext } from '../../../shared/ipc/contract'
import type { HardLinkGroup, ScanItem, ScanOptions, ScanProgress, ScanSummary } from '../../../shared/types/scan'
import { createBatchEmitter } from './batch-emitter'
import { HardLinkGroups } from './hardlink-groups'
import { clockStart, enterPhase, leavePhase } from './phase-clock'
import { reportedMulti, scanFilter } from './scan-filter'
import { scanRoot } from './scan-root'
import { type WalkOutcome, walkTree } from './walk-tree'

const PROGRESS_MS = 100

export async function runScan(ctx: StreamContext<ScanItem>, root: string, options: ScanOptions): Promise<ScanSummary> {
  const started = performance.now()
  clockStart()
  enterPhase('walk')
  const start = scanRoot(root)
  const filter = scanFilter(start.path, options)
  // Files are lstat'ed only when something needs their identity or size; a links-only scan skips them.
  const statFiles = options.hardlinks || options.sizes !== false
  const emitter = createBatchEmitter(ctx)
  const groups = new HardLinkGroups()
  let entries = 0
  let errors = 0
  let broken = 0
  let denied = 0
  let singleBytes = 0
  let lastProgress = -Infinity
  let firstSent = false

  const progress = (): ScanProgress => {
    const seconds = (performance.now() - started) / 1000
    return { entries, dirsQueued: walk.queued(), perSecond: seconds > 0 ? Math.round(entries / seconds) : 0, errors }
  }

  const device = options.crossDevices ? {} : { device: start.dev }
  const walk = walkTree(
    start.path,
    start.id,
    { mode: 'scan', broken: options.broken, statFiles, ...device },
    {
      signal: ctx.signal,
      // a filtered scan decides each descent here, so it walks with worker threads (walk-tree.ts)
      ...(filter ? { accept: (dir: string) => filter.enter(dir) } : {}),
      onResult(r) {
        if (filter) {
          r.multi = reportedMulti(filter, r.multi)
          r.broken = r.broken.filter((link) => filter.report(link.path))
        }
        entries += r.entries
        singleBytes += r.singleBytes
        const complete = options.hardlinks
          ? (group: HardLinkGroup) => emitter.push({ type: 'group', group })
          : undefined
        groups.add(r.multi, complete)
        if (r.multiNames) groups.addNames(r.multiNames, filter, complete)
        for (const e of r.errors) {
          errors++
          emitter.push({ type: 'error', ...e })
        }
        for (const link of r.broken) {
          if (link.reason === 'denied') denied++
          else broken++
          emitter.push({ type: 'broken', link })
        }
        // The first broken links go out at once (goal: on screen within 200 ms); later ones in batches.
        if (!firstSent && r.broken.length > 0) {
          firstSent = true
          emitter.flush()
        }
        const now = performance.now()
        if (now - lastProgress >= PROGRESS_MS) {
          lastProgress = now
          emitter.push({ type: 'progress', progress: progress() })
        }
      },
    },
  )

  let outcome: WalkOutcome
  try {
    outcome = await walk.done
  } catch (e) {
    emitter.close()
    throw e
  } finally {
    leavePhase()
  }
  enterPhase('finish')
  const cancelled = outcome === 'cancelled'
  if (!cancelled) {
    if (options.hardlinks) for (const group of groups.groups()) emitter.push({ type: 'group', group })
    emitter.push({ type: 'progress', progress: progress() })
  }
  emitter.close()
  leavePhase()
  return {
    root: start.path,
    entries,
    broken,
    groups: options.hardlinks ? groups.size : 0,
    errors,
    cancelled,
    apparentBytes: singleBytes + groups.apparentBytes,
    uniqueBytes: singleBytes + groups.uniqueBytes,
    onlyHereBytes: singleBytes + groups.onlyHereBytes,
    ms: Math.round(performance.now() - started),
    deniedLinks: denied,
    sized: statFiles,
    mountsSkipped: walk.mountsSkipped(),
    folders: walk.folders(),
    ...(filter ? { excluded: filter.excluded(), beyondDepth: filter.beyondDepth() } : {}),
  }
}
