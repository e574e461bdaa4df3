/**
 * relink through folders held open for the run (Linux): each link is one call to the addon
 * (native/relink_at.c), which makes relink.ts's checks and changes on the entries it acts on: the path
 * is still the file compared, the source (opened through its folder) too and below the link limit, a
 * new name of that open file at the temporary name, exchanged with the path and checked. Thousands of
 * links cost one call each instead of eight, and no stat objects.
 */
import * as path from 'node:path'
import { getSystemErrorName } from 'node:util'

import { LinkError } from '../../../shared/errors'
import { errnoCode, fromErrno, type HeldFolders } from '../platform'
import { checkSource } from '../platform/acting'
import type { Before, Journal } from './journal'
import { addonFunction } from './native-hash'
import type { Journaled, Source } from './relink'
import type { Refusal } from './types'

type RelinkAt = (
  dirfd: number,
  name: string,
  temp: string,
  srcdirfd: number,
  srcname: string,
  nums: Float64Array,
  flags?: number,
) => number
type RemovalsDone = () => Promise<{ names: string[]; errnos: number[] }>

/** The addon's relinkAt, or null where there is none (not Linux, not built, or an older build). */
export const nativeRelinkAt = (): RelinkAt | null => addonFunction<RelinkAt>('relinkAt')

/** Old entries left to the addon's threads to remove, by their temporary name: where, and what for. */
const removing = new Map<string, { temp: string; path: string; keeper: string }>()

export type LeftBehind = { keeper: string; refusal: Refusal }

/**
 * Wait until every old entry left to the addon's threads is removed (a run ends only then: its journal's
 * end says nothing is left behind). Those that could not be are returned, each still at its temporary
 * name beside the path, with the path's old bytes.
 */
export async function removalsDone(): Promise<LeftBehind[]> {
  const done = addonFunction<RemovalsDone>('removalsDone')
  if (!done) return []
  const { names, errnos } = await done()
  const left = names.map((n, i): LeftBehind => {
    const r = removing.get(n) ?? { temp: n, path: n, keeper: n }
    const e = fromErrno(Object.assign(new Error(''), { code: getSystemErrorName(-(errnos[i] as number)) }), r.temp)
    const refusal = {
      path: r.temp,
      code: e.code,
      message: `${r.path} is now a name of ${r.keeper}, but its old entry at ${r.temp} could not be removed (${e.message}); remove it by hand.`,
    }
    return { keeper: r.keeper, refusal }
  })
  removing.clear()
  return left
}

/** relinkAt's statuses (relink_at.c) */
const LINKED = 0
const PATH_CHANGED = 1
const SOURCE_CHANGED = 2
const FULL = 3
const SWAPPED = 4
const DIFFERS = 5
/** relinkAt's flags: the old entry removed in the background; the bytes compared first */
const LATER = 1
const COMPARE = 2

/** The numbers relinkAt takes, filled anew for each call. */
const nums = new Float64Array(12)

function putId(at: number, id: string): void {
  const colon = id.indexOf(':')
  nums[at] = Number(id.slice(0, colon))
  nums[at + 1] = Number(id.slice(colon + 1))
}

function fill(expect: Pick<Before, 'id' | 'size' | 'mtimeMs'> & Partial<Before>, source: Source, limit?: number): void {
  putId(0, expect.id)
  nums[2] = expect.size
  nums[3] = expect.mtimeMs
  nums[4] = expect.mode ?? -1
  nums[5] = expect.uid ?? -1
  nums[6] = expect.gid ?? -1
  putId(7, source.id)
  nums[9] = source.size
  nums[10] = source.mtimeMs
  nums[11] = limit ?? -1
}

const changed = (p: string): LinkError =>
  new LinkError('CHANGED', `${p} changed since it was compared; it was left as it is. Look again and retry.`, p)

function refusalOf(status: number, p: string, source: Source, limit: number | undefined): LinkError {
  switch (status) {
    case PATH_CHANGED:
      return changed(p)
    case SOURCE_CHANGED:
      return changed(source.path)
    case FULL:
      return new LinkError(
        'TOO_MANY_LINKS',
        `${source.path} already has ${limit} names, the most allowed here.`,
        source.path,
      )
    case SWAPPED:
      return new LinkError('CHANGED', `${p} changed just before it was linked; it was left as it was.`, p)
    case DIFFERS:
      return new LinkError(
        'CHANGED',
        `${p} no longer has the same bytes as ${source.path} (or one of them moved); it was left as it is.`,
        p,
      )
    default:
      return new LinkError('UNKNOWN', `Unexpected answer ${status} from the link at ${p}.`, p)
  }
}

/** The path a failed system call was about: the source's open, the new name's link, else the path's own steps. */
function failedAt(e: unknown, p: string, source: Source, temp: string): string {
  const syscall = (e as { syscall?: unknown }).syscall
  if (syscall === 'openat' || syscall === 'fstat') return source.path
  return syscall === 'linkat' || errnoCode(e) === 'EEXIST' ? temp : p
}

/**
 * Make `p` (which must still be `expect`) another name of `source`, its link record (naming `step.temp`)
 * already written and synced. Throws LinkError as relink does.
 */
export function relinkHeld(
  relinkAt: RelinkAt,
  held: HeldFolders,
  journal: Journal,
  source: Source,
  p: string,
  expect: Pick<Before, 'id' | 'size' | 'mtimeMs'> & Partial<Before>,
  linkLimit: number | undefined,
  step: Journaled,
): void {
  const dirfd = held.get(path.dirname(p))
  const srcdirfd = held.get(path.dirname(source.path))
  checkSource(source.path, source.id)
  fill(expect, source, linkLimit)
  let status: number
  try {
    const temp = path.basename(step.temp)
    const flags = (step.later ? LATER : 0) | (step.compare ? COMPARE : 0)
    status = relinkAt(dirfd, path.basename(p), temp, srcdirfd, path.basename(source.path), nums, flags)
    if (status === LINKED && step.later) removing.set(temp, { temp: step.temp, path: p, keeper: source.path })
  } catch (e) {
    throw fromErrno(e, failedAt(e, p, source, step.temp))
  }
  if (status !== LINKED) throw refusalOf(status, p, source, linkLimit)
  journal.write({ type: 'done', path: p }, false)
}
