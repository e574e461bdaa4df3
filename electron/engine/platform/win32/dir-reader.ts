/**
 * Folder listing with FindFirstFileExW(FindExInfoBasic, LARGE_FETCH): names, attributes and reparse
 * tags in one pass with no per-entry open. The first call happens at open, so a
 * missing or non-folder path fails there rather than at the first batch.
 */
import { LinkError } from '../../../../shared/errors'
import type { LinkKind } from '../../../../shared/types/link'
import type { DirBatchReader } from '../link-platform'
import { type Handle, isValidHandle, kernel32 } from './bindings/kernel32'
import {
  decodeFindData,
  FILE_ATTRIBUTE_DIRECTORY,
  FILE_ATTRIBUTE_REPARSE_POINT,
  type FindData,
  WIN32_FIND_DATAW_SIZE,
} from './codec/file-info'
import { toDisplay, toExtended } from './codec/paths'
import { kindOfTag } from './codec/reparse-tags'
import { ERROR_FILE_NOT_FOUND, ERROR_NO_MORE_FILES, win32Error } from './codec/win32-errors'
import { attributesOf } from './native-file'

export type FindReader = {
  /** up to `max` records (never "." or ".."); null at the end */
  next(max: number): FindData[] | null
  close(): void
}

export function openFind(dir: string): FindReader {
  const k = kernel32()
  const ext = toExtended(dir)
  const pattern = ext.endsWith('\\') ? `${ext}*` : `${ext}\\*`
  const wfd = Buffer.alloc(WIN32_FIND_DATAW_SIZE)
  const first = k.FindFirstFileExW(pattern, wfd)
  let handle: Handle | null = null
  let pending: FindData | null = null
  if (isValidHandle(first.ret)) {
    handle = first.ret
    pending = decodeFindData(wfd, dir)
  } else if (first.err !== ERROR_FILE_NOT_FOUND) {
    // 2 here means "no entry matched": an empty volume root. A missing folder answers 3. For a file,
    // Windows and Wine disagree (267 / 123), so look before choosing the message.
    const attrs = attributesOf(ext)
    if (attrs !== null && (attrs & FILE_ATTRIBUTE_DIRECTORY) === 0) {
      throw new LinkError('NOT_A_DIRECTORY', `${toDisplay(ext)} is not a folder.`, toDisplay(ext))
    }
    throw win32Error(first.err, ext)
  }

  const close = (): void => {
    if (handle !== null) k.FindClose(handle)
    handle = null
    pending = null
  }

  return {
    next(max) {
      const out: FindData[] = []
      while (out.length < max) {
        if (pending === null) {
          if (handle === null) break
          const r = k.FindNextFileW(handle, wfd)
          if (!r.ret) {
            close()
            if (r.err !== ERROR_NO_MORE_FILES) throw win32Error(r.err, ext)
            break
          }
          pending = decodeFindData(wfd, dir)
        }
        if (pending.name !== '.' && pending.name !== '..') out.push(pending)
        pending = null
      }
      return out.length === 0 && handle === null && pending === null ? null : out
    },
    close,
  }
}

/**
 * The kind a listing record shows without opening the entry. A mount point is called a junction
 * here; only its reparse data tells a volume mount point apart (entry() reads it).
 */
export function kindFromFindData(fd: Pick<FindData, 'attributes' | 'reparseTag'>): LinkKind {
  const isDir = (fd.attributes & FILE_ATTRIBUTE_DIRECTORY) !== 0
  if ((fd.attributes & FILE_ATTRIBUTE_REPARSE_POINT) !== 0 && fd.reparseTag !== 0)
    return kindOfTag(fd.reparseTag, isDir)
  return isDir ? 'dir' : 'file'
}

export function openDirNames(dir: string): DirBatchReader {
  if (dir.length === 0) throw new LinkError('INVALID_ARGUMENT', 'An empty folder path was given.')
  const reader = openFind(dir)
  return {
    next: (max) => reader.next(max)?.map((f) => f.name) ?? null,
    close: () => reader.close(),
  }
}
