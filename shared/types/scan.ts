import type { LinkEntry } from './link'

/** crossDevices: enter folders on other file systems (mount points); by default a scan stays on the root's, as `find -xdev` does */
/** exclude: globs of folders/entries to leave out (by name, or by path below the root with "/"); maxDepth: the root's own entries are depth 1, deeper folders are not entered */
export type ScanOptions = {
  broken: boolean
  hardlinks: boolean
  sizes?: boolean
  crossDevices?: boolean
  exclude?: string[]
  maxDepth?: number
}

/** Why a link is broken, in words a person can act on. */
export type BrokenReason = 'missing' | 'loop' | 'through-file' | 'denied'
export type BrokenLink = LinkEntry & { reason: BrokenReason }

export type HardLinkGroup = {
  id: string
  /** total names the file has, which may exceed the names found under the root */
  links: number
  paths: string[]
  size: number
}

export type ScanProgress = { entries: number; dirsQueued: number; perSecond: number; errors: number }

/** What a scan streams: results as found, and progress. */
export type ScanItem =
  | { type: 'broken'; link: BrokenLink }
  | { type: 'group'; group: HardLinkGroup }
  | { type: 'progress'; progress: ScanProgress }
  | { type: 'error'; path: string; code: string; message: string }

export type ScanSummary = {
  root: string
  entries: number
  broken: number
  groups: number
  errors: number
  /** a cancelled scan resolves (it does not reject with CANCELLED) with the counts so far, and no groups */
  cancelled: boolean
  /** apparent bytes (every name counted) and unique bytes (each file once) */
  apparentBytes: number
  uniqueBytes: number
  /** the bytes removing the root would free: each file once, counted only when every name it has (its link count) is under the root */
  onlyHereBytes?: number
  ms: number
  /** links whose target could not be checked (permission denied); streamed as 'broken' items with reason 'denied', not counted in `broken` */
  deniedLinks?: number
  /** false when files were not lstat'ed (options.sizes false and no hard links wanted): the byte totals are then 0 */
  sized?: boolean
  /** mount points under the root not entered (options.crossDevices not set) */
  mountsSkipped?: number
  /** folders listed, the root included */
  folders?: number
  /** folders not entered and entries not reported because of options.exclude */
  excluded?: number
  /** folders not entered because of options.maxDepth */
  beyondDepth?: number
}

export type NamesResult = { id: string; links: number; paths: string[] }

/** "Links pointing here": where the search ran, how much it saw, how many links lead into the target. */
export type LinksIntoResult = { target: string; root: string; entries: number; links: number; ms: number }

export type Candidate = { path: string; kind: 'file' | 'dir'; score: number }
