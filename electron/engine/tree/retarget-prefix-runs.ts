/**
 * Links retargeted in runs: a run is links of one folder (a listing gives a folder's entries together),
 * so the real paths their texts are computed from are resolved once per run, not once per link, and on
 * Linux the folder's handle is opened once for all their exchanges. Each link is still its own atomic
 * exchange, checked against what was listed; a link that fails gets a failed record and the run goes on.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { toAppError } from '../../../shared/errors'
import type { PrefixRecord } from '../../../shared/types/move'
import { physical, storedText } from '../ops/link-text'
import { retargetLink } from '../ops/retarget'
import { inFolder, type NativeAt } from '../platform'
import { type BatchTempNames, exchangeIn, exchanger } from './retarget-prefix-exchange'

/** A link that leads into OLD: as listed (id, stored text), and where it is to lead. */
export type Candidate = { link: string; id: string; stored: string; newAbs: string; relative: boolean }

/** Links per run at most: a run holds the thread, so a cancel waits for one run. */
export const RUN_LINKS = 256

function fail(r: PrefixRecord, err: unknown): void {
  const ae = toAppError(err)
  Object.assign(r, { action: 'failed', code: ae.code, detail: ae.message })
}

/** The records of a run before acting: each new text computed, or the reason there is none. */
function planned(run: readonly Candidate[], dry: boolean): PrefixRecord[] {
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
      resolves: fs.existsSync(c.newAbs),
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

/** The records of one run (links of one folder), acting on them unless `dry`. */
export function recordsOfRun(run: readonly Candidate[], dry: boolean, names: BatchTempNames): PrefixRecord[] {
  const records = planned(run, dry)
  if (dry || run.length === 0) return records
  const at = exchanger()
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
