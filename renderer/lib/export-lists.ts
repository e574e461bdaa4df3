/** The columns each exportable list writes: folder entries and find results, broken links, hard-link groups. */
import type { LinkEntry } from '../../shared/types/link'
import type { BrokenLink, HardLinkGroup } from '../../shared/types/scan'
import type { ExportColumn } from './export-format'

const iso = (ms: number): string | null => (ms > 0 ? new Date(ms).toISOString() : null)

export const ENTRY_COLUMNS: ExportColumn<LinkEntry>[] = [
  { key: 'name', value: (e) => e.name, name: true },
  { key: 'path', value: (e) => e.path, name: true },
  { key: 'kind', value: (e) => e.kind },
  { key: 'links', value: (e) => e.links },
  { key: 'target', value: (e) => e.target, name: true },
  { key: 'resolved', value: (e) => e.resolved, name: true },
  { key: 'status', value: (e) => e.status },
  { key: 'size', value: (e) => e.size },
  { key: 'modified', value: (e) => iso(e.mtimeMs) },
  { key: 'id', value: (e) => e.id },
]

export const BROKEN_COLUMNS: ExportColumn<BrokenLink>[] = [
  { key: 'path', value: (b) => b.path, name: true },
  { key: 'kind', value: (b) => b.kind },
  { key: 'target', value: (b) => b.target, name: true },
  { key: 'resolved', value: (b) => b.resolved, name: true },
  { key: 'reason', value: (b) => b.reason },
  { key: 'status', value: (b) => b.status },
]

/** A hard-link group as rows: one per name found, with the group's identity on each. */
export type GroupName = { group: HardLinkGroup; path: string }
export const groupNames = (groups: readonly HardLinkGroup[]): GroupName[] =>
  groups.flatMap((group) => group.paths.map((path) => ({ group, path })))

export const GROUP_COLUMNS: ExportColumn<GroupName>[] = [
  { key: 'group', value: (g) => g.group.id },
  { key: 'links', value: (g) => g.group.links },
  { key: 'size', value: (g) => g.group.size },
  { key: 'path', value: (g) => g.path, name: true },
]
