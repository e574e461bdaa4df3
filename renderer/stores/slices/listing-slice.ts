/**
 * The open folder's entries. A folder streams in batches: each batch is merged into the sorted rows as it
 * arrives, and the rows are shown at most every FLUSH_MS (so a 100k-entry folder is neither re-sorted
 * nor redrawn per batch), with a running count.
 */
import type { AppError } from '../../../shared/errors'
import type { Job } from '../../../shared/ipc/contract'
import type { ListSummary } from '../../../shared/types/app'
import type { LinkEntry } from '../../../shared/types/link'
import {
  comparatorFor,
  DEFAULT_SORT,
  filterEntries,
  type FolderStats,
  type Sort,
  type SortColumn,
  sortEntries,
  sortKeyFor,
  statsOf,
} from '../../lib/entries'
import type { AppSlice } from '../app-store'
import { sortedStream } from '../lists/sorted-stream'

export const FLUSH_MS = 120

export type ListingSlice = {
  /** the folder shown (or being loaded) */
  dir: string | null
  /** every entry, sorted */
  entries: LinkEntry[]
  /** the entries the table shows: sorted, then filtered */
  view: readonly LinkEntry[]
  stats: FolderStats
  /** entries received so far while the folder streams, counted when the table is redrawn with them */
  streamed: number
  summary: ListSummary | null
  loading: boolean
  listError: AppError | null
  sort: Sort
  filter: string
  loadListing(dir: string, select?: string[]): Promise<void>
  /** Click a header: sort by it, or flip the direction if it is already the sort column. */
  sortBy(column: SortColumn): void
  setFoldersFirst(on: boolean): void
  setFilter(text: string): void
  /** Sort again (measured folder sizes changed the order by size). */
  resort(): void
  /** Read the open folder again and swap its rows in at once, keeping selection, focus and scroll (a change on disk). */
  refreshInPlace(): Promise<void>
}

const EMPTY_STATS = statsOf([])

/**
 * How many entries the open folder has as far as anyone can say yet: while it streams, the entries
 * received. The footer and the details panel both read this, so they never disagree.
 */
export const entriesSoFar = (s: Pick<ListingSlice, 'loading' | 'streamed' | 'stats'>): number =>
  s.loading ? Math.max(s.streamed, s.stats.total) : s.stats.total

/** The counts of two lists together: a streamed batch adds its own counts, the rows are not counted again. */
const addStats = (a: FolderStats, b: FolderStats): FolderStats => ({
  total: a.total + b.total,
  hardLinked: a.hardLinked + b.hardLinked,
  broken: a.broken + b.broken,
  links: a.links + b.links,
})

export const createListingSlice: AppSlice<ListingSlice> = (api) => (set, get) => {
  let job: Job<ListSummary> | null = null
  let generation = 0

  /** Measured folders sort by their bytes in names (folder-sizes-slice). */
  const folderBytes = (path: string): number | undefined => {
    const m = get().folderSizes.get(path)
    return m?.measured ? m.apparentBytes : undefined
  }
  const derive = (entries: LinkEntry[], sort: Sort, filter: string) => {
    const sorted = sortEntries(entries, sort, folderBytes)
    return { entries: sorted, view: filterEntries(sorted, filter), stats: statsOf(sorted) }
  }

  return {
    dir: null,
    entries: [],
    view: [],
    stats: EMPTY_STATS,
    streamed: 0,
    summary: null,
    loading: false,
    listError: null,
    sort: DEFAULT_SORT,
    filter: '',
    async loadListing(dir, select) {
      job?.cancel()
      const mine = ++generation
      const pendingSelect = new Set(select ?? [])
      // The first rows go on screen at once; after that, merged rows are shown every FLUSH_MS.
      let stats = EMPTY_STATS
      const stream = sortedStream<LinkEntry>(
        () => ({ key: get().sort, order: comparatorFor(get().sort, folderBytes), sortKey: sortKeyFor(get().sort) }),
        (all, added) => {
          if (mine !== generation) return
          stats = addStats(stats, statsOf(added))
          // the count goes with the rows: counting each batch as it came redrew the footer and the
          // details panel (and laid out the page) per batch, a third of the page's work on a big folder
          set({ entries: all, view: filterEntries(all, get().filter), stats, streamed })
        },
        FLUSH_MS,
      )
      const changingFolder = get().dir !== dir
      let streamed = 0
      set({
        dir,
        loading: true,
        listError: null,
        streamed: 0,
        // A refresh keeps the old rows on screen until the new ones arrive; a new folder starts empty.
        ...(changingFolder ? { entries: [], view: [], stats: EMPTY_STATS, summary: null } : {}),
      })
      if (changingFolder) get().clearSelection()
      let first = true
      const current = api.links.list((items) => {
        if (mine !== generation) return
        if (first && !changingFolder) {
          first = false
          set({ entries: [], view: [] })
        }
        first = false
        streamed += items.length
        stream.push(items)
      }, dir)
      job = current
      // asked after the listing, so the engine (one request at a time) starts on the rows first
      if (changingFolder) void get().folderCapabilities(dir)
      const r = await current.done
      if (mine !== generation) return
      stream.flush()
      job = null
      if (!r.ok) {
        set({ loading: false, listError: r.error, ...(first ? { entries: [], view: [], stats: EMPTY_STATS } : {}) })
        return
      }
      if (first) set({ entries: [], view: [], stats: EMPTY_STATS })
      set({ loading: false, summary: r.value, dir: r.value.dir })
      if (pendingSelect.size > 0) {
        const present = get()
          .entries.filter((e) => pendingSelect.has(e.path))
          .map((e) => e.path)
        if (present.length > 0) get().selectPaths(present)
      } else if (!changingFolder) {
        get().pruneSelection()
      }
      get().measureListedFolders()
    },
    sortBy(column) {
      const { sort, entries, filter } = get()
      const next: Sort = sort.column === column ? { ...sort, desc: !sort.desc } : { ...sort, column, desc: false }
      set({ sort: next, ...derive(entries, next, filter) })
    },
    setFoldersFirst(on) {
      const { sort, entries, filter } = get()
      const next = { ...sort, foldersFirst: on }
      set({ sort: next, ...derive(entries, next, filter) })
    },
    resort() {
      const { sort, entries, filter } = get()
      set(derive(entries, sort, filter))
    },
    setFilter(text) {
      set({ filter: text, view: filterEntries(get().entries, text) })
    },
    async refreshInPlace() {
      const dir = get().dir
      // a load under way reads the folder anew anyway
      if (!dir || get().loading) return
      const mine = generation
      const fresh: LinkEntry[] = []
      const r = await api.links.list((items) => {
        fresh.push(...items)
      }, dir).done
      if (mine !== generation || get().dir !== dir || !r.ok) return
      const { sort, filter } = get()
      set({ ...derive(fresh, sort, filter), summary: r.value })
      get().pruneSelection()
    },
  }
}
