/**
 * Reparse tags (MS-FSCC 2.1.2.1) and what Linkscope makes of them. Tag bits: M = 0x80000000
 * (Microsoft-owned), N = 0x20000000 (name surrogate: the entry stands for another name),
 * D = 0x10000000 (directory-capable). All comparisons go through `>>> 0`: JS bit operators yield
 * signed int32, and 0xA000000C & x would otherwise compare negative.
 */
import type { LinkKind } from '../../../../../shared/types/link'

export const IO_REPARSE_TAG_MOUNT_POINT = 0xa0000003
export const IO_REPARSE_TAG_SYMLINK = 0xa000000c
export const IO_REPARSE_TAG_LX_SYMLINK = 0xa000001d
export const IO_REPARSE_TAG_APPEXECLINK = 0x8000001b
export const IO_REPARSE_TAG_DEDUP = 0x80000013
export const IO_REPARSE_TAG_ONEDRIVE = 0x80000021
/** CLOUD is 0x9000001A; CLOUD_1..CLOUD_F put 1..F in bits 12-15 (0x9000101A … 0x9000F01A). */
export const IO_REPARSE_TAG_CLOUD = 0x9000001a
export const IO_REPARSE_TAG_CLOUD_MASK = 0x0000f000
export const IO_REPARSE_TAG_AF_UNIX = 0x80000023
export const IO_REPARSE_TAG_LX_FIFO = 0x80000024
export const IO_REPARSE_TAG_LX_CHR = 0x80000025
export const IO_REPARSE_TAG_LX_BLK = 0x80000026

const TAG_NAME_SURROGATE = 0x20000000

export const isNameSurrogate = (tag: number): boolean => (tag & TAG_NAME_SURROGATE) >>> 0 !== 0

export const isCloudTag = (tag: number): boolean =>
  (tag & ~IO_REPARSE_TAG_CLOUD_MASK) >>> 0 === IO_REPARSE_TAG_CLOUD || tag >>> 0 === IO_REPARSE_TAG_ONEDRIVE

/** Sockets and WSL device/fifo nodes: real entries, not links, not openable from Win32. */
const SPECIAL_TAGS: ReadonlySet<number> = new Set([
  IO_REPARSE_TAG_AF_UNIX,
  IO_REPARSE_TAG_LX_FIFO,
  IO_REPARSE_TAG_LX_CHR,
  IO_REPARSE_TAG_LX_BLK,
])

export const IO_REPARSE_TAG_PROJFS = 0x9000001c
export const IO_REPARSE_TAG_WOF = 0x80000017
export const IO_REPARSE_TAG_WCI = 0x80000018

/**
 * Whether a tag makes its entry a link: only name surrogates (the entry stands for another name) and
 * AppExecLinks. Every other tag (cloud placeholders, ProjFS, dedup, WOF…) is metadata on a real file
 * or folder, as Rust's FileType::new and PowerShell's IsReparsePointLikeSymlink decide.
 */
export const isLinkTag = (tag: number): boolean => isNameSurrogate(tag) || tag >>> 0 === IO_REPARSE_TAG_APPEXECLINK

/**
 * The kind of an entry carrying `tag`. MOUNT_POINT says 'junction' here; only the substitute name can
 * tell a volume mount point (`\??\Volume{…}`) apart, see reparse-buffer.ts `mountPointKind`. A tag
 * that is not a link leaves the entry what its attributes say: a folder or a file.
 */
export function kindOfTag(tag: number, isDir: boolean): LinkKind {
  const t = tag >>> 0
  switch (t) {
    case IO_REPARSE_TAG_SYMLINK:
      return 'symlink'
    case IO_REPARSE_TAG_MOUNT_POINT:
      return 'junction'
    case IO_REPARSE_TAG_LX_SYMLINK:
      return 'wsl-symlink'
    case IO_REPARSE_TAG_APPEXECLINK:
      return 'app-exec-link'
  }
  if (SPECIAL_TAGS.has(t)) return 'special'
  if (isNameSurrogate(t)) return 'other-reparse'
  return isDir ? 'dir' : 'file'
}

/**
 * What a non-link tag adds to its file or folder, in words ("OneDrive placeholder"); undefined for no
 * tag and for the tags that make a kind of their own (links, aliases, WSL special files).
 */
export function tagAttribute(tag: number): string | undefined {
  const t = tag >>> 0
  if (t === 0 || isLinkTag(t) || SPECIAL_TAGS.has(t)) return undefined
  if (t === IO_REPARSE_TAG_ONEDRIVE) return 'OneDrive placeholder'
  if (isCloudTag(t)) return 'cloud placeholder'
  switch (t) {
    case IO_REPARSE_TAG_PROJFS:
      return 'ProjFS placeholder'
    case IO_REPARSE_TAG_DEDUP:
      return 'deduplicated'
    case IO_REPARSE_TAG_WOF:
      return 'compressed by Windows'
    case IO_REPARSE_TAG_WCI:
      return 'container layer'
  }
  return `reparse tag ${tagHex(t)}`
}

/**
 * Whether a walk may step through this entry to where it points. Only name-surrogate link tags are
 * links; AppExecLinks are never followed (opening one fails, 1920) and cloud placeholders are never
 * opened for content (that triggers a download). PowerShell's IsReparsePointLikeSymlink draws the
 * same line.
 */
export function isFollowableTag(tag: number): boolean {
  const t = tag >>> 0
  if (t === IO_REPARSE_TAG_APPEXECLINK || isCloudTag(t)) return false
  return (
    isNameSurrogate(t) &&
    (t === IO_REPARSE_TAG_SYMLINK || t === IO_REPARSE_TAG_MOUNT_POINT || t === IO_REPARSE_TAG_LX_SYMLINK)
  )
}

/**
 * Whether a recursive walk may descend into a directory carrying this tag. Name surrogates (links,
 * whatever their owner) and AppExecLinks are not descended; non-surrogate tags such as cloud and
 * dedup are ordinary folders with extra metadata and are safe to list.
 */
export function mayDescendInto(tag: number): boolean {
  const t = tag >>> 0
  return !isNameSurrogate(t) && t !== IO_REPARSE_TAG_APPEXECLINK
}

export const tagHex = (tag: number): string => `0x${(tag >>> 0).toString(16).toUpperCase().padStart(8, '0')}`
