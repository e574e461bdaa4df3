/** Sorting, filtering and counting a folder's entries (pure: the store keeps the results). */
import type { LinkEntry } from '../../shared/types/link'
import { isBroken, isFolderLike, isHardLinked, kindLabel, statusLabel } from './format'
import { compareNames, compareRowNames, orderKey } from './name-order'
import { mergeSorted } from './sorted'

export const SORT_COLUMNS = ['name', 'kind', 'links', 'target', 'status', 'size', 'mtime'] as const
export type SortColumn = (typeof SORT_COLUMNS)[number]
export type Sort = { column: SortColumn; desc: boolean; foldersFirst: boolean }

export const DEFAULT_SORT: Sort = { column: 'name', desc: false, foldersFirst: true }

/** A measured folder's bytes in names, by path (the toolbar's "Folder sizes"). */
export type FolderBytes = (path: string) => number | undefined

/** Files show their size and measured folders their bytes in names; links and the rest sort as having none. */
const shownSize = (e: LinkEntry, folderBytes?: FolderBytes): number =>
  e.kind === 'file' ? e.size : e.kind === 'dir' ? (folderBytes?.(e.path) ?? -1) : -1

const STATUS_ORDER: Record<LinkEntry['status'], number> = { loop: 0, broken: 1, denied: 2, ok: 3, 'n/a': 4 }

function compareBy(column: SortColumn, folderBytes?: FolderBytes): (a: LinkEntry, b: LinkEntry) => number {
  switch (column) {
    case 'name':
      return compareRowNames
    case 'kind':
      return (a, b) => compareNames(kindLabel(a), kindLabel(b))
    case 'links':
      return (a, b) => a.links - b.links
    case 'target':
      return (a, b) => compareNames(a.target ?? '', b.target ?? '')
    case 'status':
      return (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]
    case 'size':
      return (a, b) => shownSize(a, folderBytes) - shownSize(b, folderBytes)
    case 'mtime':
      return (a, b) => a.mtimeMs - b.mtimeMs
  }
}

/** The full order: folders first when asked, then the column, then the name so the order is stable. */
export function comparatorFor(sort: Sort, folderBytes?: FolderBytes): (a: LinkEntry, b: LinkEntry) => number {
  const by = compareBy(sort.column, folderBytes)
  const dir = sort.desc ? -1 : 1
  const byName = compareBy('name')
  return (a, b) => {
    if (sort.foldersFirst) {
      const fa = isFolderLike(a),
        fb = isFolderLike(b)
      if (fa !== fb) return fa ? -1 : 1
    }
    return dir * by(a, b) || byName(a, b) || compareNames(a.path, b.path)
  }
}

/**
 * For the name order, ascending (a folder's first order): a string per entry whose plain order is
 * `comparatorFor`'s, or null for a name only the collator can order. Undefined for other orders.
 */
export function sortKeyFor(sort: Sort): ((e: LinkEntry) => string | null) | undefined {
  if (sort.column !== 'name' || sort.desc) return undefined
  return (e) => {
    const key = orderKey(e.name)
    if (key === null || !sort.foldersFirst) return key
    return (isFolderLike(e) ? '0' : '1') + key
  }
}

/** A sorted copy. */
export function sortEntries(entries: readonly LinkEntry[], sort: Sort, folderBytes?: FolderBytes): LinkEntry[] {
  return [...entries].sort(comparatorFor(sort, folderBytes))
}

/** Add a streamed batch to the sorted entries (one merge, not a full sort). */
export const mergeEntries = (
  sorted: readonly LinkEntry[],
  batch: readonly LinkEntry[],
  sort: Sort,
  folderBytes?: FolderBytes,
): LinkEntry[] => mergeSorted(sorted, batch, comparatorFor(sort, folderBytes))

/**
 * Case-insensitive match on the name, the target and the kind/status words ("broken", "hard link").
 * "broken" means what the status bar counts (isBroken: a missing target or a loop), so both agree.
 */
export function filterEntries(entries: readonly LinkEntry[], filter: string): readonly LinkEntry[] {
  const q = filter.trim().toLocaleLowerCase()
  if (!q) return entries
  return entries.filter(
    (e) =>
      e.name.toLocaleLowerCase().includes(q) ||
      (e.target ?? '').toLocaleLowerCase().includes(q) ||
      kindLabel(e).toLocaleLowerCase().includes(q) ||
      statusLabel(e).toLocaleLowerCase() === q ||
      (q === 'broken' && isBroken(e)),
  )
}

export type FolderStats = { total: number; hardLinked: number; broken: number; links: number }

export function statsOf(entries: readonly LinkEntry[]): FolderStats {
  let hardLinked = 0,
    broken = 0,
    links = 0
  for (const e of entries) {
    if (isHardLinked(e)) hardLinked++
    if (isBroken(e)) broken++
    if (e.kind !== 'file' && e.kind !== 'dir' && e.kind !== 'special') links++
  }
  return { total: entries.length, hardLinked, broken, links }
}
