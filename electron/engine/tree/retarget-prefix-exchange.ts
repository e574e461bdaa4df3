/**
 * Retarget one link of a batch in place (Linux): the new link is made at a temporary name beside it and
 * the two trade names in one renameat2(RENAME_EXCHANGE), through a handle to their folder. What came out
 * must be the link as listed (same id, same text); if it is not, the two are exchanged back and nothing
 * changed. The single-link path (ops/retarget.ts) checks inside a private folder it makes and removes per
 * call; for thousands of links that folder's creation and removal is most of the time, and the check
 * here is as strong: the worst another program could do in between is lose its own entry at our random
 * temporary name. A batch opens each folder once for a run of its links (exchangeIn), not once per link.
 */
import { randomBytes } from 'node:crypto'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { nameByteLength } from '../../../shared/names'
import { MAX_NAME } from '../ops/names-rules'
import { TEMP_MARK, tempNameFor } from '../ops/retarget'
import { EXCHANGE, fromErrno, inFolder, type NativeAt, nativeAt } from '../platform'

/** The native calls when this process can exchange names; null elsewhere (callers use ops/retarget.ts). */
export const exchanger = (): NativeAt | null => (process.platform === 'linux' ? nativeAt() : null)

export type Listed = { id: string; text: string }

/**
 * Temporary names for one batch: ".name.linkscope-tmp-<random><count>", one random draw for the batch
 * and a count after it (a draw per link cost as much as the exchange itself), so no two links of the
 * batch share a name and nobody else can guess one.
 */
export class BatchTempNames {
  private readonly random = randomBytes(6).toString('hex')
  private count = 0

  next(name: string): string {
    const unique = `${TEMP_MARK}${this.random}${(this.count++).toString(36)}`
    const withName = `.${name}${unique}`
    return withName.length <= MAX_NAME && nameByteLength(withName) <= MAX_NAME ? withName : unique
  }
}

/** The exchange itself, in the folder open as `dirfd`; `link` is the full path, for messages. */
export function exchangeIn(
  at: NativeAt,
  dirfd: number,
  link: string,
  expect: Listed,
  newText: string,
  tempName: string,
): void {
  const name = path.basename(link)
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
}

/** One link on its own: its folder opened for it alone. */
export function retargetByExchange(at: NativeAt, link: string, expect: Listed, newText: string): void {
  const tempName = tempNameFor(path.basename(link))
  inFolder(at, path.dirname(link), (dirfd) => exchangeIn(at, dirfd, link, expect, newText, tempName))
}
