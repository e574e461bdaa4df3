/**
 * The *at link operations of the native addon (native/link_at.c), typed. Linux only: elsewhere, or where
 * the addon was not built, nativeAt() is null and callers say what that means for them.
 */
import { nativeAddon } from '../../scan/native-scan'

/** What atStat / atFstat return: lstat's fields, ids as Node's fs.Stats gives them. */
export type AtStat = {
  dev: number
  ino: number
  mode: number
  nlink: number
  uid: number
  size: number
  mtimeMs: number
}

export type NativeAt = {
  atOpenFolder(path: string, strict: boolean): number
  atOpenFolderIn(dirfd: number, name: string): number
  atOpenEntry(dirfd: number, name: string): number
  atStat(dirfd: number, name: string): AtStat
  atFstat(fd: number): AtStat
  atReadlink(dirfd: number, name: string): string
  atSymlink(text: string, dirfd: number, name: string): void
  atLinkFd(fd: number, dirfd: number, name: string): void
  atUnlink(dirfd: number, name: string, folder: boolean): void
  atMkdir(dirfd: number, name: string, mode: number): void
  atRename(
    fromfd: number,
    from: string,
    tofd: number,
    to: string,
    flags: typeof REPLACE | typeof NOREPLACE | typeof EXCHANGE,
  ): void
  atClose(fd: number): void
}

export const REPLACE = 0
export const NOREPLACE = 1
export const EXCHANGE = 2

let loaded: NativeAt | null | undefined

export function nativeAt(): NativeAt | null {
  if (loaded === undefined) {
    const exports = process.platform === 'linux' ? nativeAddon().exports : null
    loaded = exports && typeof exports.atOpenFolder === 'function' ? (exports as unknown as NativeAt) : null
  }
  return loaded
}

/** Why nativeAt() is null, in words for an error message. */
export const nativeAtMissing = (): string =>
  process.platform !== 'linux'
    ? `handle-based link operations are built for Linux only (this is ${process.platform})`
    : `the native addon is not available (${nativeAddon().problems.join('; ') || 'an older build without them'})`
