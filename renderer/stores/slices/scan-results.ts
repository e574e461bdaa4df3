/** What a scan shows, as state: the empty lists a new scan starts from, its items by type, its end. */
import type { AppError, Result } from '../../../shared/errors'
import type { BrokenLink, HardLinkGroup, ScanItem, ScanProgress, ScanSummary } from '../../../shared/types/scan'

export type ScanStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed'
export type ScanErrorItem = { path: string; code: string; message: string }

const noSelection: ReadonlySet<string> = new Set()

/** Everything one scan found or chose, cleared: how a slice starts and how each new scan starts. */
export const noResults = () => ({
  scanProgress: null,
  scanSummary: null,
  scanError: null,
  scanFirstResultMs: null,
  scanWallMs: null,
  scanBroken: [] as BrokenLink[],
  brokenView: [] as readonly BrokenLink[],
  scanGroups: [] as HardLinkGroup[],
  groupView: [] as readonly HardLinkGroup[],
  scanErrors: [] as ScanErrorItem[],
  brokenSelected: noSelection,
  brokenFocus: null,
  brokenAnchor: null,
  groupFocus: null,
})

/** A batch of scan rows, by what they are. */
export function byType(items: Exclude<ScanItem, { type: 'progress' }>[]) {
  const broken: BrokenLink[] = []
  const groups: HardLinkGroup[] = []
  const errors: ScanErrorItem[] = []
  for (const it of items) {
    if (it.type === 'broken') broken.push(it.link)
    else if (it.type === 'group') groups.push(it.group)
    else errors.push({ path: it.path, code: it.code, message: it.message })
  }
  return { broken, groups, errors }
}

/** The state a scan ends in: its summary and final count, or why it stopped. */
export function finished(r: Result<ScanSummary>, wallMs: number, progress: ScanProgress | null) {
  if (!r.ok) {
    const cancelled = r.error.code === 'CANCELLED'
    return {
      scanStatus: cancelled ? ('cancelled' as const) : ('failed' as const),
      scanError: cancelled ? null : (r.error as AppError),
      scanWallMs: wallMs,
    }
  }
  const s = r.value
  return {
    scanSummary: s,
    scanRoot: s.root,
    scanStatus: s.cancelled ? ('cancelled' as const) : ('done' as const),
    scanWallMs: wallMs,
    scanProgress: {
      entries: s.entries,
      dirsQueued: 0,
      perSecond: s.ms > 0 ? Math.round(s.entries / (s.ms / 1000)) : (progress?.perSecond ?? 0),
      errors: s.errors,
    },
  }
}
