/**
 * The Scan view's rows, pure: reasons in plain words, sorting and filtering of broken links and hard-link
 * groups. The store keeps the sorted/filtered arrays, so streamed batches are sorted once per flush.
 */
import type { BrokenLink, BrokenReason, HardLinkGroup } from '../../shared/types/scan'
import { isRelativeTarget } from './explain'
import { basenameOf, dirnameOf, type Sep } from './paths'

export const REASON_LABELS: Record<BrokenReason, string> = {
  missing: 'Missing target',
  loop: 'Loop',
  'through-file': 'Through a file',
  denied: 'Denied',
}

/** One sentence per reason: what is wrong and what to do about it. */
export const REASON_HINTS: Record<BrokenReason, string> = {
  missing: 'The path it stores leads nowhere: the target was moved, renamed or deleted.',
  loop: 'Following it leads back to itself through other links, so it never reaches a file or folder.',
  'through-file': 'Its path goes “through” a file as if it were a folder (e.g. notes.txt/part), which can never exist.',
  denied: 'Linkscope may not look at the target (no permission), so it cannot tell whether it is alive.',
}

/**
 * Broken links as tab-separated lines with a header (path, target as stored, reason): pastes into a
 * spreadsheet as columns, or into a ticket as text. A name with a tab or line break in it is quoted.
 */
export function brokenListText(links: readonly BrokenLink[]): string {
  const cell = (v: string): string => (/[\t\n\r"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return (
    [
      'Path\tTarget\tReason',
      ...links.map((l) => [l.path, l.target ?? '', REASON_LABELS[l.reason]].map(cell).join('\t')),
    ].join('\n') + '\n'
  )
}

export type BrokenColumn = 'name' | 'path' | 'target' | 'reason'
export type GroupColumn = 'name' | 'folder' | 'found' | 'links' | 'elsewhere' | 'size'
export type TableSort<C extends string> = { column: C; desc: boolean }

export const DEFAULT_BROKEN_SORT: TableSort<BrokenColumn> = { column: 'path', desc: false }
export const DEFAULT_GROUP_SORT: TableSort<GroupColumn> = { column: 'size', desc: true }

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })
const REASON_ORDER: Record<BrokenReason, number> = { missing: 0, 'through-file': 1, loop: 2, denied: 3 }

/** Names of the file found elsewhere: its link count minus the names found under the root. */
export const namesElsewhere = (g: HardLinkGroup): number => Math.max(0, g.links - g.paths.length)

/** The group's first name (paths arrive sorted), shown as its name. */
export const groupName = (g: HardLinkGroup, sep: Sep): string => basenameOf(g.paths[0] ?? g.id, sep)

export const folderOf = (p: string, sep: Sep): string => dirnameOf(p, sep) ?? p

/** The folder of the name the group is shown by (its first path): what tells apart groups that share a name. */
export const groupFolder = (g: HardLinkGroup, sep: Sep): string => folderOf(g.paths[0] ?? g.id, sep)

export const isRelativeLink = (l: BrokenLink): boolean => l.target !== undefined && isRelativeTarget(l.target)

function brokenCompare(column: BrokenColumn): (a: BrokenLink, b: BrokenLink) => number {
  switch (column) {
    case 'name':
      return (a, b) => collator.compare(a.name, b.name)
    case 'path':
      return (a, b) => collator.compare(a.path, b.path)
    case 'target':
      return (a, b) => collator.compare(a.target ?? '', b.target ?? '')
    case 'reason':
      return (a, b) => REASON_ORDER[a.reason] - REASON_ORDER[b.reason]
  }
}

/** The full order of a sort: the column, then the path, so equal rows keep one order. */
export function brokenOrder(sort: TableSort<BrokenColumn>): (a: BrokenLink, b: BrokenLink) => number {
  const by = brokenCompare(sort.column)
  const dir = sort.desc ? -1 : 1
  return (a, b) => dir * by(a, b) || collator.compare(a.path, b.path)
}

export function sortBroken(list: readonly BrokenLink[], sort: TableSort<BrokenColumn>): BrokenLink[] {
  return [...list].sort(brokenOrder(sort))
}

/** Case-insensitive: the path, the stored target, or the reason's words ("loop", "missing"). */
export function filterBroken(list: readonly BrokenLink[], filter: string): readonly BrokenLink[] {
  const q = filter.trim().toLocaleLowerCase()
  if (!q) return list
  return list.filter(
    (l) =>
      l.path.toLocaleLowerCase().includes(q) ||
      (l.target ?? '').toLocaleLowerCase().includes(q) ||
      REASON_LABELS[l.reason].toLocaleLowerCase().includes(q),
  )
}

function groupCompare(column: GroupColumn, sep: Sep): (a: HardLinkGroup, b: HardLinkGroup) => number {
  switch (column) {
    case 'name':
      return (a, b) => collator.compare(groupName(a, sep), groupName(b, sep))
    case 'folder':
      return (a, b) => collator.compare(groupFolder(a, sep), groupFolder(b, sep))
    case 'found':
      return (a, b) => a.paths.length - b.paths.length
    case 'links':
      return (a, b) => a.links - b.links
    case 'elsewhere':
      return (a, b) => namesElsewhere(a) - namesElsewhere(b)
    case 'size':
      return (a, b) => a.size - b.size
  }
}

export function groupOrder(sort: TableSort<GroupColumn>, sep: Sep): (a: HardLinkGroup, b: HardLinkGroup) => number {
  const by = groupCompare(sort.column, sep)
  const dir = sort.desc ? -1 : 1
  return (a, b) => dir * by(a, b) || collator.compare(a.paths[0] ?? a.id, b.paths[0] ?? b.id)
}

export function sortGroups(list: readonly HardLinkGroup[], sort: TableSort<GroupColumn>, sep: Sep): HardLinkGroup[] {
  return [...list].sort(groupOrder(sort, sep))
}

/** Any of the group's paths matches; "elsewhere" finds groups with names outside the root. */
export function filterGroups(list: readonly HardLinkGroup[], filter: string): readonly HardLinkGroup[] {
  const q = filter.trim().toLocaleLowerCase()
  if (!q) return list
  if (q === 'elsewhere') return list.filter((g) => namesElsewhere(g) > 0)
  return list.filter((g) => g.paths.some((p) => p.toLocaleLowerCase().includes(q)))
}
