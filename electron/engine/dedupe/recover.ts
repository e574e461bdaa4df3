/**
 * Tidying up after a run that stopped before its end (a crash, a kill, a power cut). Its journal names
 * every change that may have been under way; for each, the temporary name beside the path and the
 * private folder the replace works in (platform/posix/at-ops.ts) may remain. The path itself always
 * holds its bytes: what is tidied here is only the extra name, removed when it is one we made, or the
 * path's old entry, put back if the path is missing and removed once the path holds the new one.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import * as nfs from '../fs/fs-names'
import { type JournalRecord, markRecovered, readJournal, unfinishedJournals } from './journal'
import { idAt } from './relink'

/** The private folders at-ops.ts works in: one name, the entry held there. */
const PRIVATE = /^\.linkscope-[0-9a-f]{16}$/
const HELD = 'entry'

type Step = { path: string; temp: string; oldId: string; newId?: string }

function lstatOrNull(p: string): fs.Stats | null {
  try {
    return nfs.lstatSync(p)
  } catch {
    return null
  }
}

function stepsOf(recs: JournalRecord[]): Step[] {
  const made = new Map<string, string>()
  for (const r of recs) if (r.type === 'made') made.set(r.temp, r.madeId)
  const steps: Step[] = []
  for (const r of recs) {
    if (r.type === 'link') steps.push({ path: r.path, temp: r.temp, oldId: r.before.id, newId: r.keeperId })
    else if (r.type === 'copy') steps.push({ path: r.path, temp: r.temp, oldId: r.fromId, newId: made.get(r.temp) })
  }
  return steps
}

export type Recovered = { journals: string[]; removed: string[]; restored: string[]; left: string[] }

/** Tidy up after every unfinished run in the state folder; each journal is marked recovered after. */
export function recoverUnfinished(): Recovered {
  const out: Recovered = { journals: [], removed: [], restored: [], left: [] }
  for (const file of unfinishedJournals()) {
    recoverSteps(stepsOf(readJournal(file)), out)
    markRecovered(file)
    out.journals.push(file)
  }
  return out
}

function recoverSteps(steps: Step[], out: Recovered): void {
  for (const s of steps) recoverTemp(s, out)
  const byDir = new Map<string, Step[]>()
  for (const s of steps) {
    const d = path.dirname(s.path)
    byDir.set(d, [...(byDir.get(d) ?? []), s])
  }
  for (const [dir, inDir] of byDir) recoverPrivateFolders(dir, inDir, out)
}

/** The temporary name of one step: put in the path's place when the path is missing, removed when it is ours. */
function recoverTemp(s: Step, out: Recovered): void {
  const temp = lstatOrNull(s.temp)
  if (!temp) return
  const at = lstatOrNull(s.path)
  const tempId = idAt(s.temp, temp)
  // A copy not yet recorded as made may be cut short: it never takes the path's place.
  const whole = s.newId !== undefined && tempId === s.newId
  if (!at && whole) putBack(s, out)
  else if (whole || spareTemp(s, temp, at)) {
    // ours as made, a copy cut short, or the path's old entry after an exchange in place (relink.ts)
    try {
      nfs.unlinkSync(s.temp)
      out.removed.push(s.temp)
    } catch {
      out.left.push(s.temp)
    }
  }
}

/** The path is missing and its new entry whole at the temporary name: give it that name. */
function putBack(s: Step, out: Recovered): void {
  try {
    nfs.linkSync(s.temp, s.path)
    nfs.unlinkSync(s.temp)
    out.restored.push(s.path)
  } catch {
    out.left.push(s.temp)
  }
}

/** A temporary name nobody needs: a copy cut short, or the path's old entry after an exchange in place. */
function spareTemp(s: Step, temp: fs.Stats, at: fs.Stats | null): boolean {
  const tempId = idAt(s.temp, temp)
  const cutShortCopy = s.newId === undefined && temp.isFile() && temp.nlink === 1 && tempId !== s.oldId
  const oldAfterExchange = tempId === s.oldId && at !== null && s.newId !== undefined && idAt(s.path, at) === s.newId
  return cutShortCopy || oldAfterExchange
}

/** The replace's private folders in `dir`, which hold an entry of one of these steps, emptied and removed. */
function recoverPrivateFolders(dir: string, steps: Step[], out: Recovered): void {
  let names: string[]
  try {
    names = nfs
      .readdirTypedSync(dir)
      .map((e) => e.name)
      .filter((n) => PRIVATE.test(n))
  } catch {
    return
  }
  const uid = process.geteuid?.()
  for (const n of names) {
    const folder = path.join(dir, n)
    const st = lstatOrNull(folder)
    if (!st?.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o077) !== 0) continue
    recoverHeld(path.join(folder, HELD), steps, out)
    try {
      fs.rmdirSync(nfs.fsPath(folder))
    } catch {
      out.left.push(folder)
    }
  }
}

/** The entry a private folder holds: removed when its path is whole without it, put back when the path is missing. */
function recoverHeld(heldPath: string, steps: Step[], out: Recovered): void {
  const held = lstatOrNull(heldPath)
  if (!held) return
  const id = idAt(heldPath, held)
  for (const s of steps) {
    const at = lstatOrNull(s.path)
    const atId = at ? idAt(s.path, at) : undefined
    // the new entry, moved aside before the exchange (the path still has its old one), or the path's
    // old entry after the exchange (the path has the same bytes under the new one)
    const spare = (id === s.newId && atId === s.oldId) || (id === s.oldId && s.newId !== undefined && atId === s.newId)
    if (spare) {
      nfs.unlinkSync(heldPath)
      out.removed.push(heldPath)
      return
    }
    if (id === s.oldId && !at) {
      nfs.linkSync(heldPath, s.path) // never replaces: fails if the name was taken meanwhile
      nfs.unlinkSync(heldPath)
      out.restored.push(s.path)
      return
    }
  }
}
