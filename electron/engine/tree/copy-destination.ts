/**
 * Where a copy may go, and how a failed one is taken back: DST must not exist, its parent must be a
 * folder outside SRC, and for a hard-link clone on SRC's device. Paths go through model/fs-names, so
 * names that are not UTF-8 are the bytes they are.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import * as fsn from '../fs/fs-names'
import { fromErrno } from '../platform'
import { relUnderAny, rootForms } from './tree-paths'

/** DST must not exist and its parent must be a folder outside SRC; for a clone, on SRC's device. */
export function checkDestination(src: string, dst: string, srcDev: number, clone: boolean): void {
  if (fsn.lstatOrUndefined(dst))
    throw new LinkError(
      'ALREADY_EXISTS',
      `${dst} already exists; a copy goes to a new folder and never overwrites. Choose a name that does not exist yet.`,
      dst,
    )
  const parent = path.dirname(dst)
  let pst: fs.Stats
  try {
    pst = fsn.statSync(parent)
  } catch (e) {
    throw fromErrno(e, parent)
  }
  if (!pst.isDirectory()) throw new LinkError('NOT_A_DIRECTORY', `${parent} is not a folder.`, parent)
  const realDst = path.join(fsn.realpathNativeSync(parent), path.basename(dst))
  if (relUnderAny(rootForms(src), realDst) !== null)
    throw new LinkError('INVALID_ARGUMENT', `${dst} is inside ${src}; a tree cannot be copied into itself.`, dst)
  if (clone && pst.dev !== srcDev) {
    throw new LinkError(
      'CROSS_DEVICE',
      `${dst} is on another device than ${src}; hard links cannot cross devices, so a hard-link clone must stay on ${src}'s device. Copy without --hardlink-clone instead.`,
      dst,
    )
  }
}

/** Remove what this copy made. DST was new and closed to others (0700), so all of it is ours. */
export function removePartial(dst: string): void {
  try {
    fs.chmodSync(fsn.fsPath(dst), 0o700)
    fs.rmSync(fsn.fsPath(dst), { recursive: true, force: true })
  } catch {
    /* the error that brought us here says more; what is left is under the new folder only */
  }
}
