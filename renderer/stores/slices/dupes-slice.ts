/**
 * The Duplicates view: a search's stream of groups into one sorted, selectable list, its progress and
 * cancel; the keeper chosen per group; merging a group or the selection into hard links, with a report
 * per group and an undo through the engine's journal; and "Make independent" for a file's name.
 */
import type { AppError } from '../../../shared/errors'
import type {
  DupeGroupRow,
  DupesItem,
  DupesMergeResult,
  DupesProgress,
  DupesSummary,
  DupesUndoResult,
} from '../../../shared/types/dupes'
import type { TableSort } from '../../lib/scan-rows'
import { mergeSorted, nextSort } from '../../lib/sorted'
import type { AppSlice } from '../app-store'
import { jobLifecycle } from '../job-lifecycle'
import { type FocusMove, NO_SELECTION, type SelectHow, type Selection, selectionOver } from '../lists/list-state'

/** Rows are flushed at most this often while a search streams; the first ones go out at once. */
const DUPES_FLUSH_MS = 100

export type DupesStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed'
export type DupesColumn = 'size' | 'files' | 'names' | 'freed' | 'path'
export type DupesErrorItem = { path: string; code: string; message: string }
/** The last merge: what it did per group, and its undo once asked for. */
export type DupesReport = DupesMergeResult & { undone: DupesUndoResult | null; error: AppError | null }

export type DupesSlice = {
  dupesRoots: string[] | null
  dupesStatus: DupesStatus
  dupesProgress: DupesProgress | null
  dupesSummary: DupesSummary | null
  dupesError: AppError | null
  dupesErrors: DupesErrorItem[]
  dupesGroups: readonly DupeGroupRow[]
  dupesSort: TableSort<DupesColumn>
  dupesSelection: Selection
  /** group id → the file id chosen to keep (absent: the engine's default) */
  dupesKeepers: Readonly<Record<string, string>>
  /** groups merged by this view since the search: they are one file now */
  dupesMerged: ReadonlySet<string>
  dupesBusy: boolean
  dupesReport: DupesReport | null

  /** Search the roots for duplicates and show the Duplicates view. */
  findDupes(roots: string[]): void
  cancelDupes(): void
  sortDupesBy(column: DupesColumn): void
  selectDupe(id: string, how?: SelectHow): void
  moveDupeFocus(move: FocusMove, extend: boolean, pageSize?: number): void
  toggleAllDupes(): void
  chooseKeeper(group: string, file: string): void
  /** Merge these groups into hard links of their keepers. */
  mergeDupes(groups: string[]): Promise<void>
  /** Revert the last merge (its journal), then search again. */
  undoDupesMerge(): Promise<void>
  /** Make one name of a hard-linked file an independent copy. */
  splitFile(path: string): Promise<void>
}

const dupeRows = selectionOver((g: DupeGroupRow) => g.id)

const firstPath = (g: DupeGroupRow): string => g.files[0]?.paths[0] ?? ''
const namesOf = (g: DupeGroupRow): number => g.files.reduce((n, f) => n + f.paths.length, 0)

export function dupesOrder(sort: TableSort<DupesColumn>): (a: DupeGroupRow, b: DupeGroupRow) => number {
  const key: Record<DupesColumn, (g: DupeGroupRow) => number | string> = {
    size: (g) => g.size,
    files: (g) => g.files.length,
    names: namesOf,
    freed: (g) => g.reclaimable,
    path: firstPath,
  }
  const k = key[sort.column]
  const dir = sort.desc ? -1 : 1
  return (a, b) => {
    const x = k(a),
      y = k(b)
    return (x < y ? -dir : x > y ? dir : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  }
}

export const createDupesSlice: AppSlice<DupesSlice> = (api) => (set, get) => {
  const jobs = jobLifecycle<DupesItem, DupeGroupRow, DupesSummary>({
    flushMs: DUPES_FLUSH_MS,
    rowsOf: (items) => {
      const rows: DupeGroupRow[] = []
      const errors: DupesErrorItem[] = []
      let progress: DupesProgress | null = null
      for (const it of items) {
        if (it.type === 'group') rows.push(it.group)
        else if (it.type === 'progress') progress = it.progress
        else errors.push({ path: it.path, code: it.code, message: it.message })
      }
      if (progress) set({ dupesProgress: progress })
      if (errors.length) set({ dupesErrors: get().dupesErrors.concat(errors) })
      return rows
    },
    addRows: (rows) => set({ dupesGroups: mergeSorted(get().dupesGroups, rows, dupesOrder(get().dupesSort)) }),
    isEmpty: () => get().dupesGroups.length === 0,
  })

  return {
    dupesRoots: null,
    dupesStatus: 'idle',
    dupesProgress: null,
    dupesSummary: null,
    dupesError: null,
    dupesErrors: [],
    dupesGroups: [],
    dupesSort: { column: 'freed', desc: true },
    dupesSelection: NO_SELECTION,
    dupesKeepers: {},
    dupesMerged: new Set(),
    dupesBusy: false,
    dupesReport: null,

    findDupes(roots) {
      get().showDupes()
      set({
        dupesRoots: roots,
        dupesStatus: 'running',
        dupesProgress: null,
        dupesSummary: null,
        dupesError: null,
        dupesErrors: [],
        dupesGroups: [],
        dupesSelection: NO_SELECTION,
        dupesKeepers: {},
        dupesMerged: new Set(),
        dupesReport: null,
      })
      jobs.start(
        (push) => api.dupes.find(push, roots, undefined),
        (end) =>
          set(
            end.status === 'done'
              ? { dupesStatus: 'done', dupesError: null, dupesSummary: end.value, dupesRoots: end.value.roots }
              : { dupesStatus: end.status, dupesError: end.error },
          ),
      )
    },
    cancelDupes() {
      if (get().dupesStatus === 'running') jobs.cancel()
    },
    sortDupesBy(column) {
      const sort = nextSort(get().dupesSort, column)
      set({ dupesSort: sort, dupesGroups: [...get().dupesGroups].sort(dupesOrder(sort)) })
    },
    selectDupe(id, how = 'only') {
      set({ dupesSelection: dupeRows.select(get().dupesGroups, get().dupesSelection, id, how) })
    },
    moveDupeFocus(move, extend, pageSize) {
      set({ dupesSelection: dupeRows.moveFocus(get().dupesGroups, get().dupesSelection, move, extend, pageSize) })
    },
    toggleAllDupes() {
      set({ dupesSelection: dupeRows.toggleAll(get().dupesGroups, get().dupesSelection) })
    },
    chooseKeeper(group, file) {
      set({ dupesKeepers: { ...get().dupesKeepers, [group]: file } })
    },

    async mergeDupes(ids) {
      const s = get()
      const byId = new Map(s.dupesGroups.map((g) => [g.id, g]))
      const reqs = ids
        .filter((id) => byId.has(id) && !s.dupesMerged.has(id))
        .map((id) => ({ group: id, keeper: s.dupesKeepers[id] ?? (byId.get(id) as DupeGroupRow).keeper }))
      if (reqs.length === 0 || s.dupesBusy) return
      set({ dupesBusy: true })
      const r = await api.dupes.merge(reqs)
      if (!r.ok) {
        set({
          dupesBusy: false,
          dupesReport: { records: [], linked: 0, freed: 0, journal: null, undone: null, error: r.error },
        })
        return
      }
      const merged = new Set(get().dupesMerged)
      for (const rec of r.value.records) if (rec.linked.length > 0) merged.add(rec.group)
      set({ dupesBusy: false, dupesMerged: merged, dupesReport: { ...r.value, undone: null, error: null } })
    },
    async undoDupesMerge() {
      const report = get().dupesReport
      if (!report?.journal || report.undone || get().dupesBusy) return
      set({ dupesBusy: true })
      const r = await api.dupes.undo(report.journal)
      // the names are separate files again, with new ids: what the view lists is found afresh
      const roots = get().dupesRoots
      if (r.ok && roots) get().findDupes(roots)
      set({ dupesBusy: false, dupesReport: r.ok ? { ...report, undone: r.value } : { ...report, error: r.error } })
    },
    async splitFile(path) {
      const r = await api.dupes.split([path])
      const one = r.ok ? r.value[0] : undefined
      if (!r.ok) get().showNotice('error', 'Could not make it independent.', r.error.message)
      else if (one?.refused) get().showNotice('error', 'Could not make it independent.', one.refused.message)
      else if (one && !one.split) get().showNotice('info', 'This file has only one name: it is independent already.')
      else get().showNotice('info', 'It is an independent copy now: editing it no longer changes the other names.')
      await get().refresh([path])
    },
  }
}
