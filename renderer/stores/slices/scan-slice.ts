/**
 * The Scan view: a whole-tree scan streamed into two tables (broken links, hard-link groups), its
 * progress, cancel and summary; selection, sort and filter of both tables; repair (candidates, make
 * relative/absolute, batch retarget) and folder sizes for the explorer's "Measure size".
 *
 * Fixes go through the ops slice (retarget, remove with its dialog, report and undo), and this slice
 * listens to the ops report: whatever fixed or removed a link — a button here, the Retarget dialog, the
 * explorer's context menu — the row leaves the list the same way.
 */
import type { AppError, Result } from '../../../shared/errors'
import type { Job } from '../../../shared/ipc/contract'
import type { LinkEntry } from '../../../shared/types/link'
import type { RetargetResult } from '../../../shared/types/ops'
import type { BrokenLink, Candidate, HardLinkGroup, ScanItem, ScanProgress, ScanSummary } from '../../../shared/types/scan'
import {
  brokenOrder, DEFAULT_BROKEN_SORT, DEFAULT_GROUP_SORT, filterBroken, filterGroups, groupOrder, isRelativeLink, mergeSorted, nextSort,
  sortBroken, sortGroups,
  type BrokenColumn, type GroupColumn, type TableSort,
} from '../../features/scan/scan-rows'
import { basenameOf, type Sep } from '../../lib/paths'
import type { AppSlice } from '../app-store'
import type { OpReport, ReportItem, UndoOp } from './ops-slice'

/** Rows are flushed at most this often while a scan streams; the first results go out at once. */
export const SCAN_FLUSH_MS = 100

export type Screen = 'explorer' | 'scan'
export type ScanStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed'
export type ScanErrorItem = { path: string; code: string; message: string }
export type CandidatesState = { link: string; loading: boolean; list: Candidate[]; error: AppError | null }
/** One planned repair of a batch: the link and the candidate it would point to (null: none found). */
export type RepairPlan = { link: BrokenLink; to: Candidate | null }
/** `checked`: how many links have been looked up so far (each lookup walks the tree once). */
export type BatchRepair = { loading: boolean; checked: number; plans: RepairPlan[] }

export type ScanSlice = {
  screen: Screen
  showExplorer(): void
  showScan(): void
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
  candidates: CandidatesState | null
  batchRepair: BatchRepair | null
  /** whether scans enter other file systems (mount points) under their root; off, as `find -xdev` */
  scanCrossDevices: boolean

  /** Scan a folder (broken links, hard-link groups, sizes) and show the Scan view. */
  startScan(root: string): void
  /** For the next scans: enter other file systems or not. */
  setScanCrossDevices(on: boolean): void
  cancelScan(): void
  sortBrokenBy(column: BrokenColumn): void
  sortGroupsBy(column: GroupColumn): void
  setBrokenFilter(text: string): void
  setGroupFilter(text: string): void
  selectBroken(path: string, how?: 'only' | 'toggle' | 'range'): void
  /** Select every shown broken link, or none when all are selected. */
  toggleAllBroken(): void
  focusGroup(id: string | null): void
  findCandidates(link: string): Promise<void>
  /** One click: point the link at a candidate, stored the way it was (relative stays relative). */
  useCandidate(link: string, candidate: string): Promise<Result<RetargetResult> | null>
  /** Store the same resolved path the other way: relative ↔ absolute. */
  convertForm(link: string): Promise<Result<RetargetResult> | null>
  requestRemoveBroken(paths: string[]): void
  /** Batch repair: look up the best candidate of each link, then confirm. */
  planBatchRepair(paths: string[]): Promise<void>
  runBatchRepair(): Promise<void>
  closeBatchRepair(): void
  showGroupNames(group: HardLinkGroup): Promise<void>
}

const noSelection: ReadonlySet<string> = new Set()
let reportIds = 1_000_000

/** A fixed link's row: gone when it works now, updated when it is still broken (e.g. made relative). */
function updatedRow(old: BrokenLink, e: LinkEntry): BrokenLink | null {
  if (e.status === 'ok' || e.status === 'n/a') return null
  const reason = e.status === 'loop' ? 'loop' : e.status === 'denied' ? 'denied' : old.reason === 'loop' || old.reason === 'denied' ? 'missing' : old.reason
  return { ...old, ...e, reason }
}

export const createScanSlice: AppSlice<ScanSlice> = (api) => (set, get, store) => {
  const sep = (): Sep => get().info?.sep ?? '/'
  let job: Job<ScanSummary> | null = null
  /** the running repair lookups: Find candidates (one), the batch repair's (a few) */
  let candidatesJob: Job<Candidate[]> | null = null
  const batchJobs = new Set<Job<Candidate[]>>()
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
  /** Rows that an operation changed: removed names leave, retargeted links leave or update. */
  const applyReport = (report: OpReport): void => {
    const done = report.items.filter((i): i is Extract<ReportItem, { ok: true }> => i.ok)
    if (done.length === 0 || (report.verb !== 'remove' && report.verb !== 'retarget' && report.verb !== 'rename')) return
    const byPath = new Map(done.map((i) => [i.source, i.entry]))
    let changed = false
    const broken: BrokenLink[] = []
    for (const row of get().scanBroken) {
      const e = byPath.get(row.path)
      if (!e) { broken.push(row); continue }
      changed = true
      if (report.verb !== 'rename') fixed.set(row.path, row)
      if (report.verb === 'remove') continue
      if (report.verb === 'rename') { broken.push({ ...row, path: e.path, name: e.name }); continue }
      const next = updatedRow(row, e)
      if (next) broken.push(next)
    }
    let groups = get().scanGroups
    if (report.verb === 'remove' && groups.some((g) => g.paths.some((p) => byPath.has(p)))) {
      changed = true
      groups = groups.flatMap((g) => {
        const left = g.paths.filter((p) => !byPath.has(p))
        if (left.length === g.paths.length) return [g]
        const links = g.links - (g.paths.length - left.length)
        return links > 1 && left.length > 0 ? [{ ...g, paths: left, links }] : []
      })
    }
    if (!changed) return
    const kept = new Set(broken.map((b) => b.path))
    const s = get()
    set({
      ...withBroken(broken),
      ...withGroups(groups),
      brokenSelected: new Set([...s.brokenSelected].filter((p) => kept.has(p))),
      candidates: s.candidates && kept.has(s.candidates.link) ? s.candidates : null,
    })
  }
  /** An undo re-breaks a link (or re-creates a removed one): look at it again and list it if it is broken. */
  const applyUndo = async (op: UndoOp): Promise<void> => {
    const path = op.kind === 'retarget' ? op.path : op.kind === 'remove' ? op.removed.path : null
    const old = path ? fixed.get(path) ?? get().scanBroken.find((l) => l.path === path) : undefined
    if (!path || !old) return
    const generationThen = generation
    const e = await get().statPath(path)
    if (generationThen !== generation || !e) return
    const row = updatedRow(old, e)
    const others = get().scanBroken.filter((l) => l.path !== path)
    if (row) fixed.delete(path)
    set(withBroken(row ? [...others, row] : others))
  }
  store.subscribe((state, prev) => {
    if (state.report && state.report !== prev.report) applyReport(state.report)
    // Only a successful undo pops the ops slice's undo stack, after the disk has changed back.
    if (state.undoStack.length === prev.undoStack.length - 1) {
      const op = prev.undoStack[prev.undoStack.length - 1]
      if (op) void applyUndo(op)
    }
  })

  const linkOf = (path: string): BrokenLink | undefined => get().scanBroken.find((l) => l.path === path)
  const rootOf = (): string => get().scanSummary?.root ?? get().scanRoot ?? '/'

  return {
    screen: 'explorer',
    showExplorer() { set({ screen: 'explorer' }) },
    showScan() { set({ screen: 'scan' }) },
    scanRoot: null,
    scanStatus: 'idle',
    scanProgress: null,
    scanSummary: null,
    scanError: null,
    scanFirstResultMs: null,
    scanWallMs: null,
    scanBroken: [],
    brokenView: [],
    scanGroups: [],
    groupView: [],
    scanErrors: [],
    brokenSort: DEFAULT_BROKEN_SORT,
    groupSort: DEFAULT_GROUP_SORT,
    brokenFilter: '',
    groupFilter: '',
    brokenSelected: noSelection,
    brokenFocus: null,
    brokenAnchor: null,
    groupFocus: null,
    candidates: null,
    batchRepair: null,
    scanCrossDevices: false,
    setScanCrossDevices(on) { set({ scanCrossDevices: on }) },

    startScan(root) {
      job?.cancel()
      const mine = ++generation
      fixed.clear()
      const started = performance.now()
      set({
        screen: 'scan', scanRoot: root, scanStatus: 'running', scanProgress: null, scanSummary: null, scanError: null,
        scanFirstResultMs: null, scanWallMs: null, scanBroken: [], brokenView: [], scanGroups: [], groupView: [], scanErrors: [],
        brokenSelected: noSelection, brokenFocus: null, brokenAnchor: null, groupFocus: null, candidates: null, batchRepair: null,
      })
      let broken: BrokenLink[] = []
      let groups: HardLinkGroup[] = []
      let errors: ScanErrorItem[] = []
      let timer: ReturnType<typeof setTimeout> | null = null
      let shown = false
      const flush = (): void => {
        timer = null
        if (mine !== generation) return
        const next: Partial<ScanSlice> = {}
        if (broken.length) { Object.assign(next, addBroken(broken)); broken = [] }
        if (groups.length) { Object.assign(next, addGroups(groups)); groups = [] }
        if (errors.length) { next.scanErrors = get().scanErrors.concat(errors); errors = [] }
        if (!shown && (next.scanBroken || next.scanGroups)) { shown = true; next.scanFirstResultMs = Math.round(performance.now() - started) }
        set(next)
      }
      const onItems = (items: ScanItem[]): void => {
        if (mine !== generation) return
        let progress: ScanProgress | null = null
        for (const it of items) {
          if (it.type === 'broken') broken.push(it.link)
          else if (it.type === 'group') groups.push(it.group)
          else if (it.type === 'error') errors.push({ path: it.path, code: it.code, message: it.message })
          else progress = it.progress
        }
        if (progress) set({ scanProgress: progress })
        // The first rows go on screen at once; later ones are gathered so a big scan sorts once per flush.
        if (!shown && (broken.length || groups.length)) { if (timer) clearTimeout(timer); flush() }
        else if (!timer) timer = setTimeout(flush, SCAN_FLUSH_MS)
      }
      const current = api.scan.run(onItems, root, { broken: true, hardlinks: true, sizes: true, crossDevices: get().scanCrossDevices })
      job = current
      void current.done.then((r) => {
        if (mine !== generation) return
        if (timer) clearTimeout(timer)
        flush()
        job = null
        const wall = Math.round(performance.now() - started)
        if (!r.ok) {
          set({ scanStatus: r.error.code === 'CANCELLED' ? 'cancelled' : 'failed', scanError: r.error.code === 'CANCELLED' ? null : r.error, scanWallMs: wall })
          return
        }
        const s = r.value
        set({
          scanSummary: s, scanRoot: s.root, scanStatus: s.cancelled ? 'cancelled' : 'done', scanWallMs: wall,
          scanProgress: { entries: s.entries, dirsQueued: 0, perSecond: s.ms > 0 ? Math.round(s.entries / (s.ms / 1000)) : get().scanProgress?.perSecond ?? 0, errors: s.errors },
        })
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
    setBrokenFilter(text) { set({ brokenFilter: text, brokenView: filterBroken(get().scanBroken, text) }) },
    setGroupFilter(text) { set({ groupFilter: text, groupView: filterGroups(get().scanGroups, text) }) },
    selectBroken(path, how = 'only') {
      const s = get()
      if (how === 'toggle') {
        const next = new Set(s.brokenSelected)
        if (next.has(path)) next.delete(path)
        else next.add(path)
        set({ brokenSelected: next, brokenFocus: path, brokenAnchor: path })
        return
      }
      if (how === 'range' && s.brokenAnchor) {
        const view = s.brokenView
        const a = view.findIndex((l) => l.path === s.brokenAnchor)
        const b = view.findIndex((l) => l.path === path)
        if (a >= 0 && b >= 0) {
          const [lo, hi] = a < b ? [a, b] : [b, a]
          set({ brokenSelected: new Set(view.slice(lo, hi + 1).map((l) => l.path)), brokenFocus: path })
          return
        }
      }
      set({ brokenSelected: new Set([path]), brokenFocus: path, brokenAnchor: path, groupFocus: null })
      if (s.candidates && s.candidates.link !== path) { candidatesJob?.cancel(); set({ candidates: null }) }
    },
    toggleAllBroken() {
      const { brokenView, brokenSelected } = get()
      const all = brokenView.length > 0 && brokenView.every((l) => brokenSelected.has(l.path))
      set({ brokenSelected: all ? noSelection : new Set(brokenView.map((l) => l.path)) })
    },
    focusGroup(id) { set({ groupFocus: id, ...(id ? { brokenFocus: null, candidates: null } : {}) }) },

    async findCandidates(link) {
      candidatesJob?.cancel() // one lookup at a time: the one for the link in view
      set({ candidates: { link, loading: true, list: [], error: null } })
      const mine = api.scan.candidates(() => {}, link, rootOf())
      candidatesJob = mine
      const r = await mine.done
      if (candidatesJob === mine) candidatesJob = null
      if (get().candidates?.link !== link) return
      set({ candidates: r.ok ? { link, loading: false, list: r.value, error: null } : { link, loading: false, list: [], error: r.error } })
    },
    async useCandidate(link, candidate) {
      const l = linkOf(link)
      if (!l) return null
      return get().retarget({ path: link, target: candidate, relative: l.kind === 'symlink' && isRelativeLink(l) })
    },
    async convertForm(link) {
      const l = linkOf(link)
      if (!l || !l.resolved || l.kind !== 'symlink') return null
      return get().retarget({ path: link, target: l.resolved, relative: !isRelativeLink(l) })
    },
    requestRemoveBroken(paths) {
      const entries = paths.map(linkOf).filter((l): l is BrokenLink => l !== undefined)
      if (entries.length > 0) get().openDialog({ type: 'remove', entries })
    },
    async planBatchRepair(paths) {
      const links = paths.map(linkOf).filter((l): l is BrokenLink => l !== undefined)
      if (links.length === 0) return
      const plans: RepairPlan[] = links.map((link) => ({ link, to: null }))
      const mine: BatchRepair = { loading: true, checked: 0, plans }
      set({ batchRepair: mine })
      const root = rootOf()
      // A few lookups at a time: each is a walk of the tree, and the engine has workers to spare.
      let next = 0
      let checked = 0
      const lookUp = async (): Promise<void> => {
        while (next < links.length && get().batchRepair?.plans === plans) {
          const i = next++
          const lookup = api.scan.candidates(() => {}, links[i]!.path, root)
          batchJobs.add(lookup)
          const r = await lookup.done
          batchJobs.delete(lookup)
          plans[i] = { link: links[i]!, to: r.ok ? r.value[0] ?? null : null }
          checked++
          const cur = get().batchRepair
          if (cur?.plans === plans) set({ batchRepair: { ...cur, checked } })
        }
      }
      await Promise.all([lookUp(), lookUp(), lookUp()])
      const cur = get().batchRepair
      if (cur?.plans === plans) set({ batchRepair: { loading: false, checked, plans: [...plans] } })
    },
    async runBatchRepair() {
      const plan = get().batchRepair
      if (!plan || plan.loading) return
      set({ batchRepair: null, busy: true })
      const items: ReportItem[] = []
      const undo: UndoOp[] = []
      try {
        for (const { link, to } of plan.plans) {
          if (!to) continue
          const r = await api.links.retarget({ path: link.path, target: to.path, relative: link.kind === 'symlink' && isRelativeLink(link) })
          if (r.ok) {
            undo.push({ kind: 'retarget', path: r.value.entry.path, previousTarget: r.value.previousTarget })
            items.push({ source: link.path, ok: true, entry: r.value.entry, note: `now points to “${r.value.entry.target ?? to.path}” (was “${r.value.previousTarget}”)` })
          } else {
            items.push({ source: link.path, ok: false, error: r.error })
          }
        }
      } finally {
        set({ busy: false })
      }
      const made = items.filter((i) => i.ok).length
      set({
        undoStack: [...get().undoStack, ...undo],
        report: { id: ++reportIds, verb: 'retarget', title: made === items.length ? `Retargeted ${made} link${made === 1 ? '' : 's'} to the closest candidate` : `Retargeted ${made} of ${items.length}`, items },
      })
      if (get().dir) void get().refresh()
    },
    closeBatchRepair() {
      for (const lookup of batchJobs) lookup.cancel() // closed while still looking: stop the walks
      set({ batchRepair: null })
    },
    async showGroupNames(group) {
      const first = group.paths[0]
      if (!first) return
      const entry = await get().statPath(first)
      if (entry) get().openDialog({ type: 'names', entry })
      else get().showNotice('error', `“${basenameOf(first, sep())}” is no longer there; scan again to refresh the groups.`)
    },
  }
}
