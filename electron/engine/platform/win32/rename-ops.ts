/**
 * Renames inside pinned folders, never overwriting, except the one swap that retargets a link: the new
 * link takes the old one's place only while the old one is still what the caller saw.
 */
import { randomBytes } from 'node:crypto'

import { LinkError } from '../../../../shared/errors'
import { kernel32, MOVEFILE_REPLACE_EXISTING } from './bindings/kernel32'
import { FILE_ATTRIBUTE_DIRECTORY, FILE_ATTRIBUTE_READONLY } from './codec/file-info'
import { validateWindowsName } from './codec/names'
import { baseName, toDisplay, toExtended } from './codec/paths'
import { isFollowableTag } from './codec/reparse-tags'
import { win32Error } from './codec/win32-errors'
import { attributesOf, identify, withEntry } from './native-file'
import { inPinnedFolder } from './pinned-folder'
import { changedMeanwhile, type Expected, removeEntry } from './remove-entry'

/**
 * Move inside pinned folders: both names go through their folders' final paths. With `expectId` the
 * entry moved must be that one (CHANGED otherwise, nothing moved).
 */
function move(from: string, to: string, flags: number, expectId?: string): void {
  validateWindowsName(baseName(toExtended(to)))
  inPinnedFolder(from, (src) => inPinnedFolder(to, (dst) => moveAt(src, dst, flags, expectId)))
}

function moveAt(src: string, dst: string, flags: number, expectId: string | undefined): void {
  const before = withEntry(src, (h) => identify(h, src))
  if (expectId !== undefined && before.id !== expectId) throw changedMeanwhile(toDisplay(src), 'replaced')
  const r = kernel32().MoveFileExW(src, dst, flags)
  if (!r.ret) throw win32Error(r.err, r.err === 2 ? src : dst)
  const after = withEntry(dst, (h) => identify(h, dst))
  if (after.id !== before.id) {
    throw new LinkError(
      'UNKNOWN',
      `Windows reported ${toDisplay(src)} as moved, but ${toDisplay(dst)} is another entry.`,
      toDisplay(dst),
    )
  }
}

/** Without MOVEFILE_REPLACE_EXISTING Windows refuses an existing name (183/80); no copy fallback. */
export function renameNoReplace(from: string, to: string): void {
  move(from, to, 0)
}

/**
 * Put the link made at `from` in place of the link at `to`, which must still be `expect`. Files and
 * file links: one MoveFileExW with REPLACE_EXISTING, right after checking the old link's id inside the
 * pinned folder. Windows cannot replace a folder that way, folder links included, so a junction or
 * directory symlink is swapped instead: the old link moves to a side name (only if it is still
 * `expect`), the new one takes its place (the old one comes back if that fails), then the old link is
 * removed through its handle. Real folders are never replaced.
 */
export function renameReplace(from: string, to: string, expect: Expected): void {
  const dst = toExtended(to)
  const attrs = attributesOf(dst)
  const isDir = attrs !== null && (attrs & FILE_ATTRIBUTE_DIRECTORY) !== 0
  const shown = toDisplay(dst)
  if (!isDir) {
    validateWindowsName(baseName(dst))
    inPinnedFolder(from, (src) =>
      inPinnedFolder(to, (at) => {
        const old = withEntry(at, (h) => identify(h, at))
        if (old.id !== expect.id) throw changedMeanwhile(shown, 'replaced')
        // Replacing a read-only name would need its attribute cleared, on every name of its file: refuse.
        if ((old.attributes & FILE_ATTRIBUTE_READONLY) !== 0) {
          throw new LinkError(
            'READ_ONLY',
            `${shown} is read-only, so Linkscope left it; replacing it would clear the attribute on every name of its file.`,
            shown,
          )
        }
        moveAt(src, at, MOVEFILE_REPLACE_EXISTING, undefined)
      }),
    )
    return
  }
  // Only a link is swapped: a folder with another tag (OneDrive, ProjFS) is a real folder.
  if (!isFollowableTag(withEntry(dst, (h) => identify(h, dst)).reparseTag)) {
    throw new LinkError('ALREADY_EXISTS', `${shown} is a folder; Linkscope never replaces folders.`, shown)
  }
  const aside = `${parentDirExtended(dst)}\\.linkscope-old-${randomBytes(6).toString('hex')}`
  move(dst, aside, 0, expect.id)
  try {
    move(from, dst, 0)
  } catch (e) {
    try {
      move(aside, dst, 0)
    } catch {
      /* the original error matters more; the old link is at `aside` */
    }
    throw e
  }
  try {
    removeEntry(aside, expect)
  } catch {
    throw new LinkError(
      'UNKNOWN',
      `${shown} now points to the new target, but the old link could not be removed from ${toDisplay(aside)}.`,
      toDisplay(aside),
    )
  }
}

const parentDirExtended = (ext: string): string => ext.slice(0, ext.lastIndexOf('\\'))
