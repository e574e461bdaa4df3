/**
 * A whole-tree scan: its stream of broken links and hard-link groups into two sorted, filtered,
 * selectable lists, its progress, cancel and summary. Whatever fixed or removed a link (a button in the
 * Scan view, a dialog, the explorer's context menu), the ops slice says so, and the row here leaves or
 * updates the same way; an undo brings it back. Repairs themselves are repair-slice's.
 */
import type { AppError } from '../../../shared/errors'
import type { Job } from '../../../shared/ipc/contract'
import type { BrokenLink, HardLinkGroup, ScanItem, ScanProgress, ScanSummary } from '../../../shared/types/scan'
import type { Sep } from '../../lib/paths'
import {
  type BrokenColumn,
  brokenOrder,
  DEFAULT_BROKEN_SORT,
  DEFAULT_GROUP_SORT,
  filterBroken,
  filterGroups,
  type GroupColumn,
  groupOrder,
  sortBroken,
  sortGroups,
  type TableSort,
} from '../../lib/scan-rows'
import { mergeSorted, nextSort } from '../../lib/sorted'
import type { AppSlice } from '../app-store'
import { type FocusMove, type SelectHow, selectionOver } from '../lists/list-state'
import { streamBuffer } from '../lists/stream-buffer'
import type { OpDone, UndoOp } from './ops-slice'
import { fixedRows, updatedRow } from './scan-fixes'
import { scanLimits } from './scan-limits'
import { byType, finished, noResults, type ScanErrorItem, type ScanStatus } from './scan-results'

export type { ScanErrorItem, ScanStatus } from './scan-results'

/** Rows are flushed at most this often while a scan streams; the first results go out at once. */
export const SCAN_FLUSH_MS = 100

export type ScanSlice = {
  scanRoot: string | null
  scanStatus: ScanStatus
  scanProgress: ScanProgress | null
  scanSummary: ScanSummary | null
  scanError: AppError | null
  /** ms from starting the scan to its first result on screen */
  scanFirstResultMs: number | null
  /** ms from starting the scan to its end as the user saw it (the engine's own time, summary.ms, leaves out the round trip) */
  scanWallMs: number | null
  /** every broken link found, sorted; and what the table shows (filtered) */
  scanBroken: BrokenLink[]
  brokenView: readonly BrokenLink[]
  scanGroups: HardLinkGroup[]
  groupView: readonly HardLinkGroup[]
  /** folders and entries that could not be read */
  scanErrors: ScanErrorItem[]
  brokenSort: TableSort<BrokenColumn>
  groupSort: TableSort<GroupColumn>
  brokenFilter: string
  groupFilter: string
  brokenSelected: ReadonlySet<string>
  brokenFocus: string | null
  brokenAnchor: string | null
  groupFocus: string | null
  /** whether scans enter other file systems (mount points) under their root; off, as `find -xdev` */
  scanCrossDevices: boolean
  /** what scans leave out, as typed: globs separated by commas, and a depth limit ('' for none) */
  scanExclude: string
  scanMaxDepth: string

  /** Scan a folder (broken links, hard-link groups, sizes) and show the Scan view. */
  startScan(root: string): void
  /** For the next scans: enter other file systems or not. */
  setScanCrossDevices(on: boolean): void
  setScanLimits(limits: Partial<Pick<ScanSlice, 'scanExclude' | 'scanMaxDepth'>>): void
  cancelScan(): void
  sortBrokenBy(column: BrokenColumn): void
  sortGroupsBy(column: GroupColumn): void
  setBrokenFilter(text: string): void
  setGroupFilter(text: string): void
  selectBroken(path: string, how?: SelectHow): void
  /** The keyboard in the broken links: move the focus, selecting it or extending the range. */
  moveBrokenFocus(move: FocusMove, extend: boolean, pageSize?: number): void
  /** Select every shown broken link, or none when all are selected. */
  toggleAllBroken(): void
  focusGroup(id: string | null): void
  /** The keyboard in the hard-link groups. */
  moveGroupFocus(move: FocusMove, pageSize?: number): void
  /** The broken link listed at this path, if any. */
  brokenAt(path: string): BrokenLink | undefined
  /** Where the shown scan started (its summary's root once it has one). */
  scanRootShown(): string
}

const brokenRows = selectionOver((l: BrokenLink) => l.path)
const groupRows = selectionOver((g: HardLinkGroup) => g.id)

export const createScanSlice: AppSlice<ScanSlice> = (api) => (set, get) => {
  const sep = (): Sep => get().info?.sep ?? '/'
  let job: Job<ScanSummary> | null = null
  let generation = 0

  const withBroken = (list: BrokenLink[]) => {
    const sorted = sortBroken(list, get().brokenSort)
    return { scanBroken: sorted, brokenView: filterBroken(sorted, get().brokenFilter) }
  }
  const withGroups = (list: HardLinkGroup[]) => {
    const sorted = sortGroups(list, get().groupSort, sep())
    return { scanGroups: sorted, groupView: filterGroups(sorted, get().groupFilter) }
  }
  /** Streamed batches are merged into the sorted lists (never a full re-sort per batch). */
  const addBroken = (batch: BrokenLink[]) => {
    const sorted = mergeSorted(get().scanBroken, batch, brokenOrder(get().brokenSort))
    return { scanBroken: sorted, brokenView: filterBroken(sorted, get().brokenFilter) }
  }
  const addGroups = (batch: HardLinkGroup[]) => {
    // A group sent again (it gained a name during the scan) replaces the one shown.
    const again = new Set(batch.map((g) => g.id))
    const kept = get().scanGroups.filter((g) => !again.has(g.id))
    const sorted = mergeSorted(kept, batch, groupOrder(get().groupSort, sep()))
    return { scanGroups: sorted, groupView: filterGroups(sorted, get().groupFilter) }
  }

  /** Rows fixed or removed in this scan's list, kept so an undo can bring them back as they were. */
  const fixed = new Map<string, BrokenLink>()
  /** An undo re-breaks a link (or re-creates a removed one): look at it again and list it if it is broken. */
  const applyUndo = async (op: UndoOp): Promise<void> => {
    const path = op.kind === 'retarget' ? op.path : op.kind === 'remove' ? op.removed.path : null
    const old = path ? (fixed.get(path) ?? get().scanBroken.find((l) => l.path === path)) : undefined
    if (!path || !old) return
    const generationThen = generation
    const e = await get().statPath(path)
    if (generationThen !== generation || !e) return
    const row = updatedRow(old, e)
    const others = get().scanBroken.filter((l) => l.path !== path)
    if (row) fixed.delete(path)
    set(withBroken(row ? [...others, row] : others))
  }
  const onOpDone = (done: OpDone): void => {
    if (done.type === 'undone') {
      void applyUndo(done.op)
      return
    }
    const change = fixedRows(done.report, get().scanBroken, get().scanGroups, fixed)
    if (!change) return
    const kept = new Set(change.broken.map((b) => b.path))
    set({
      ...withBroken(change.broken),
      ...withGroups(change.groups),
      brokenSelected: new Set([...get().brokenSelected].filter((p) => kept.has(p))),
    })
    get().forgetCandidatesUnless(kept)
  }
  let listening = false

  /** One scan's items, gathered: the first rows show at once, later ones once per SCAN_FLUSH_MS. */
  const scanBuffer = (mine: number, started: number) => {
    let shown = false
    return streamBuffer<Exclude<ScanItem, { type: 'progress' }>>(
      (items) => {
        if (mine !== generation) return
        const { broken, groups, errors } = byType(items)
        const next: Partial<ScanSlice> = {}
        if (broken.length) Object.assign(next, addBroken(broken))
        if (groups.length) Object.assign(next, addGroups(groups))
        if (errors.length) next.scanErrors = get().scanErrors.concat(errors)
        if (!shown && (broken.length || groups.length)) {
          shown = true
          next.scanFirstResultMs = Math.round(performance.now() - started)
        }
        set(next)
      },
      () => SCAN_FLUSH_MS,
    )
  }

  return {
    ...noResults(),
    scanRoot: null,
    scanStatus: 'idle',
    brokenSort: DEFAULT_BROKEN_SORT,
    groupSort: DEFAULT_GROUP_SORT,
    brokenFilter: '',
    groupFilter: '',
    scanCrossDevices: false,
    setScanCrossDevices(on) {
      set({ scanCrossDevices: on })
    },
    scanExclude: '',
    scanMaxDepth: '',
    setScanLimits(limits) {
      set(limits)
    },

    startScan(root) {
      if (!listening) {
        listening = true
        get().onOpDone(onOpDone)
      }
      job?.cancel()
      const mine = ++generation
      fixed.clear()
      const started = performance.now()
      get().showScan()
      get().resetRepairs()
      set({ ...noResults(), scanRoot: root, scanStatus: 'running' })
      const limits = scanLimits(get().scanExclude, get().scanMaxDepth)
      if (!limits.ok) return set(finished(limits, 0, null))
      const buffer = scanBuffer(mine, started)
      let rowsShown = false
      const onItems = (items: ScanItem[]): void => {
        if (mine !== generation) return
        let progress: ScanProgress | null = null
        const rows: Exclude<ScanItem, { type: 'progress' }>[] = []
        for (const it of items) {
          if (it.type === 'progress') progress = it.progress
          else rows.push(it)
        }
        if (progress) set({ scanProgress: progress })
        // The first rows go on screen at once; later ones are gathered so a big scan sorts once per flush.
        const firstRows = !rowsShown && rows.some((r) => r.type !== 'error')
        if (firstRows) rowsShown = true
        buffer.push(rows, firstRows)
      }
      const current = api.scan.run(onItems, root, {
        broken: true,
        hardlinks: true,
        sizes: true,
        crossDevices: get().scanCrossDevices,
        ...limits.value,
      })
      job = current
      void current.done.then((r) => {
        if (mine !== generation) return
        buffer.flush()
        job = null
        set(finished(r, Math.round(performance.now() - started), get().scanProgress))
      })
    },
    cancelScan() {
      if (job && get().scanStatus === 'running') job.cancel()
    },
    sortBrokenBy(column) {
      set({ brokenSort: nextSort(get().brokenSort, column) })
      set(withBroken(get().scanBroken))
    },
    sortGroupsBy(column) {
      set({ groupSort: nextSort(get().groupSort, column) })
      set(withGroups(get().scanGroups))
    },
    setBrokenFilter(text) {
      set({ brokenFilter: text, brokenView: filterBroken(get().scanBroken, text) })
    },
    setGroupFilter(text) {
      set({ groupFilter: text, groupView: filterGroups(get().scanGroups, text) })
    },
    selectBroken(path, how = 'only') {
      const s = get()
      const view = s.brokenView
      const sel = brokenRows.select(
        view,
        { selected: s.brokenSelected, focus: s.brokenFocus, anchor: s.brokenAnchor },
        path,
        how,
      )
      set({ brokenSelected: sel.selected, brokenFocus: sel.focus, brokenAnchor: sel.anchor })
      const ranged =
        how === 'range' && brokenRows.indexIn(view, s.brokenAnchor) >= 0 && brokenRows.indexIn(view, path) >= 0
      // A plain click moves the details to this link: the group and another link's candidates go.
      if (how !== 'toggle' && !ranged) {
        set({ groupFocus: null })
        get().forgetCandidatesUnless(new Set([path]))
      }
    },
    moveBrokenFocus(move, extend, pageSize) {
      const path = brokenRows.focusTarget(get().brokenView, get().brokenFocus, move, pageSize)
      if (path !== null) get().selectBroken(path, extend ? 'range' : 'only')
    },
    toggleAllBroken() {
      const s = get()
      set({
        brokenSelected: brokenRows.toggleAll(s.brokenView, {
          selected: s.brokenSelected,
          focus: s.brokenFocus,
          anchor: s.brokenAnchor,
        }).selected,
      })
    },
    focusGroup(id) {
      set({ groupFocus: id, ...(id ? { brokenFocus: null } : {}) })
      if (id) get().forgetCandidatesUnless(new Set())
    },
    moveGroupFocus(move, pageSize) {
      const id = groupRows.focusTarget(get().groupView, get().groupFocus, move, pageSize)
      if (id !== null) get().focusGroup(id)
    },
    brokenAt: (path) => get().scanBroken.find((l) => l.path === path),
    scanRootShown: () => get().scanSummary?.root ?? get().scanRoot ?? '/',
  }
}
