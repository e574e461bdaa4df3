/**
 * relink through folders held open for the run (Linux): each link is one call to the addon
 * (native/relink_at.c), which makes relink.ts's checks and changes on the entries it acts on: the path
 * is still the file compared, the source (opened through its folder) too and below the link limit, a
 * new name of that open file at the temporary name, exchanged with the path and checked. Thousands of
 * links cost one call each instead of eight, and no stat objects.
 */
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { errnoCode, fromErrno, type HeldFolders } from '../platform'
import { checkSource } from '../platform/acting'
import type { Before, Journal } from './journal'
import { addonFunction } from './native-hash'
import type { Journaled, Source } from './relink'

type RelinkAt = (
  dirfd: number,
  name: string,
  temp: string,
  srcdirfd: number,
  srcname: string,
  nums: Float64Array,
) => number

/** The addon's relinkAt, or null where there is none (not Linux, not built, or an older build). */
export const nativeRelinkAt = (): RelinkAt | null => addonFunction<RelinkAt>('relinkAt')

/** relinkAt's statuses (relink_at.c) */
const LINKED = 0
const PATH_CHANGED = 1
const SOURCE_CHANGED = 2
const FULL = 3
const SWAPPED = 4

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
    status = relinkAt(dirfd, path.basename(p), path.basename(step.temp), srcdirfd, path.basename(source.path), nums)
  } catch (e) {
    throw fromErrno(e, failedAt(e, p, source, step.temp))
  }
  if (status !== LINKED) throw refusalOf(status, p, source, linkLimit)
  journal.write({ type: 'done', path: p }, false)
}
