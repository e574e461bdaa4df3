/**
 * Every regular file under the roots, by id, through the scanner's walk (native threads where the addon
 * is built): one record per name with its id, link count and size. Names of one file are one file;
 * a root named twice, or inside another root, adds no name twice.
 */
import * as fs from 'node:fs'

import { LinkError } from '../../../shared/errors'
import * as nfs from '../fs/fs-names'
import { pathApi } from '../listing/paths'
import { fromErrno } from '../platform'
import { forEachMulti } from '../scan/scan-protocol'
import { walkTree } from '../scan/walk-tree'
import { idAt } from './relink'

export type Named = { id: string; size: number; links: number; paths: string[]; root: number }

export type Enumerated = {
  files: Map<string, Named>
  errors: { path: string; code: string; message: string }[]
  cancelled: boolean
}

function add(
  files: Map<string, Named>,
  seen: Set<string> | null,
  p: string,
  id: string,
  links: number,
  size: number,
  root: number,
): void {
  if (seen) {
    if (seen.has(p)) return
    seen.add(p)
  }
  const f = files.get(id)
  if (f) {
    f.paths.push(p)
    f.links = Math.max(f.links, links)
  } else files.set(id, { id, size, links, paths: [p], root })
}

export async function enumerateFiles(
  roots: readonly string[],
  signal: AbortSignal | undefined,
  onFiles?: (count: number) => void,
): Promise<Enumerated> {
  const files = new Map<string, Named>()
  // one root gives each name once: the set of names seen (as large as the tree) is for several roots only
  const seen = roots.length > 1 ? new Set<string>() : null
  const errors: Enumerated['errors'] = []
  const never = new AbortController().signal
  let count = 0
  for (let r = 0; r < roots.length; r++) {
    const abs = pathApi().resolve(roots[r] as string)
    let st: fs.Stats
    try {
      st = nfs.statSync(abs)
    } catch (e) {
      throw fromErrno(e, abs)
    }
    if (st.isFile()) {
      // a file named on the command line is a candidate of its own
      add(files, seen, abs, idAt(abs, st), st.nlink, st.size, r)
      continue
    }
    if (!st.isDirectory())
      throw new LinkError('INVALID_ARGUMENT', `${abs} is neither a folder nor a regular file.`, abs)
    const walk = walkTree(
      abs,
      `${st.dev}:${st.ino}`,
      { mode: 'scan', broken: false, statFiles: true, everyFile: true, device: st.dev },
      {
        signal: signal ?? never,
        onResult(res) {
          forEachMulti(res.multi, (p, id, links, size) => {
            add(files, seen, p, id, links, size, r)
            count++
          })
          errors.push(...res.errors)
          onFiles?.(count)
        },
      },
    )
    if ((await walk.done) === 'cancelled') return { files, errors, cancelled: true }
  }
  return { files, errors, cancelled: false }
}
