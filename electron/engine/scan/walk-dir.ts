/**
 * Lists folders synchronously for a walker (ARCHITECTURE.md, "How work runs"): one readdir with file types per folder,
 * and lstat/stat only where the task needs it (symlinks to classify, files for hard links and sizes).
 * Never follows a link: only entries whose own type is "directory" are reported as subfolders.
 *
 * node:fs has no fstatat, so every lstat walks its whole path from "/" again, a cost GNU find avoids with
 * one-component lookups relative to a folder handle. So on Linux and macOS the native addon
 * (native-scan.ts) lists each folder and stats its entries relative to an open handle to it, and
 * native-records.ts turns its records into batch results; the node:fs walk (walk-dir-js.ts) stays for
 * Windows, a missing addon and LINKSCOPE_SCAN_NATIVE=0. Both give the same results.
 */
import { platform, walkDirWin32 } from '../platform'
import { walkDirNative } from './native-records'
import { nativeScan } from './native-scan'
import type { BatchResult, WalkTask } from './scan-protocol'
import { walkDirJs } from './walk-dir-js'

export { applyRecords, nativeFlags, walkDirNative } from './native-records'
export { emptyResult, walkDirJs } from './walk-dir-js'

const isPosix = platform().kind === 'posix'

/** List one folder into `out`. Failures (denied, vanished) become error records; nothing throws. */
export function walkDir(dir: string, task: WalkTask, out: BatchResult): void {
  if (task.mode === 'find-glob') return walkDirJs(dir, task, out) // names only: readdir's types are enough
  // Windows lists through Win32 (exact ids, reparse tags); LINKSCOPE_SCAN_WIN32=0 keeps node:fs, for comparison
  if (!isPosix && process.env.LINKSCOPE_SCAN_WIN32 !== '0') return walkDirWin32(dir, task, out)
  const native = nativeScan()
  // links-into reads only links, which readdir's types find without a stat: node:fs is enough
  if (native && task.mode !== 'links-into' && walkDirNative(native, dir, task, out)) return
  walkDirJs(dir, task, out)
}
