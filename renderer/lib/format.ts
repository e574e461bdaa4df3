/** Display formats for sizes, dates and kinds. */
import type { LinkEntry } from '../../shared/types/link'

// Binary multiples, so named as such: "KB" would read as 1000 to `du --si` users and 1024 to Explorer users.
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB']

/** Bytes in binary units (1 KiB = 1024 B), three significant figures: "512 B", "1.5 KiB", "120 MiB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  let v = bytes
  let u = 0
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024
    u++
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${UNITS[u]}`
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export const formatDate = (ms: number): string => (ms > 0 ? dateFormat.format(new Date(ms)) : '—')

const pad = (n: number): string => String(n).padStart(2, '0')

/** A table's date: local time as "2026-11-27 12:19", the same width on every row (the full one is its tooltip). */
export function formatDateCompact(ms: number): string {
  if (!(ms > 0)) return '—'
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

// one formatter, made once: toLocaleString makes a new one per call, and counts change with every batch
const countFormat = new Intl.NumberFormat()
export const formatCount = (n: number): string => countFormat.format(n)

/** A regular file with more than one name: the hard links the explorer marks. */
export const isHardLinked = (e: Pick<LinkEntry, 'kind' | 'links'>): boolean => e.kind === 'file' && e.links > 1

export const isBroken = (e: Pick<LinkEntry, 'status'>): boolean => e.status === 'broken' || e.status === 'loop'

/** Folder-like entries sort first and open on double-click. */
export const isFolderLike = (e: Pick<LinkEntry, 'kind' | 'targetKind'>): boolean =>
  e.kind === 'dir' ||
  e.kind === 'junction' ||
  e.kind === 'mount-point' ||
  ((e.kind === 'symlink' || e.kind === 'wsl-symlink') && e.targetKind === 'dir')

/** The icon an entry gets: one per way a person thinks of it. */
export type IconKind =
  'file' | 'dir' | 'symlink-file' | 'symlink-dir' | 'junction' | 'hardlink' | 'broken' | 'other-reparse' | 'special'

export function iconKindOf(e: LinkEntry): IconKind {
  if (isBroken(e)) return 'broken'
  switch (e.kind) {
    case 'file':
      return e.links > 1 ? 'hardlink' : 'file'
    case 'dir':
      return 'dir'
    case 'symlink':
    case 'wsl-symlink':
      return e.targetKind === 'dir' ? 'symlink-dir' : 'symlink-file'
    case 'junction':
    case 'mount-point':
      return 'junction'
    case 'special':
      return 'special'
    default:
      return 'other-reparse'
  }
}

const symlinkLabel = (e: LinkEntry): string =>
  e.targetKind === 'dir' ? 'Symlink (folder)' : e.targetKind === 'file' ? 'Symlink (file)' : 'Symlink'

/** The kind, and on Windows what a non-link reparse tag adds to it ("Folder · OneDrive placeholder"). */
export function kindLabel(e: LinkEntry): string {
  const kind = baseKindLabel(e)
  return e.tag ? `${kind} · ${e.tag[0]!.toUpperCase()}${e.tag.slice(1)}` : kind
}

/** Kinds whose label depends on nothing else. */
const KIND_LABELS: Partial<Record<LinkEntry['kind'], string>> = {
  dir: 'Folder',
  junction: 'Junction',
  'mount-point': 'Mount point',
  'wsl-symlink': 'WSL symlink',
  'app-exec-link': 'App alias',
  cloud: 'Cloud file',
  dedup: 'Deduplicated',
  'other-reparse': 'Reparse point',
}

function baseKindLabel(e: LinkEntry): string {
  if (e.kind === 'file') return e.links > 1 ? 'Hard link' : 'File'
  if (e.kind === 'symlink') return symlinkLabel(e)
  if (e.kind === 'special') return e.status === 'denied' ? 'Unreadable' : 'Special'
  return KIND_LABELS[e.kind] ?? e.kind
}

export function statusLabel(e: LinkEntry): string {
  switch (e.status) {
    case 'ok':
      return 'OK'
    case 'broken':
      return 'Broken'
    case 'loop':
      return 'Loop'
    case 'denied':
      return 'No access'
    case 'n/a':
      return ''
  }
}
