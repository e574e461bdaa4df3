/**
 * Find by name: a glob over a tree, streamed into the same kind of table as a scan's results, sorted by
 * a header click and selected as the explorer's rows are (Shift/Ctrl+click, Shift+arrows, Ctrl+A).
 */
import type { AppError } from '../../../shared/errors'
import type { Job } from '../../../shared/ipc/contract'
import type { FindMatch, FindSummary } from '../../../shared/types/actions'
import type { LinkEntry } from '../../../shared/types/link'
import { kindLabel } from '../../lib/format'
import { dirnameOf, type Sep } from '../../lib/paths'
import type { TableSort } from '../../lib/scan-rows'
import { mergeSorted, nextSort } from '../../lib/sorted'
import type { AppSlice } from '../app-store'
import { type FocusMove, NO_SELECTION, type SelectHow, type Selection, selectionOver } from '../lists/list-state'

export type FindStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error'
export type FindColumn = 'name' | 'folder' | 'kind' | 'size' | 'target'

export type FindSlice = {
  findRoot: string | null
  findPattern: string
  findIgnoreCase: boolean
  /** what the pattern is matched against: each entry's name, or each link's stored target (find -lname) */
  findMatch: FindMatch
  findStatus: FindStatus
  /** the results, in `findSort` order */
  found: LinkEntry[]
  findSort: TableSort<FindColumn>
  findSelection: Selection
  findSummary: FindSummary | null
  findError: AppError | null
  /** Open the Find view over `root` (the open folder by default). */
  showFind(root?: string): void
  setFindPattern(pattern: string): void
  setFindIgnoreCase(on: boolean): void
  setFindMatch(match: FindMatch): void
  startFind(): void
  cancelFind(): void
  sortFoundBy(column: FindColumn): void
  selectFound(path: string, how?: SelectHow): void
  moveFoundFocus(move: FocusMove, extend: boolean, pageSize?: number): void
  toggleAllFound(): void
  /** The selected results, in the order shown. */
  chosenFound(): LinkEntry[]
  /** A result's folder opens in the explorer with the result selected. */
  openFound(entry: LinkEntry): Promise<void>
}

const foundRows = selectionOver((e: LinkEntry) => e.path)

/** The order of the results: by the column clicked, then by path so equal keys keep one order. */
export function findOrder(sort: TableSort<FindColumn>, sep: Sep): (a: LinkEntry, b: LinkEntry) => number {
  const key: Record<FindColumn, (e: LinkEntry) => number | string> = {
    name: (e) => e.name.toLowerCase(),
    folder: (e) => (dirnameOf(e.path, sep) ?? '').toLowerCase(),
    kind: kindLabel,
    size: (e) => (e.kind === 'file' ? e.size : -1),
    target: (e) => e.target ?? '',
  }
  const k = key[sort.column]
  const dir = sort.desc ? -1 : 1
  return (a, b) => {
    const x = k(a),
      y = k(b)
    return (x < y ? -dir : x > y ? dir : 0) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  }
}

export const createFindSlice: AppSlice<FindSlice> = (api) => (set, get) => {
  let job: Job<FindSummary> | null = null
  const order = () => findOrder(get().findSort, get().info?.sep ?? '/')
  return {
    findRoot: null,
    findPattern: '',
    findIgnoreCase: true,
    findMatch: 'name',
    findStatus: 'idle',
    found: [],
    findSort: { column: 'name', desc: false },
    findSelection: NO_SELECTION,
    findSummary: null,
    findError: null,
    showFind(root) {
      const next = root ?? get().dir
      if (next && next !== get().findRoot && get().findStatus !== 'running') set({ findRoot: next })
      set({ screen: 'find' })
    },
    setFindPattern(pattern) {
      set({ findPattern: pattern })
    },
    setFindIgnoreCase(on) {
      set({ findIgnoreCase: on })
    },
    setFindMatch(match) {
      set({ findMatch: match })
    },
    startFind() {
      const { findRoot, findPattern, findIgnoreCase, findMatch } = get()
      if (!findRoot || findPattern === '') return
      job?.cancel()
      set({ findStatus: 'running', found: [], findSummary: null, findError: null, findSelection: NO_SELECTION })
      const mine = api.actions.findByName(
        (items) => {
          if (job === mine) set({ found: mergeSorted(get().found, items, order()) })
        },
        findRoot,
        findPattern,
        { ignoreCase: findIgnoreCase, match: findMatch },
      )
      job = mine
      void mine.done.then((r) => {
        if (job !== mine) return
        job = null
        if (!r.ok) set({ findStatus: 'error', findError: r.error })
        else set({ findStatus: r.value.cancelled ? 'cancelled' : 'done', findSummary: r.value })
      })
    },
    cancelFind() {
      job?.cancel()
    },
    sortFoundBy(column) {
      set({ findSort: nextSort(get().findSort, column) })
      set({ found: [...get().found].sort(order()) })
    },
    selectFound(path, how = 'only') {
      set({ findSelection: foundRows.select(get().found, get().findSelection, path, how) })
    },
    moveFoundFocus(move, extend, pageSize) {
      set({ findSelection: foundRows.moveFocus(get().found, get().findSelection, move, extend, pageSize) })
    },
    toggleAllFound() {
      set({ findSelection: foundRows.toggleAll(get().found, get().findSelection) })
    },
    chosenFound() {
      return foundRows.chosen(get().found, get().findSelection)
    },
    async openFound(entry) {
      const parent = dirnameOf(entry.path, get().info?.sep ?? '/')
      if (!parent) return
      get().showExplorer()
      await get().openDirectory(parent, [entry.path])
    },
  }
}
