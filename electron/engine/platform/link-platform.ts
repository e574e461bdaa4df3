/**
 * The seam between the engine and an operating system. Everything above it (listing, scans, ops,
 * CLI, UI) is platform-neutral; posix/ implements it with node:fs, win32/ with koffi-bound Win32.
 *
 * Every method is synchronous on purpose: the engine runs in worker threads (ARCHITECTURE.md, "How work runs"), where a
 * synchronous walk is several times faster than promise-per-entry, and a synchronous FFI call can read
 * GetLastError reliably. Failures throw LinkError with a code from shared/errors.ts, mapped here at
 * the edge from errno or Win32 error codes.
 */
import type { Capabilities } from '../../../shared/types/app'
import type { LinkEntry } from '../../../shared/types/link'
import type { RemoveOptions } from '../../../shared/types/ops'

export type DirBatchReader = {
  /** up to `max` entry names (never "." or ".."); null at the end */
  next(max: number): string[] | null
  close(): void
}

/**
 * `readOnlyToo`, Windows: remove the name even though the file is read-only (READ_ONLY otherwise). The
 * attribute is not cleared: it belongs to the file, so its other names keep it. POSIX has no such
 * attribute on names.
 */
export type { RemoveOptions } from '../../../shared/types/ops'

export interface LinkPlatform {
  readonly kind: 'posix' | 'win32'
  readonly sep: '/' | '\\'
  /** What can be made; with `folder`, in that folder (its volume may hold no junctions, or no links at all). */
  capabilities(folder?: string): Capabilities

  /** The entry at `path`, never following it: kind, links, id, target and its status. */
  entry(path: string): LinkEntry
  /** Read a folder's names in batches (so a 100k-entry folder streams and can be cancelled). */
  openDir(dir: string): DirBatchReader
  /** The link text exactly as stored (NOT_A_LINK for anything else). */
  readLink(path: string): string

  /** A new name for an existing file. */
  createHardLink(existing: string, link: string): void
  /** A symbolic link storing `stored` verbatim (relative or absolute); targetKind matters on Windows. */
  createSymlink(stored: string, link: string, targetKind: 'file' | 'dir'): void
  /** A junction to an absolute folder path (Windows); POSIX throws UNSUPPORTED_ON_PLATFORM. */
  createJunction(target: string, link: string): void
  /**
   * Remove the entry itself: a link (never what it points to, never recursing) or one file name, only
   * if it is still `expect` (CHANGED otherwise) and, for a file, not its last name (LAST_NAME).
   */
  removeEntry(path: string, expect: LinkEntry, options?: RemoveOptions): void
  /** Rename without ever replacing an existing entry (ALREADY_EXISTS instead). */
  renameNoReplace(from: string, to: string): void
  /**
   * Atomically put the link made at `temp` (beside `path`) in place of the link at `path`, which must
   * still be `expect` (CHANGED otherwise, with nothing replaced): how a link is retargeted.
   */
  replaceLink(temp: string, path: string, expect: LinkEntry): void

  /** A human name for the volume/device holding `path` (for "A is on X, B is on Y"). */
  volumeOf(path: string): string
  /** The folder the volume holding `path` is mounted at: where a "whole drive" walk starts. */
  volumeRoot(path: string): string
  /** Every name of a file across its volume, where the OS can say (Windows); null where it cannot. */
  allNames(path: string): string[] | null
  /** Where the existing `path` really is: every link on the way and at the end resolved, as the OS does. */
  realPath(path: string): string
  /** Whether two names or paths name the same entry by text, with the file system's case rule. */
  samePath(a: string, b: string): boolean
}
