/**
 * The Windows LinkPlatform: Win32 through koffi, bound on first use. Every path goes to Windows in
 * its `\\?\` form; every failure is a LinkError mapped from the Win32 error.
 */
import { LinkError } from '../../../../shared/errors'
import type { Capabilities } from '../../../../shared/types/app'
import type { LinkPlatform } from '../link-platform'
import { kernel32 } from './bindings/kernel32'
import { samePathByFolderRule } from './case-rule'
import { FILE_ATTRIBUTE_DIRECTORY } from './codec/file-info'
import { toDisplay, toExtended } from './codec/paths'
import { parentDir } from './codec/paths'
import { openDirNames } from './dir-reader'
import { capabilitiesIn } from './junction-volumes'
import { storedText, win32Entry } from './link-entry'
import { createHardLink, createJunction, createSymlink } from './link-ops'
import { attributesOf, finalPathOfHandle, readReparse, sameIgnoringCase, withEntry } from './native-file'
import { removeEntry } from './remove-entry'
import { renameNoReplace, renameReplace } from './rename-ops'
import { notifyShellChanged } from './shell/shell-notify'
import { probeSymlinks } from './symlink-probe'
import { allNamesOf, volumeLabelOf, volumeRootOf } from './volumes'

/** The stored text of a link, or NOT_A_LINK. AppExecLinks are not links one can follow or retarget. */
export function readLinkText(path: string): string {
  const ext = toExtended(path)
  const reparse = withEntry(ext, (h) => readReparse(h, ext))
  const text = reparse === null ? null : storedText(reparse.data)
  if (text === null) throw new LinkError('NOT_A_LINK', `${toDisplay(ext)} is not a link.`, toDisplay(ext))
  return text
}

/** The final path of `path`, links on the way and at the end followed (what the kernel reads a relative link from). */
const realPathOf = (path: string): string => {
  const ext = toExtended(path)
  return withEntry(ext, (h) => finalPathOfHandle(h, ext), 0, true)
}

function notifyRenamed(from: string, to: string): void {
  const a = parentDir(from)
  const b = parentDir(to)
  notifyShellChanged(a, 'updatedir')
  if (!sameIgnoringCase(a, b)) notifyShellChanged(b, 'updatedir')
}

export function createWin32Platform(): LinkPlatform {
  kernel32() // bind now: a missing or broken koffi fails here, not in the middle of a walk
  let symlinks: Capabilities['symlinks'] | undefined
  return {
    kind: 'win32',
    sep: '\\',
    capabilities: (folder) => {
      // A 'yes' lasts; a refusal is asked again, so turning Developer Mode on shows without a restart.
      if (symlinks !== 'yes') symlinks = probeSymlinks()
      const all: Capabilities = { junctions: true, symlinks, reveal: false }
      return folder === undefined ? all : capabilitiesIn(folder, all)
    },
    entry: win32Entry,
    openDir: openDirNames,
    readLink: readLinkText,
    // Each operation has verified its result before Explorer hears of it.
    createHardLink: (existing, link) => {
      createHardLink(existing, link)
      notifyShellChanged(link, 'create')
    },
    createSymlink: (stored, link, targetKind) => {
      createSymlink(stored, link, targetKind)
      notifyShellChanged(link, targetKind === 'dir' ? 'mkdir' : 'create')
    },
    createJunction: (target, link) => {
      createJunction(target, link)
      notifyShellChanged(link, 'mkdir')
    },
    removeEntry: (path, expect, options) => {
      const folderLike = ((attributesOf(toExtended(path)) ?? 0) & FILE_ATTRIBUTE_DIRECTORY) !== 0
      removeEntry(path, expect, options)
      notifyShellChanged(path, folderLike ? 'rmdir' : 'delete')
    },
    // Renames are how a link is retargeted (a new link swapped into place): both folders changed.
    renameNoReplace: (from, to) => {
      renameNoReplace(from, to)
      notifyRenamed(from, to)
    },
    replaceLink: (temp, path, expect) => {
      renameReplace(temp, path, expect)
      notifyRenamed(temp, path)
    },
    volumeOf: volumeLabelOf,
    volumeRoot: volumeRootOf,
    allNames: allNamesOf,
    realPath: realPathOf,
    samePath: samePathByFolderRule,
  }
}
