/**
 * Whether a link leads into a file or folder: its target, as stored and resolved against the link's
 * folder, is the place or lies under it; or, failing that, the link's real path (every link on the way
 * followed: chains, a parent that is itself a link) is. Pure path work except the one realpath.
 */
import * as path from 'node:path'

import * as nfs from '../fs/fs-names'
import { RealResolver } from './real-resolver'

/** Windows' long-path and NT prefixes name the same place: \\?\C:\x and \??\C:\x are C:\x. */
const plain = (p: string): string => p.replace(/^\\\\\?\\(?!UNC\\)|^\\\?\?\\/, '')

/** `p` is `dir` or under it (whole components: /data2 is not under /data). */
export function isUnder(p: string, dir: string, sep: string, caseless: boolean): boolean {
  let a = plain(p)
  let b = plain(dir)
  if (caseless) {
    a = a.toLowerCase()
    b = b.toLowerCase()
  }
  if (b.length > 1 && b.endsWith(sep)) b = b.slice(0, -1)
  return a === b || a.startsWith(b.endsWith(sep) ? b : b + sep)
}

export type IntoTask = { target: string; real: string; caseless: boolean }

/** One resolver per walk: a task object lives as long as its walk, on each thread that lists for it. */
const resolvers = new WeakMap<IntoTask, RealResolver>()

function realOfLink(full: string, dir: string, text: string, task: IntoTask, paths: path.PlatformPath): string | null {
  if (paths.sep === '\\') {
    try {
      return nfs.realpathNativeSync(full)
    } catch {
      return null
    }
  }
  let resolver = resolvers.get(task)
  if (!resolver) resolvers.set(task, (resolver = new RealResolver()))
  return resolver.linkDestination(full, dir, text)
}

/**
 * The link at `full` (in folder `dir`) leads into the task's target; false when it does not, or cannot be
 * read. `text`: its text when the caller has read it already.
 */
export function pointsInto(
  full: string,
  dir: string,
  task: IntoTask,
  paths: path.PlatformPath,
  text?: string,
): boolean {
  let stored: string
  try {
    stored = text ?? nfs.readlinkSync(full)
  } catch {
    return false // not a link after all (a Windows reparse point of another kind), or gone
  }
  if (isUnder(paths.resolve(dir, plain(stored)), task.target, paths.sep, task.caseless)) return true
  const real = realOfLink(full, dir, stored, task, paths)
  return real !== null && isUnder(real, task.real, paths.sep, task.caseless) // null: broken, and as stored it does not lead here either
}
