/**
 * Every name of a file. Windows asks the volume (FindFirstFileNameW via platform().allNames); POSIX has no
 * such call, so the names are found by walking `root` (default: the file's mount point) for the same
 * dev:ino, streaming each name as it is found and stopping as soon as all `links` names are known.
 * Cancelling rejects with CANCELLED (a names result has no "partial" flag).
 */
import type * as fs from 'node:fs'

import { LinkError } from '../../../shared/errors'
import type { StreamContext } from '../../../shared/ipc/contract'
import type { NamesResult } from '../../../shared/types/scan'
import * as nfs from '../fs/fs-names'
import { pathApi } from '../listing/paths'
import { fromErrno, platform } from '../platform'
import { createBatchEmitter } from './batch-emitter'
import { scanRoot } from './scan-root'
import { walkTree } from './walk-tree'

export async function findNames(ctx: StreamContext<string>, file: string, root?: string): Promise<NamesResult> {
  const abs = pathApi().resolve(file)
  let st: fs.Stats
  try {
    st = nfs.lstatSync(abs)
  } catch (e) {
    throw fromErrno(e, abs)
  }
  if (st.isDirectory()) throw new LinkError('IS_DIRECTORY', `${abs} is a folder; folders have exactly one name.`, abs)
  // Windows: the exact id entry() and the Win32 scanner give (node:fs rounds NTFS ids), and its volume
  const exact = platform().kind === 'win32' ? platform().entry(abs) : null
  const id = exact ? exact.id : `${st.dev}:${st.ino}`
  const dev = exact ? parseInt(exact.id.split(':')[0] as string, 16) : st.dev
  const emitter = createBatchEmitter(ctx, 500, 50)

  const fromVolume = platform().allNames(abs)
  if (fromVolume) {
    for (const p of fromVolume) emitter.push(p)
    emitter.close()
    return { id, links: st.nlink, paths: [...fromVolume].sort() }
  }
  if (st.nlink === 1) {
    // Its only name is the one we were given: nothing to search for.
    emitter.push(abs)
    emitter.close()
    return { id, links: 1, paths: [abs] }
  }

  const start = scanRoot(root ?? platform().volumeRoot(abs))
  const found: string[] = []
  const type = st.isFile() ? 'file' : st.isSymbolicLink() ? 'symlink' : 'other'
  const walk = walkTree(
    start.path,
    start.id,
    { mode: 'names', dev: st.dev, ino: st.ino, type, ...(exact ? { id } : {}) },
    {
      signal: ctx.signal,
      // Names of a file live on its own device: other mounts below the root cannot hold one.
      accept: (_dir, _id, onDev) => onDev === dev,
      onResult(r) {
        for (const m of r.matches) {
          found.push(m.path)
          emitter.push(m.path)
        }
        if (found.length >= st.nlink) walk.stop()
      },
    },
  )
  const outcome = await walk.done.finally(() => emitter.close())
  if (outcome === 'cancelled') throw new LinkError('CANCELLED', `Looking for the names of ${abs} was cancelled.`, abs)
  return { id, links: st.nlink, paths: found.sort() }
}
