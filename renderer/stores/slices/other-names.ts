/** Before a hard-link name is removed, another name of the file is looked for, so the removal can be undone. */
import type { Api } from '../../../shared/ipc/contract'
import type { AppInfo } from '../../../shared/types/app'
import { defaultSearchRoot } from '../../lib/paths'
import { rootArgs } from '../lib/search-stream'

/** How long a removal looks for another name of a hard-linked file (needed to undo it). */
export const OTHER_NAME_WAIT_MS = 3000

/** Another name of the file at `path`, searched under `root` (null: the whole volume). */
export const otherNameOf = (api: Api, path: string, root: string | null): Promise<string | undefined> =>
  new Promise((resolve) => {
    let found: string | undefined
    const job = api.links.names(
      (paths) => {
        found ??= paths.find((p) => p !== path)
        if (found) {
          job.cancel()
          resolve(found)
        }
      },
      ...rootArgs(path, root),
    )
    // A whole-volume walk can be long: removing never waits more than this for the undo information.
    const timer = setTimeout(() => {
      job.cancel()
      resolve(found)
    }, OTHER_NAME_WAIT_MS)
    void job.done.then(() => {
      clearTimeout(timer)
      resolve(found)
    })
  })

/**
 * Where to look for a file's other names on POSIX: the folder Linkscope was opened at when the file is
 * inside it, which is fast; otherwise the whole volume (null). Windows asks the volume (no walk), so never.
 */
export const searchRootFor = (info: AppInfo | null, path: string): string | null =>
  info?.platform === 'win32' ? null : defaultSearchRoot(path, info?.startDir, info?.sep ?? '/')
