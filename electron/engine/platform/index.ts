/**
 * Picks the LinkPlatform for this process. The Win32 one (and with it koffi) is loaded only on
 * Windows, or when LINKSCOPE_PLATFORM=win32 forces it for the Wine test suite.
 */
import type { LinkPlatform } from './link-platform'
import { createPosixPlatform } from './posix/link-platform.posix'

let current: LinkPlatform | undefined

export function platform(): LinkPlatform {
  if (!current) {
    const wantWin32 = process.env.LINKSCOPE_PLATFORM
      ? process.env.LINKSCOPE_PLATFORM === 'win32'
      : process.platform === 'win32'
    if (wantWin32) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const win32 = require('./win32/link-platform.win32') as typeof import('./win32/link-platform.win32')
      current = win32.createWin32Platform()
    } else {
      current = createPosixPlatform()
    }
  }
  return current
}

// The one door into platform/ for the rest of the engine and for main: what generic code may use of a
// platform's internals. Each is pure or plain node:fs, so loading it never loads koffi.
/** POSIX errno → LinkError, for the node:fs walkers in scan/ (they run on POSIX only). */
export { addLinkTarget, entryFromStat, type StatFields } from './posix/entry.posix'
export { errnoCode, fromErrno, fsCall } from './posix/errno'
/**
 * Linux folder handles and the rename flags, for the parts of move, dedupe and tree that act through a
 * handle (resolved once, opened without following links, checked) as the platform's own operations do.
 */
export { call as callAt, HeldFolders, idOf, inFolder, kindOfMode, openFolder } from './posix/at-folder'
export { type AtStat, EXCHANGE, type NativeAt, nativeAt } from './posix/native-at'
/** Windows' name rules, which a portable check applies everywhere (a name Windows refuses is refused). */
export { validateWindowsName } from './win32/codec/names'
/** Explorer's quoting of a path on a command line, which main undoes on what a second start forwards. */
export { repairShellPath } from './win32/shell/command-line'
/** The Win32 folder lister for the scan's walkers, and the exact id of a scan's root (koffi loads only when called). */
export { rootIdentity, walkDirWin32 } from './win32/scan-dir'
