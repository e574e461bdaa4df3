/**
 * One LinkEntry for a Windows path, never following the entry itself: identity and link count from
 * the handle, kind from the reparse tag (and, for mount points, the substitute name), target text
 * from FSCTL_GET_REPARSE_POINT. The target's status comes from opening the link *with* following,
 * so Windows itself walks the chain and reports loops (1921).
 */
import type { LinkEntry, LinkKind, LinkStatus } from '../../../../shared/types/link'
import { type Handle, isValidHandle, kernel32 } from './bindings/kernel32'
import {
  BY_HANDLE_FILE_INFORMATION_SIZE,
  decodeByHandleFileInformation,
  decodeFindData,
  FILE_ATTRIBUTE_DIRECTORY,
  FILE_ATTRIBUTE_HIDDEN,
  FILE_ATTRIBUTE_READONLY,
  WIN32_FIND_DATAW_SIZE,
} from './codec/file-info'
import { baseName, parentDir, resolveLxTarget, resolveStoredTarget, toDisplay, toExtended } from './codec/paths'
import { mountPointKind, type ReparseData } from './codec/reparse-buffer'
import { kindOfTag, tagAttribute } from './codec/reparse-tags'
import {
  ERROR_ACCESS_DENIED,
  ERROR_CANT_RESOLVE_FILENAME,
  ERROR_SHARING_VIOLATION,
  ERROR_SYMLINK_CLASS_DISABLED,
  win32Error,
} from './codec/win32-errors'
import { kindFromFindData } from './dir-reader'
import { closeHandle, finalPathOfHandle, identify, readReparse, tryOpen } from './native-file'

type LinkFacts = Pick<LinkEntry, 'kind' | 'target' | 'resolved'>

/** The link text as stored, in the form people read; null for reparse data that is not a followable link. */
export function storedText(data: ReparseData): string | null {
  switch (data.type) {
    case 'symlink':
      return data.relative ? data.substituteName : toDisplay(data.substituteName)
    case 'mount-point':
      return toDisplay(data.substituteName)
    case 'lx-symlink':
      return data.target
    default:
      return null
  }
}

/** Kind, stored text and resolved path from decoded reparse data. */
export function linkFacts(
  path: string,
  tag: number,
  data: ReparseData | null,
  isDir: boolean,
  folder?: string,
): LinkFacts {
  if (tag === 0 || data === null) {
    // The reparse bit with no readable data (Wine shows host symlinks this way): nothing to interpret.
    return { kind: kindOfTag(tag, isDir) }
  }
  const target = storedText(data)
  switch (data.type) {
    case 'symlink': {
      const resolved = resolveStoredTarget(path, data.substituteName, data.relative, folder)
      return resolved === null ? { kind: 'symlink', target: target! } : { kind: 'symlink', target: target!, resolved }
    }
    case 'mount-point':
      return { kind: mountPointKind(data), target: target!, resolved: target! }
    case 'lx-symlink': {
      const resolved = resolveLxTarget(path, data.target)
      return resolved === null
        ? { kind: 'wsl-symlink', target: data.target }
        : { kind: 'wsl-symlink', target: data.target, resolved }
    }
    case 'app-exec-link':
      // Shown for information (which exe the alias starts); never a link to follow or retarget.
      return data.target === null ? { kind: 'app-exec-link' } : { kind: 'app-exec-link', target: data.target }
    case 'opaque':
      return { kind: kindOfTag(tag, isDir) }
  }
}

const DATA_KINDS: ReadonlySet<LinkKind> = new Set(['symlink', 'junction', 'wsl-symlink', 'app-exec-link'])

/** Kinds whose target is looked at for a status. AppExecLinks and cloud entries are never opened through. */
const STATUS_KINDS: ReadonlySet<LinkKind> = new Set(['symlink', 'junction', 'mount-point', 'wsl-symlink'])

function statusFromWin32(err: number): LinkStatus {
  if (err === ERROR_CANT_RESOLVE_FILENAME) return 'loop'
  if (err === ERROR_ACCESS_DENIED || err === ERROR_SHARING_VIOLATION || err === ERROR_SYMLINK_CLASS_DISABLED)
    return 'denied'
  return 'broken'
}

/** Open `path` following links; what it lands on decides status and targetKind. */
function probeTarget(path: string): Pick<LinkEntry, 'status' | 'targetKind'> {
  const opened = tryOpen(path, true)
  if ('err' in opened) return { status: statusFromWin32(opened.err), targetKind: null }
  try {
    const buf = Buffer.alloc(BY_HANDLE_FILE_INFORMATION_SIZE)
    const r = kernel32().GetFileInformationByHandle(opened.handle, buf)
    if (!r.ret) return { status: 'ok', targetKind: null }
    const attrs = decodeByHandleFileInformation(buf, path).attributes
    return { status: 'ok', targetKind: (attrs & FILE_ATTRIBUTE_DIRECTORY) !== 0 ? 'dir' : 'file' }
  } finally {
    closeHandle(opened.handle)
  }
}

/** The final path of the folder holding `ext` (junctions and links on the way resolved); undefined if it cannot be opened. */
function realFolderOf(ext: string): string | undefined {
  const opened = tryOpen(toExtended(parentDir(ext)), true)
  if ('err' in opened) return undefined
  try {
    return finalPathOfHandle(opened.handle, ext)
  } catch {
    return undefined
  } finally {
    closeHandle(opened.handle)
  }
}

function withHandle<T>(h: Handle, fn: (h: Handle) => T): T {
  try {
    return fn(h)
  } finally {
    closeHandle(h)
  }
}

/**
 * An entry no open reaches (pagefile.sys, hiberfil.sys: in use by the system even for access 0), from
 * its own directory record, as Rust's metadata() falls back to FindFirstFileExW. It has no id and no
 * link count to show: Windows gives those only through a handle.
 */
function entryFromFindData(path: string, ext: string): LinkEntry | null {
  const k = kernel32()
  const wfd = Buffer.alloc(WIN32_FIND_DATAW_SIZE)
  const r = k.FindFirstFileExW(ext, wfd)
  if (!isValidHandle(r.ret)) return null
  k.FindClose(r.ret)
  const fd = decodeFindData(wfd, ext)
  return baseEntry(path, kindFromFindData(fd), { ...fd, links: 1, id: '' })
}

type Facts = { links: number; id: string; size: number; writeMs: number; attributes: number; reparseTag: number }

/** The fields every entry has, and the tag attribute where its reparse tag is not a link. */
function baseEntry(path: string, kind: LinkKind, f: Facts): LinkEntry {
  const entry: LinkEntry = {
    path,
    name: baseName(path),
    kind,
    links: f.links,
    id: f.id,
    status: 'n/a',
    size: f.size,
    mtimeMs: f.writeMs,
    hidden: (f.attributes & FILE_ATTRIBUTE_HIDDEN) !== 0,
    readonly: (f.attributes & FILE_ATTRIBUTE_READONLY) !== 0,
  }
  const tag = tagAttribute(f.reparseTag)
  if (tag !== undefined) entry.tag = tag
  return entry
}

/** An entry no open reaches (pagefile.sys: 32 or 5 even for access 0) from its directory record; else the error. */
function unopenable(path: string, ext: string, err: number): LinkEntry {
  const fromFind = err === ERROR_SHARING_VIOLATION || err === ERROR_ACCESS_DENIED ? entryFromFindData(path, ext) : null
  if (fromFind) return fromFind
  throw win32Error(err, ext)
}

export function win32Entry(path: string): LinkEntry {
  const ext = toExtended(path)
  const opened = tryOpen(ext, false)
  if ('err' in opened) return unopenable(path, ext, opened.err)
  const { info, isDir, reparse } = withHandle(opened.handle, (h) => {
    const info = identify(h, ext)
    const isDir = (info.attributes & FILE_ATTRIBUTE_DIRECTORY) !== 0
    // Only link-like tags carry data we interpret; cloud and dedup data is never read.
    const reparse = DATA_KINDS.has(kindOfTag(info.reparseTag, isDir)) ? readReparse(h, ext) : null
    return { info, isDir, reparse }
  })
  const relative = reparse?.data.type === 'symlink' && reparse.data.relative
  const facts =
    info.reparseTag !== 0
      ? linkFacts(ext, info.reparseTag, reparse?.data ?? null, isDir, relative ? realFolderOf(ext) : undefined)
      : { kind: (isDir ? 'dir' : 'file') as LinkKind }
  const entry = baseEntry(path, facts.kind, info)
  if (facts.target !== undefined) entry.target = facts.target
  if (facts.resolved !== undefined) entry.resolved = facts.resolved
  if (STATUS_KINDS.has(facts.kind)) Object.assign(entry, linkStatus(facts, ext))
  return entry
}

/** Whether a link's target is there, and what it is. */
function linkStatus(facts: LinkFacts, ext: string): Pick<LinkEntry, 'status' | 'targetKind'> {
  if (facts.kind === 'symlink' && facts.resolved === undefined) return { status: 'broken', targetKind: null }
  // Windows cannot open WSL links (1920): look at the Windows path they stand for instead.
  const where = facts.kind === 'wsl-symlink' ? facts.resolved : ext
  return where === undefined ? { status: 'n/a', targetKind: null } : probeTarget(toExtended(where))
}
