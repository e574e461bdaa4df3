/**
 * Links retargeted in runs: a run is links of one folder (a listing gives a folder's entries together),
 * so the real paths their texts are computed from are resolved once per run, not once per link, and on
 * Linux the folder's handle is opened once for all their exchanges (made by the addon in one call where built). Each link is still its own atomic
 * exchange, checked against what was listed; a link that fails gets a failed record and the run goes on.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { toAppError } from '../../../shared/errors'
import type { PrefixRecord } from '../../../shared/types/move'
import { physical, storedText } from '../ops/link-text'
import { retargetLink } from '../ops/retarget'
import { inFolder, type NativeAt, openFolder } from '../platform'
import {
  type AtRetargetRun,
  type BatchTempNames,
  exchangeIn,
  exchanger,
  exchangeRunIn,
  exchangeRunInAsync,
  runExchanger,
  runExchangerAsync,
  type RunLink,
  type RunOutcome,
} from './retarget-prefix-exchange'

/** A link that leads into OLD: as listed (id, stored text), and where it is to lead. */
export type Candidate = { link: string; id: string; stored: string; newAbs: string; relative: boolean }

/** Links per run at most: a run holds the thread, so a cancel waits for one run. */
export const RUN_LINKS = 256

function fail(r: PrefixRecord, err: unknown): void {
  const ae = toAppError(err)
  Object.assign(r, { action: 'failed', code: ae.code, detail: ae.message })
}

/**
 * The records of a run before acting: each new text computed, or the reason there is none. `resolves` is
 * asked here unless the addon's run exchange (which follows each new link once made) will tell it.
 */
function planned(run: readonly Candidate[], dry: boolean, resolvesLater: boolean): PrefixRecord[] {
  const realFolders = new Map<string, string>()
  const realFolder = (dir: string): string => {
    let real = realFolders.get(dir)
    if (real === undefined) realFolders.set(dir, (real = physical(dir)))
    return real
  }
  return run.map((c) => {
    const r: PrefixRecord = {
      path: c.link,
      oldTarget: c.stored,
      newTarget: c.newAbs,
      resolves: !resolvesLater && fs.existsSync(c.newAbs),
      action: dry ? 'would-retarget' : 'retargeted',
    }
    try {
      r.newTarget = storedText(c.newAbs, c.link, c.relative, realFolder).stored
    } catch (err) {
      fail(r, err)
    }
    return r
  })
}

/** Exchange each planned link in their folder, opened once; where the folder cannot be opened, all fail. */
function exchangeRun(at: NativeAt, run: readonly Candidate[], records: PrefixRecord[], names: BatchTempNames): void {
  let next = 0
  try {
    inFolder(at, path.dirname((run[0] as Candidate).link), (dirfd) => {
      for (; next < run.length; next++) {
        const c = run[next] as Candidate
        const r = records[next] as PrefixRecord
        if (r.action !== 'retargeted') continue
        try {
          exchangeIn(at, dirfd, c.link, { id: c.id, text: c.stored }, r.newTarget, names.next(path.basename(c.link)))
        } catch (err) {
          fail(r, err)
        }
      }
    })
  } catch (err) {
    for (const r of records.slice(next)) if (r.action === 'retargeted') fail(r, err)
  }
}

/** A run as the addon takes it: the records still to act on (by index), their folder, and the links. */
type NativeRun = { todo: number[]; dir: string; links: RunLink[] }

function nativeRunOf(run: readonly Candidate[], records: readonly PrefixRecord[], names: BatchTempNames): NativeRun {
  const todo = records.flatMap((r, i) => (r.action === 'retargeted' ? [i] : []))
  const links = todo.map((i): RunLink => {
    const c = run[i] as Candidate
    const name = path.basename(c.link)
    const expect = { id: c.id, text: c.stored }
    return { name, expect, newText: (records[i] as PrefixRecord).newTarget, tempName: names.next(name) }
  })
  return { todo, dir: path.dirname((run[0] as Candidate).link), links }
}

/** The addon's outcomes into the records (or `err` for all, the folder failing); a failed link's target is asked for. */
function applyOutcomes(
  run: readonly Candidate[],
  records: PrefixRecord[],
  todo: readonly number[],
  outcomes: RunOutcome[] | null,
  err?: unknown,
): void {
  todo.forEach((i, k) => {
    const r = records[i] as PrefixRecord
    const o = outcomes?.[k]
    if (!o) fail(r, err)
    else if ('error' in o) fail(r, o.error)
    else r.resolves = o.resolves
  })
  run.forEach((c, i) => {
    const r = records[i] as PrefixRecord
    if (r.action === 'failed') r.resolves = fs.existsSync(c.newAbs)
  })
}

/** The same through the addon, one call for the run. */
function exchangeRunNative(
  at: NativeAt,
  whole: AtRetargetRun,
  run: readonly Candidate[],
  records: PrefixRecord[],
  names: BatchTempNames,
): void {
  const { todo, dir, links } = nativeRunOf(run, records, names)
  try {
    applyOutcomes(
      run,
      records,
      todo,
      inFolder(at, dir, (dirfd) => exchangeRunIn(whole, dirfd, dir, links)),
    )
  } catch (err) {
    applyOutcomes(run, records, todo, null, err)
  }
}

/**
 * The records of one run, acted on by the addon on a thread of libuv's pool, so the caller can plan the
 * next runs meanwhile (retargetPrefix keeps a few in flight). Without the addon, as recordsOfRun.
 */
export async function recordsOfRunAsync(
  run: readonly Candidate[],
  dry: boolean,
  names: BatchTempNames,
): Promise<PrefixRecord[]> {
  const at = exchanger()
  const whole = dry || !at || run.length === 0 ? null : runExchangerAsync()
  if (!at || !whole) return recordsOfRun(run, dry, names)
  const records = planned(run, false, true)
  const { todo, dir, links } = nativeRunOf(run, records, names)
  let dirfd: number
  try {
    dirfd = openFolder(at, dir)
  } catch (err) {
    applyOutcomes(run, records, todo, null, err)
    return records
  }
  try {
    applyOutcomes(run, records, todo, await exchangeRunInAsync(whole, dirfd, dir, links))
  } catch (err) {
    applyOutcomes(run, records, todo, null, err)
  } finally {
    at.atClose(dirfd)
  }
  return records
}

/** The records of one run (links of one folder), acting on them unless `dry`. */
export function recordsOfRun(run: readonly Candidate[], dry: boolean, names: BatchTempNames): PrefixRecord[] {
  const at = exchanger()
  const whole = dry || !at ? null : runExchanger()
  const records = planned(run, dry, whole !== null)
  if (dry || run.length === 0) return records
  if (at && whole) {
    exchangeRunNative(at, whole, run, records, names)
    return records
  }
  if (at) {
    exchangeRun(at, run, records, names)
    return records
  }
  run.forEach((c, i) => {
    const r = records[i] as PrefixRecord
    if (r.action !== 'retargeted') return
    try {
      r.newTarget = retargetLink({ path: c.link, target: c.newAbs, relative: c.relative }).entry.target ?? r.newTarget
    } catch (err) {
      fail(r, err)
    }
  })
  return records
}
