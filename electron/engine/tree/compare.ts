/**
 * Compare two trees by identity, path by path: `same-file` (one file: the same id on both sides, so no byte
 * is read), `same-content` (equal bytes in two files: they could be one), `differs`, `link-differs` (links
 * leading to different places), `only-a`, `only-b`; with counts and bytes per state. Two links are equal
 * when their texts are, or when both are absolute and lead to the same place inside their own root (what a
 * copy with rebasing makes). Folders present on both sides get no record; their contents do.
 *
 * It also checks hard-link structure: names that are one file on one side must be one file on the other.
 * The `same-content` pairs are returned for whoever links them (the dedupe path, which re-checks them).
 */
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { COMPARE_STATES, type CompareRow, type CompareState } from '../../../shared/types/trees'
import { nativeScan } from '../scan/native-scan'
import { byteReads } from './compare-bytes'
import { groupingDiffers } from './compare-grouping'
import { listAhead } from './compare-prewalk'
import { type WalkSide, walkSideBySide } from './compare-walk'
import { absOf, requireTreeRoot, type TreeKind } from './list-tree'
import { Pacer } from './pacer'
import { rootForms } from './tree-paths'

export { COMPARE_STATES, type CompareState } from '../../../shared/types/trees'
/** One relative path of a comparison (the record the CLI prints and the Compare folders view shows). */
export type CompareRecord = CompareRow & { kind: TreeKind }

/** Two separate files with equal bytes at the same relative path: candidates for one hard link. */
export type SameContentPair = { path: string; a: string; b: string; size: number; idA: string; idB: string }

export type CompareSummary = {
  a: string
  b: string
  states: Record<CompareState, { count: number; bytes: number }>
  /** hard links can join A's files to B's only on one device */
  sameDevice: boolean
  /** paths whose names are grouped differently (one file on one side, several on the other) */
  groupingDiffers: number
  /** bytes read to tell same-content from differs (ids spare reading same-file pairs) */
  bytesRead: number
  ms: number
}

export type CompareResult = { records: CompareRecord[]; summary: CompareSummary; pairs: SameContentPair[] }

export type CompareOptions = {
  signal?: AbortSignal
  /** false: no same-content pairs kept for linking (the CLI prints records only) */
  pairs?: boolean
  onRecord?(r: CompareRecord): void
  /** once the walk is done: how many pairs of separate files (and bytes, both sides) are left to read */
  onProgress?(p: { phase: 'read'; pairs: number; bytes: number }): void
}

function sideOf(root: string): WalkSide & { dev: number; ino: number } {
  const st = requireTreeRoot(root)
  const id = { dev: st.dev, ino: st.ino }
  return { root, roots: rootForms(root), problems: [], seenDirs: new Set([`${st.dev}:${st.ino}`]), ...id }
}

/** A tree with entries that cannot be read cannot be compared: the comparison would be wrong. */
function refuseProblems(side: WalkSide): void {
  const first = side.problems[0]
  if (!first) return
  const n = side.problems.length
  throw new LinkError(
    first.code,
    `${n} entr${n === 1 ? 'y' : 'ies'} under ${side.root} cannot be read, so the comparison would be wrong. First: ${first.message}`,
    absOf(side.root, first.rel),
  )
}

/**
 * Walk both trees side by side (ids, sizes and link texts from their listings), then read only pairs of
 * separate files of equal size, a few at a time; records come in A's order, then B's own paths.
 */
export async function compareTrees(aIn: string, bIn: string, opts: CompareOptions = {}): Promise<CompareResult> {
  const started = performance.now()
  const a = sideOf(path.resolve(aIn))
  const b = sideOf(path.resolve(bIn))
  const what = `The comparison of ${a.root} and ${b.root}`
  const pacer = new Pacer(opts.signal, what)
  const native = nativeScan()
  // both trees listed on the addon's threads first; the walk side by side then reads them from memory
  const listed = native
    ? await listAhead(
        native,
        [a, b].map((s) => ({ path: s.root, dev: s.dev, ino: s.ino })),
        pacer,
      )
    : undefined
  // byte reads start during the walk, on the addon's threads, as pairs are met
  const bytes = byteReads(native)
  const walked = await walkSideBySide(native, a, b, pacer, bytes, listed)
  refuseProblems(a)
  refuseProblems(b)
  const bytesRead = walked.toRead.bytes
  opts.onProgress?.({ phase: 'read', pairs: walked.toRead.pairs, bytes: bytesRead })
  await bytes.finish(pacer)
  const pairs: SameContentPair[] = []
  for (const p of walked.reads) {
    p.same ??= p.readAs?.same
    if (!p.same) continue
    p.record.state = 'same-content'
    if (opts.pairs === false) continue
    pairs.push({
      path: p.record.path,
      a: p.a,
      b: p.b,
      size: p.size,
      idA: `${p.devA}:${p.inoA}`,
      idB: `${p.devB}:${p.inoB}`,
    })
  }
  const regrouped = groupingDiffers(walked.ids)
  for (const r of regrouped) r.grouping = 'differs'
  const records = walked.records.concat(walked.onlyB)
  const states = Object.fromEntries(COMPARE_STATES.map((s) => [s, { count: 0, bytes: 0 }])) as CompareSummary['states']
  for (const r of records) {
    states[r.state].count++
    states[r.state].bytes += r.size
    opts.onRecord?.(r)
  }
  const summary: CompareSummary = {
    a: a.root,
    b: b.root,
    states,
    sameDevice: a.dev === b.dev,
    groupingDiffers: regrouped.length,
    bytesRead,
    ms: Math.round(performance.now() - started),
  }
  return { records, summary, pairs }
}
