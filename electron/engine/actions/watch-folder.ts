/**
 * Watching the open folder so the UI can refresh itself. fs.watch uses inotify on Linux, FSEvents on
 * macOS and ReadDirectoryChangesW on Windows. A burst of changes (an unpacked archive, a build) becomes
 * one 'changed' report: reports wait until the folder has been quiet for QUIET_MS, and never longer than
 * MAX_WAIT_MS after the first change. The watch ends when cancelled, or reports 'gone' and ends when the
 * folder no longer exists where it was (removed or moved away); it never throws for that. Windows says
 * nothing when a watched folder is renamed or moved away, so there its parent is watched for that too.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import type { StreamContext } from '../../../shared/ipc/contract'
import type { FolderChange } from '../../../shared/types/actions'
import * as nfs from '../fs/fs-names'
import { resolveAsKernel } from '../listing/paths'
import { fromErrno, platform } from '../platform'

export const QUIET_MS = 150
export const MAX_WAIT_MS = 1000

const isFolder = (dir: string): boolean => nfs.statOrUndefined(dir)?.isDirectory() === true

/** Windows: a watch on the parent that calls `moved` when the folder's own name changes there (none for a drive root). */
function watchOwnName(abs: string, moved: () => void): fs.FSWatcher | null {
  const parent = path.win32.dirname(abs)
  if (platform().kind !== 'win32' || parent === abs) return null
  const name = path.win32.basename(abs).toLowerCase()
  try {
    const w = fs.watch(parent, { persistent: false })
    w.on('change', (_type, file) => {
      if (typeof file === 'string' && file.toLowerCase() === name) moved()
    })
    w.on('error', () => w.close())
    return w
  } catch {
    return null // the parent cannot be watched: the folder's own watch still reports its removal
  }
}

export function watchFolder(ctx: StreamContext<FolderChange>, dir: string): Promise<null> {
  const abs = resolveAsKernel(dir)
  if (!isFolder(abs)) {
    throw nfs.existsSync(abs)
      ? new LinkError('NOT_A_DIRECTORY', `${abs} is not a folder.`, abs)
      : new LinkError('NOT_FOUND', `${abs} does not exist.`, abs)
  }
  return new Promise((resolve, reject) => {
    let watcher: fs.FSWatcher
    try {
      watcher = fs.watch(nfs.fsPath(abs), { persistent: false })
    } catch (e) {
      reject(fromErrno(e, abs))
      return
    }
    let quiet: NodeJS.Timeout | undefined
    let firstAt = 0
    let ended = false
    const end = (): void => {
      if (ended) return
      ended = true
      clearTimeout(quiet)
      watcher.close()
      parentWatch?.close()
      ctx.signal.removeEventListener('abort', end)
      resolve(null)
    }
    const report = (): void => {
      quiet = undefined
      firstAt = 0
      if (ended) return
      if (!isFolder(abs)) {
        ctx.emit([{ type: 'gone', dir: abs }])
        end()
        return
      }
      ctx.emit([{ type: 'changed', dir: abs }])
    }
    watcher.on('change', () => {
      const now = Date.now()
      if (firstAt === 0) firstAt = now
      clearTimeout(quiet)
      quiet = setTimeout(report, Math.max(0, Math.min(QUIET_MS, firstAt + MAX_WAIT_MS - now)))
    })
    const parentWatch = watchOwnName(abs, () => {
      if (!isFolder(abs)) report()
    })
    // Windows reports a watched folder's removal as an error (EPERM); elsewhere an error also means the watch is over.
    watcher.on('error', () => {
      clearTimeout(quiet)
      report()
      end()
    })
    if (ctx.signal.aborted) end()
    else ctx.signal.addEventListener('abort', end)
  })
}
