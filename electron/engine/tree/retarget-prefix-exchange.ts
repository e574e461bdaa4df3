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
import { getSystemErrorName } from 'node:util'

import { LinkError } from '../../../shared/errors'
import { nameByteLength } from '../../../shared/names'
import { MAX_NAME } from '../ops/names-rules'
import { TEMP_MARK, tempNameFor } from '../ops/retarget'
import { EXCHANGE, fromErrno, inFolder, type NativeAt, nativeAt } from '../platform'
import { nativeAddon } from '../scan/native-scan'

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

/** One link of a run for the addon's atRetargetRun: its name in the folder, as listed, and its new text. */
export type RunLink = { name: string; expect: Listed; newText: string; tempName: string }

/** What each link of a run came to: retargeted (and whether the new link resolves), or the typed failure. */
export type RunOutcome = { resolves: boolean } | { error: LinkError }

export type AtRetargetRun = (
  dirfd: number,
  names: string[],
  devs: number[],
  inos: number[],
  texts: string[],
  newTexts: string[],
  temps: string[],
) => Int32Array

/** The statuses atRetargetRun gives a link (scan/native/retarget_at.c). */
const RT_RESOLVES = 0
const RT_DANGLING = 1
const RT_CHANGED = 2
const RT_SYMLINK_FAILED = 3
const RT_RENAME_FAILED = 4

/** The addon's whole-run exchange (Linux, a current build); null elsewhere, where exchangeIn does each link. */
export function runExchanger(): AtRetargetRun | null {
  if (process.platform !== 'linux') return null
  const fn = nativeAddon().exports?.atRetargetRun
  return typeof fn === 'function' ? (fn as AtRetargetRun) : null
}

function outcomeOf(status: number, errno: number, link: string): RunOutcome {
  if (status === RT_RESOLVES || status === RT_DANGLING) return { resolves: status === RT_RESOLVES }
  if (status === RT_CHANGED)
    return { error: new LinkError('CHANGED', `${link} changed after it was listed; it was left as it was.`, link) }
  if (status === RT_SYMLINK_FAILED || status === RT_RENAME_FAILED) {
    const code = getSystemErrorName(-errno)
    const syscall = status === RT_SYMLINK_FAILED ? 'symlinkat' : 'renameat2'
    return { error: fromErrno(Object.assign(new Error(`${code}: ${syscall}`), { code, syscall }), link) }
  }
  return { error: new LinkError('INVALID_ARGUMENT', `${link} has a name or text the system cannot take.`, link) }
}

/** The addon's run exchange on a thread of libuv's pool; the caller keeps `dirfd` open until it settles. */
export type AtRetargetRunAsync = (...args: Parameters<AtRetargetRun>) => Promise<Int32Array>

export function runExchangerAsync(): AtRetargetRunAsync | null {
  if (process.platform !== 'linux') return null
  const fn = nativeAddon().exports?.atRetargetRunAsync
  return typeof fn === 'function' ? (fn as AtRetargetRunAsync) : null
}

type RunArgs = Parameters<AtRetargetRun> extends [number, ...infer Rest] ? Rest : never

function argsOf(links: readonly RunLink[]): RunArgs {
  const ids = links.map((l) => l.expect.id.split(':').map(Number) as [number, number])
  return [
    links.map((l) => l.name),
    ids.map((id) => id[0]),
    ids.map((id) => id[1]),
    links.map((l) => l.expect.text),
    links.map((l) => l.newText),
    links.map((l) => l.tempName),
  ]
}

const outcomesOf = (out: Int32Array, dir: string, links: readonly RunLink[]): RunOutcome[] =>
  links.map((l, i) => outcomeOf(out[2 * i] as number, out[2 * i + 1] as number, path.join(dir, l.name)))

/**
 * The links of one folder (open as `dirfd`, `dir` its path for messages) exchanged as exchangeIn does each,
 * in one call to the addon: each link is still its own atomic exchange, checked against what was listed.
 */
export function exchangeRunIn(run: AtRetargetRun, dirfd: number, dir: string, links: readonly RunLink[]): RunOutcome[] {
  return outcomesOf(run(dirfd, ...argsOf(links)), dir, links)
}

/** The same off the JavaScript thread. */
export async function exchangeRunInAsync(
  run: AtRetargetRunAsync,
  dirfd: number,
  dir: string,
  links: readonly RunLink[],
): Promise<RunOutcome[]> {
  return outcomesOf(await run(dirfd, ...argsOf(links)), dir, links)
}
