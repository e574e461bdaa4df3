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
import { absOf, listTree, type TreeEntry, type TreeKind } from './list-tree'
import { Pacer } from './pacer'
import { relUnderAny, rootForms } from './tree-paths'
import { sameBytes } from './same-bytes'

export const COMPARE_STATES = ['same-file', 'same-content', 'differs', 'link-differs', 'only-a', 'only-b'] as const
export type CompareState = (typeof COMPARE_STATES)[number]

export type CompareRecord = {
  path: string
  state: CompareState
  /** a file's size (A's, or B's when only B has it); 0 for anything else */
  size: number
  kind: TreeKind
  /** set when these names are one file on one side and not on the other */
  grouping?: 'differs'
}

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

export type CompareOptions = { signal?: AbortSignal; onRecord?(r: CompareRecord): void }

const fileSize = (e: TreeEntry): number => (e.kind === 'file' ? e.size : 0)

function sameLink(x: TreeEntry, y: TreeEntry, rootsA: readonly string[], rootsB: readonly string[]): boolean {
  if (x.target === y.target) return true
  const tx = x.target as string
  const ty = y.target as string
  if (!path.isAbsolute(tx) || !path.isAbsolute(ty)) return false
  const rx = relUnderAny(rootsA, tx)
  return rx !== null && rx === relUnderAny(rootsB, ty)
}

/**
 * Paths whose hard-link grouping differs: an id on one side that meets several ids on the other. One map
 * each way, remembering the first id met; a later different one marks the id.
 */
function groupingDiffers(both: readonly [TreeEntry, TreeEntry][]): Set<string> {
  const ab = new Map<string, string>()
  const ba = new Map<string, string>()
  const badA = new Set<string>()
  const badB = new Set<string>()
  for (const [x, y] of both) {
    const b = ab.get(x.id)
    if (b === undefined) ab.set(x.id, y.id)
    else if (b !== y.id) badA.add(x.id)
    const a = ba.get(y.id)
    if (a === undefined) ba.set(y.id, x.id)
    else if (a !== x.id) badB.add(y.id)
  }
  const out = new Set<string>()
  if (badA.size + badB.size === 0) return out
  for (const [x, y] of both) if (badA.has(x.id) || badB.has(y.id)) out.add(x.rel)
  return out
}

export async function compareTrees(aIn: string, bIn: string, opts: CompareOptions = {}): Promise<CompareResult> {
  const started = performance.now()
  const a = path.resolve(aIn)
  const b = path.resolve(bIn)
  const pacer = new Pacer(opts.signal, `The comparison of ${a} and ${b}`)
  const [ta, tb] = [await listTree(a, { signal: opts.signal }), await listTree(b, { signal: opts.signal })]
  for (const t of [ta, tb]) {
    const first = t.problems[0]
    if (first) throw new LinkError(first.code, `${t.problems.length} entr${t.problems.length === 1 ? 'y' : 'ies'} under ${t.root} cannot be read, so the comparison would be wrong. First: ${first.message}`, absOf(t.root, first.rel))
  }
  const inB = new Map<string, TreeEntry>()
  for (const e of tb.entries) inB.set(e.rel, e)
  const rootsA = rootForms(a)
  const rootsB = rootForms(b)
  const states = Object.fromEntries(COMPARE_STATES.map((s) => [s, { count: 0, bytes: 0 }])) as CompareSummary['states']
  const records: CompareRecord[] = []
  const pairs: SameContentPair[] = []
  const files: [TreeEntry, TreeEntry][] = []
  let bytesRead = 0

  const classify = (x: TreeEntry, y: TreeEntry): CompareState | null => {
    if (x.kind !== y.kind) return 'differs'
    if (x.kind === 'dir') return null
    if (x.id === y.id) return 'same-file'
    if (x.kind === 'symlink') return sameLink(x, y, rootsA, rootsB) ? 'same-content' : 'link-differs'
    if (x.kind !== 'file' || x.size !== y.size) return 'differs'
    bytesRead += 2 * x.size
    return sameBytes(absOf(a, x.rel), absOf(b, y.rel)) ? 'same-content' : 'differs'
  }

  for (const x of ta.entries) {
    if (pacer.due()) await pacer.pause()
    if (x.rel === '') continue
    const y = inB.get(x.rel)
    let state: CompareState | null
    if (!y) state = 'only-a'
    else {
      inB.delete(x.rel)
      state = classify(x, y)
      // A file with one name on both sides cannot be grouped differently: only the others are checked.
      if (x.kind === 'file' && y.kind === 'file' && (x.links > 1 || y.links > 1)) files.push([x, y])
      if (state === 'same-content' && x.kind === 'file') {
        pairs.push({ path: x.rel, a: absOf(a, x.rel), b: absOf(b, x.rel), size: x.size, idA: x.id, idB: (y as TreeEntry).id })
      }
    }
    if (state) records.push({ path: x.rel, state, size: fileSize(x), kind: x.kind })
  }
  for (const [rel, y] of inB) if (rel !== '') records.push({ path: rel, state: 'only-b', size: fileSize(y), kind: y.kind })

  const regrouped = groupingDiffers(files)
  for (const r of records) {
    if (regrouped.has(r.path) && r.state !== 'only-a' && r.state !== 'only-b') r.grouping = 'differs'
    states[r.state].count++
    states[r.state].bytes += r.size
    opts.onRecord?.(r)
  }
  const summary: CompareSummary = {
    a, b, states, sameDevice: (ta.entries[0] as TreeEntry).dev === (tb.entries[0] as TreeEntry).dev,
    groupingDiffers: regrouped.size, bytesRead, ms: Math.round(performance.now() - started),
  }
  return { records, summary, pairs }
}
