/**
 * Repoint links after a move (issue 16's `retarget-prefix`): every symbolic link under ROOT whose target
 * lies at OLD or inside it (whole path components) is pointed at the same place under NEW. A relative link
 * is matched by where it leads (read from its folder, lexically) and stays relative unless told otherwise;
 * an absolute one stays absolute unless told. The preview is the same records without acting; each link
 * is retargeted atomically (retarget-prefix-runs.ts: a new link at a temporary name, swapped in only while
 * the old one is unchanged), and the records carry each previous text, so undoPrefixBatch puts them all back.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError, toAppError } from '../../../shared/errors'
import type { PrefixRecord } from '../../../shared/types/move'
import * as nfs from '../fs/fs-names'
import { retargetLink } from '../ops/retarget'
import { fromErrno } from '../platform'
import { absOf, listTree } from './list-tree'
import { Pacer } from './pacer'
import { BatchTempNames } from './retarget-prefix-exchange'
import { type Candidate, recordsOfRun, recordsOfRunAsync, RUN_LINKS } from './retarget-prefix-runs'
import { relInside } from './tree-paths'

export type PrefixStyle = 'keep' | 'relative' | 'absolute'

export type { PrefixRecord }

export type PrefixSummary = {
  root: string
  old: string
  new: string
  dryRun: boolean
  links: number
  matched: number
  retargeted: number
  failed: number
  unresolved: number
  ms: number
}

export type PrefixOptions = {
  style?: PrefixStyle
  dryRun?: boolean
  signal?: AbortSignal
  onRecord?(r: PrefixRecord): void
}

const resolves = (p: string): boolean => fs.existsSync(p)

/** Runs handed to the addon's threads at once: enough to keep both the planning and the file system busy. */
const RUNS_IN_FLIGHT = 4

/** OLD and NEW as absolute, distinct paths, or a typed refusal. */
function checkedPrefixes(oldIn: string, newIn: string): [string, string] {
  if (!path.isAbsolute(oldIn) || !path.isAbsolute(newIn))
    throw new LinkError('INVALID_ARGUMENT', 'OLD and NEW must be absolute paths.')
  const oldP = path.resolve(oldIn)
  const newP = path.resolve(newIn)
  if (oldP === newP)
    throw new LinkError('INVALID_ARGUMENT', `OLD and NEW are the same path (${oldP}); nothing would change.`)
  return [oldP, newP]
}

type Batch = { oldP: string; newP: string; style: PrefixStyle; dry: boolean }

/** The link as a candidate when it leads to OLD or inside it (read lexically from its folder); else null. */
function candidateOf(link: string, id: string, stored: string, b: Batch): Candidate | null {
  const rel = relInside(b.oldP, path.resolve(path.dirname(link), stored))
  if (rel === null) return null
  const newAbs = rel === '' ? b.newP : path.join(b.newP, rel)
  const relative = b.style === 'relative' || (b.style === 'keep' && !path.isAbsolute(stored))
  return { link, id, stored, newAbs, relative }
}

const countOf = (records: readonly PrefixRecord[], test: (r: PrefixRecord) => boolean): number =>
  records.filter(test).length

export async function retargetPrefix(
  rootIn: string,
  oldIn: string,
  newIn: string,
  opts: PrefixOptions = {},
): Promise<{ records: PrefixRecord[]; summary: PrefixSummary }> {
  const started = performance.now()
  const root = path.resolve(rootIn)
  const [oldP, newP] = checkedPrefixes(oldIn, newIn)
  const batch: Batch = { oldP, newP, style: opts.style ?? 'keep', dry: opts.dryRun === true }
  const tree = await listTree(root, { signal: opts.signal })
  const pacer = new Pacer(opts.signal, `Retargeting links under ${root}`)
  const names = new BatchTempNames()
  const records: PrefixRecord[] = []
  // Runs in flight, oldest first: their records are taken in order, so they come out in listing order.
  const inFlight: Promise<PrefixRecord[]>[] = []
  const takeOldest = async (): Promise<void> => {
    for (const r of await (inFlight.shift() as Promise<PrefixRecord[]>)) {
      records.push(r)
      opts.onRecord?.(r)
    }
  }
  let run: Candidate[] = []
  const flush = async (): Promise<void> => {
    if (run.length > 0) inFlight.push(recordsOfRunAsync(run, batch.dry, names))
    run = []
    while (inFlight.length > RUNS_IN_FLIGHT) await takeOldest()
  }
  let links = 0
  try {
    for (const e of tree.entries) {
      if (e.kind !== 'symlink') continue
      links++
      const c = candidateOf(absOf(root, e.rel), e.id, e.target as string, batch)
      if (!c) continue
      const last = run[run.length - 1]
      if (last && (run.length >= RUN_LINKS || path.dirname(last.link) !== path.dirname(c.link))) await flush()
      if (pacer.due()) await pacer.pause()
      run.push(c)
    }
    await flush()
  } finally {
    // on a cancel too: what the runs already started did is reported (and can be undone)
    while (inFlight.length > 0) await takeOldest()
  }
  const summary: PrefixSummary = {
    root,
    old: oldP,
    new: newP,
    dryRun: batch.dry,
    links,
    matched: records.length,
    retargeted: countOf(records, (r) => r.action === 'retargeted'),
    failed: countOf(records, (r) => r.action === 'failed'),
    unresolved: countOf(records, (r) => !r.resolves),
    ms: Math.round(performance.now() - started),
  }
  return { records, summary }
}

/**
 * The same for chosen links (the scan view's selection) rather than a whole tree: each is read as it is
 * now, and one that is not a link or does not lead into OLD gets a failed record saying so.
 */
export function retargetPrefixOf(
  links: readonly string[],
  oldIn: string,
  newIn: string,
  dryRun: boolean,
): PrefixRecord[] {
  const [oldP, newP] = checkedPrefixes(oldIn, newIn)
  const batch: Batch = { oldP, newP, style: 'keep', dry: dryRun }
  const names = new BatchTempNames()
  return links.map((l) => {
    const link = path.resolve(l)
    let id: string
    let stored: string
    try {
      const st = nfs.lstatSync(link)
      id = `${st.dev}:${st.ino}`
      stored = nfs.readlinkSync(link)
    } catch (err) {
      const ae = toAppError(err instanceof Error && 'code' in err ? fromErrno(err, link) : err)
      return {
        path: link,
        oldTarget: '',
        newTarget: '',
        resolves: false,
        action: 'failed',
        code: ae.code,
        detail: ae.message,
      }
    }
    const c = candidateOf(link, id, stored, batch)
    if (c) return recordsOfRun([c], dryRun, names)[0] as PrefixRecord
    return {
      path: link,
      oldTarget: stored,
      newTarget: stored,
      resolves: resolves(path.resolve(path.dirname(link), stored)),
      action: 'failed',
      code: 'INVALID_ARGUMENT',
      detail: `${link} does not lead into ${oldP}; it was left as it is.`,
    }
  })
}

/** Undo a batch: each retargeted link gets its previous text back (last first); failures are returned. */
export function undoPrefixBatch(
  records: readonly Pick<PrefixRecord, 'path' | 'oldTarget' | 'action'>[],
): PrefixRecord[] {
  const failed: PrefixRecord[] = []
  for (const r of [...records].reverse()) {
    if (r.action !== 'retargeted') continue
    try {
      retargetLink({ path: r.path, target: r.oldTarget, relative: !path.isAbsolute(r.oldTarget) })
    } catch (err) {
      const ae = toAppError(err)
      failed.push({ newTarget: '', resolves: false, ...r, action: 'failed', code: ae.code, detail: ae.message })
    }
  }
  return failed
}
