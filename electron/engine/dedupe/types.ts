/** What duplicate finding, planning and merging pass between them. */
import type { AppErrorCode } from '../../../shared/errors'

/** One file (one id), with every name it has inside the roots. */
export type DupeFile = {
  id: string
  dev: number
  size: number
  /** names the file has on its volume; more than `paths.length` when some are outside the roots */
  links: number
  /** its names inside the roots, in the order they were found */
  paths: string[]
  /** the first root (by the order given) holding one of its names */
  root: number
  /** from the look taken when it was hashed: what merging checks again before each link */
  mtimeMs: number
  mode: number
  uid: number
  gid: number
  /** the whole file's hash found it had no extended attributes (a report need not list them again) */
  noXattrs?: boolean
}

/** Distinct files with identical content. */
export type DupeGroup = { size: number; hash: string; files: DupeFile[] }

export type Refusal = { path: string; code: AppErrorCode; message: string }

export type KeepRule = 'oldest' | 'newest' | 'first-root'

export type FindProgress = {
  phase: 'walk' | 'hash'
  /** regular files seen so far (walk) */
  files: number
  /** files still in the running after the last step (hash) */
  candidates: number
  bytesHashed: number
}

/** The options every long step takes so a service or UI can follow and cancel it. */
export type Follow<P> = { signal?: AbortSignal; onProgress?: (p: P) => void }

/** A file with a name outside the roots keeps its data whatever happens to its names inside: merging it frees nothing. */
export const fileHasNamesOutside = (f: DupeFile): boolean => f.links > f.paths.length
