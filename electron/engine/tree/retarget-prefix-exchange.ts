/**
 * Retarget one link of a batch in place (Linux): the new link is made at a temporary name beside it and
 * the two trade names in one renameat2(RENAME_EXCHANGE), through a handle to their folder. What came out
 * must be the link as listed (same id, same text); if it is not, the two are exchanged back and nothing
 * changed. The single-link path (ops/retarget.ts) checks inside a private folder it makes and removes per
 * call; for thousands of links that folder's creation and removal is most of the time, and the check
 * here is as strong: the worst another program could do in between is lose its own entry at our random
 * temporary name.
 */
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { tempNameFor } from '../ops/retarget'
import { fromErrno } from '../platform'
import { inFolder } from '../platform/posix/at-folder'
import { EXCHANGE, type NativeAt, nativeAt } from '../platform/posix/native-at'

/** The native calls when this process can exchange names; null elsewhere (callers use ops/retarget.ts). */
export const exchanger = (): NativeAt | null => (process.platform === 'linux' ? nativeAt() : null)

export function retargetByExchange(
  at: NativeAt,
  link: string,
  expect: { id: string; text: string },
  newText: string,
): void {
  const name = path.basename(link)
  const tempName = tempNameFor(name)
  inFolder(at, path.dirname(link), (dirfd) => {
    try {
      at.atSymlink(newText, dirfd, tempName)
    } catch (e) {
      throw fromErrno(e, link)
    }
    try {
      at.atRename(dirfd, tempName, dirfd, name, EXCHANGE)
    } catch (e) {
      at.atUnlink(dirfd, tempName, false)
      throw fromErrno(e, link)
    }
    const out = at.atStat(dirfd, tempName)
    const outText = (out.mode & 0o170000) === 0o120000 ? at.atReadlink(dirfd, tempName) : null
    if (`${out.dev}:${out.ino}` !== expect.id || outText !== expect.text) {
      at.atRename(dirfd, tempName, dirfd, name, EXCHANGE)
      at.atUnlink(dirfd, tempName, false)
      throw new LinkError('CHANGED', `${link} changed after it was listed; it was left as it was.`, link)
    }
    at.atUnlink(dirfd, tempName, false)
  })
}
