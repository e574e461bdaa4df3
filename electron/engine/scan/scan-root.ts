/** The folder a walk starts from. The root itself may be reached through a link (like `find -H`): the person named it. */
import type * as fs from 'node:fs'

import { LinkError } from '../../../shared/errors'
import * as nfs from '../fs/fs-names'
import { pathApi } from '../listing/paths'
import { fromErrno, platform, rootIdentity } from '../platform'

export type ScanRoot = { path: string; id: string; dev: number }

export function scanRoot(root: string): ScanRoot {
  const abs = pathApi().resolve(root)
  let st: fs.Stats
  try {
    st = nfs.statSync(abs)
  } catch (e) {
    throw fromErrno(e, abs)
  }
  if (!st.isDirectory())
    throw new LinkError('NOT_A_DIRECTORY', `${abs} is not a folder; a scan needs a folder to start from.`, abs)
  // Windows: the exact id the Win32 scanner gives its folders (node:fs rounds NTFS ids)
  if (platform().kind === 'win32' && process.env.LINKSCOPE_SCAN_WIN32 !== '0')
    return { path: abs, ...rootIdentity(abs) }
  return { path: abs, id: `${st.dev}:${st.ino}`, dev: st.dev }
}
