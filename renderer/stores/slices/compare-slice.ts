/**
 * The Compare folders view: two folders compared by identity, the records streamed into one sorted list
 * filtered by state, a selection, and *Link these* (the engine links its own same-content pairs, named by
 * relative path) with a report and an undo through the engine's journal.
 */
import type { AppError } from '../../../shared/errors'
import {
  COMPARE_STATES,
  type CompareItem,
  type CompareProgress,
  type CompareRow,
  type CompareState,
  type CompareViewSummary,
  type TreesLinkResult,
  type TreesUndoResult,
} from '../../../shared/types/trees'
import type { TableSort } from '../../lib/scan-rows'
import { mergeSorted, nextSort } from '../../lib/sorted'
import type { AppSlice } from '../app-store'
import { jobLifecycle } from '../job-lifecycle'
import { type FocusMove, NO_SELECTION, type SelectHow, type Selection, selectionOver } from '../lists/list-state'

const COMPARE_FLUSH_MS = 100

export type CompareStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed'
export type CompareColumn = 'path' | 'state' | 'size'
/** The last *Link these*: what it did, and its undo once asked for. */
export type CompareReport = TreesLinkResult & { undone: TreesUndoResult | null; error: AppError | null }

export type CompareSlice = {
  compareA: string
  compareB: string
  compareStatus: CompareStatus
  compareProgress: CompareProgress | null
  compareSummary: CompareViewSummary | null
  compareError: AppError | null
  compareRows: readonly CompareRow[]
  /** the rows of the shown states, in the sort order */
  compareView: readonly CompareRow[]
  compareSort: TableSort<CompareColumn>
  compareShown: ReadonlySet<CompareState>
  compareSelection: Selection
  /** paths linked by this view since the comparison: one file now */
  compareLinked: ReadonlySet<string>
  compareBusy: boolean
  compareReport: CompareReport | null

  /** Open the view with A (and B, or empty for the user to type); the same A keeps its last comparison. */
  showCompare(a?: string, b?: string): void
  setCompareFolders(a: string, b: string): void
  startCompare(): void
  cancelCompare(): void
  sortCompareBy(column: CompareColumn): void
  /** Show or hide one state's rows. */
  toggleCompareState(state: CompareState): void
  selectCompareRow(path: string, how?: SelectHow): void
  moveCompareFocus(move: FocusMove, extend: boolean, pageSize?: number): void
  toggleAllCompare(): void
  /** Link the selected same-content rows, or every one of them when none is selected. */
  linkCompared(): Promise<void>
  /** Revert the last *Link these*, then compare again. */
  undoCompareLink(): Promise<void>
}

const rowsOf = selectionOver((r: CompareRow) => r.path)

export function compareOrder(sort: TableSort<CompareColumn>): (a: CompareRow, b: CompareRow) => number {
  const key: Record<CompareColumn, (r: CompareRow) => number | string> = {
    path: (r) => r.path,
    state: (r) => COMPARE_STATES.indexOf(r.state),
    size: (r) => r.size,
  }
  const k = key[sort.column]
  const dir = sort.desc ? -1 : 1
  return (a, b) => {
    const x = k(a),
      y = k(b)
    return (x < y ? -dir : x > y ? dir : 0) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  }
}

const viewOf = (rows: readonly CompareRow[], shown: ReadonlySet<CompareState>): CompareRow[] =>
  rows.filter((r) => shown.has(r.state))

/** The same-content paths *Link these* takes: the selected ones, or all of them when none is selected. */
export function linkable(s: Pick<CompareSlice, 'compareRows' | 'compareSelection' | 'compareLinked'>): {
  paths: string[]
  all: boolean
} {
  const open = s.compareRows.filter(
    (r) => r.state === 'same-content' && r.kind === 'file' && !s.compareLinked.has(r.path),
  )
  const chosen = open.filter((r) => s.compareSelection.selected.has(r.path))
  return chosen.length > 0
    ? { paths: chosen.map((r) => r.path), all: false }
    : { paths: open.map((r) => r.path), all: true }
}

/** The rows and counts once paths are linked: those pairs are one file now. */
function afterLinking(
  rows: readonly CompareRow[],
  summary: CompareViewSummary | null,
  linked: ReadonlySet<string>,
): { rows: CompareRow[]; summary: CompareViewSummary | null } {
  const moved = rows.filter((r) => linked.has(r.path) && r.state === 'same-content')
  const out = rows.map((r) =>
    linked.has(r.path) && r.state === 'same-content' ? { ...r, state: 'same-file' as const } : r,
  )
  if (!summary) return { rows: out, summary }
  const bytes = moved.reduce((n, r) => n + r.size, 0)
  const { states } = summary
  return {
    rows: out,
    summary: {
      ...summary,
      states: {
        ...states,
        'same-content': {
          count: states['same-content'].count - moved.length,
          bytes: states['same-content'].bytes - bytes,
        },
        'same-file': { count: states['same-file'].count + moved.length, bytes: states['same-file'].bytes + bytes },
      },
    },
  }
}

export const createCompareSlice: AppSlice<CompareSlice> = (api) => (set, get) => {
  const setRows = (rows: readonly CompareRow[]): void =>
    set({ compareRows: rows, compareView: viewOf(rows, get().compareShown) })
  const jobs = jobLifecycle<CompareItem, CompareRow, CompareViewSummary>({
    flushMs: COMPARE_FLUSH_MS,
    rowsOf: (items) => {
      const rows: CompareRow[] = []
      for (const it of items) {
        if (it.type === 'progress') set({ compareProgress: it.progress })
        else rows.push(...it.rows)
      }
      return rows
    },
    addRows: (rows) => setRows(mergeSorted(get().compareRows, rows, compareOrder(get().compareSort))),
    isEmpty: () => get().compareRows.length === 0,
  })

  return {
    compareA: '',
    compareB: '',
    compareStatus: 'idle',
    compareProgress: null,
    compareSummary: null,
    compareError: null,
    compareRows: [],
    compareView: [],
    compareSort: { column: 'path', desc: false },
    compareShown: new Set(COMPARE_STATES),
    compareSelection: NO_SELECTION,
    compareLinked: new Set(),
    compareBusy: false,
    compareReport: null,

    showCompare(a, b) {
      // a new A starts afresh; the same A comes back to its last comparison
      if (a !== undefined && get().compareStatus !== 'running' && (a !== get().compareA || b !== undefined))
        set({ compareA: a, compareB: b ?? '' })
      set({ screen: 'compare' })
    },
    setCompareFolders(a, b) {
      set({ compareA: a, compareB: b })
    },
    startCompare() {
      const a = get().compareA.trim()
      const b = get().compareB.trim()
      if (!a || !b) return
      set({
        compareStatus: 'running',
        compareProgress: null,
        compareSummary: null,
        compareError: null,
        compareRows: [],
        compareView: [],
        compareSelection: NO_SELECTION,
        compareLinked: new Set(),
        compareReport: null,
      })
      jobs.start(
        (push) => api.trees.compare(push, a, b),
        (end) =>
          set(
            end.status === 'done'
              ? {
                  compareStatus: 'done',
                  compareError: null,
                  compareSummary: end.value,
                  compareA: end.value.a,
                  compareB: end.value.b,
                }
              : { compareStatus: end.status, compareError: end.error },
          ),
      )
    },
    cancelCompare() {
      if (get().compareStatus === 'running') jobs.cancel()
    },
    sortCompareBy(column) {
      const sort = nextSort(get().compareSort, column)
      set({ compareSort: sort })
      setRows([...get().compareRows].sort(compareOrder(sort)))
    },
    toggleCompareState(state) {
      const shown = new Set(get().compareShown)
      if (shown.has(state)) shown.delete(state)
      else shown.add(state)
      const view = viewOf(get().compareRows, shown)
      set({ compareShown: shown, compareView: view, compareSelection: rowsOf.prune(view, get().compareSelection) })
    },
    selectCompareRow(path, how = 'only') {
      set({ compareSelection: rowsOf.select(get().compareView, get().compareSelection, path, how) })
    },
    moveCompareFocus(move, extend, pageSize) {
      set({ compareSelection: rowsOf.moveFocus(get().compareView, get().compareSelection, move, extend, pageSize) })
    },
    toggleAllCompare() {
      set({ compareSelection: rowsOf.toggleAll(get().compareView, get().compareSelection) })
    },

    async linkCompared() {
      const s = get()
      const session = s.compareSummary?.session
      const { paths, all } = linkable(s)
      if (!session || paths.length === 0 || s.compareBusy) return
      set({ compareBusy: true })
      const r = await api.trees.link(session, all ? undefined : paths)
      if (!r.ok) {
        set({
          compareBusy: false,
          compareReport: { linked: [], refused: [], freed: 0, journal: null, undone: null, error: r.error },
        })
        return
      }
      const linked = new Set([...get().compareLinked, ...r.value.linked])
      const next = afterLinking(get().compareRows, get().compareSummary, new Set(r.value.linked))
      setRows(next.rows)
      set({
        compareBusy: false,
        compareLinked: linked,
        compareSummary: next.summary,
        compareReport: { ...r.value, undone: null, error: null },
      })
    },
    async undoCompareLink() {
      const report = get().compareReport
      if (!report?.journal || report.undone || get().compareBusy) return
      set({ compareBusy: true })
      const r = await api.trees.undo(report.journal)
      if (!r.ok) {
        set({ compareBusy: false, compareReport: { ...report, error: r.error } })
        return
      }
      set({ compareBusy: false })
      // the disk is as it was before the link: compare again to show it, and keep the report of the undo
      get().startCompare()
      set({ compareReport: { ...report, undone: r.value, error: null } })
    },
  }
}
