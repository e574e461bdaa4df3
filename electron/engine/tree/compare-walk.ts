/**
 * The two trees of a compare walked side by side, folder by folder: each folder present on both sides is
 * listed on both (folder-records.ts), its entries matched by name and classified by what the listing
 * says (kind, id, size, link text); only pairs of separate files of equal size are left to read, as
 * BytePairs. Nothing is kept per entry but the record to print.
 *
 * Records come in A's listing order (parents first, names by bytes), and records of paths only B has in
 * B's listing order, after them: the subfolders of a folder are entered in an order that keeps each
 * side's own order, so B's entries come out as a walk of B alone would give them.
 */
import * as path from 'node:path'

import { K_DIR, K_FILE, K_LINK, type NativeScan } from '../scan/native-scan'
import type { CompareRecord, CompareState } from './compare'
import type { BytePair, ByteReads } from './compare-bytes'
import { IdMap, type IdPair } from './compare-grouping'
import type { Listings } from './compare-prewalk'
import {
  devAt,
  EMPTY_FOLDER,
  type FolderRecords,
  folderRecords,
  inoAt,
  kindAt,
  linksAt,
  sameId,
  sizeAt,
} from './folder-records'
import { absOf, joinRel, type TreeKind, type TreeProblem } from './list-tree'
import { Pacer } from './pacer'
import { relUnderAny } from './tree-paths'

/** One tree's side of the walk. */
export type WalkSide = { root: string; roots: readonly string[]; problems: TreeProblem[]; seenDirs: Set<string> }

/** A pair of files whose bytes decide between same-content and differs; the record is set once read. */
export type ReadPair = BytePair & {
  record: CompareRecord
  devA: number
  inoA: number
  devB: number
  inoB: number
  /** the pair of the same two files read instead of this one */
  readAs?: ReadPair
}

export type WalkResult = {
  records: CompareRecord[]
  onlyB: CompareRecord[]
  /** every pair whose bytes decide, in A's order */
  reads: ReadPair[]
  /** how many of them are read (the others are the same two files as one read), and their bytes, both sides */
  toRead: { pairs: number; bytes: number }
  ids: IdPair<CompareRecord>[]
}

const KINDS: Record<number, TreeKind> = { [K_FILE]: 'file', [K_DIR]: 'dir', [K_LINK]: 'symlink' }
const kindName = (f: FolderRecords, i: number): TreeKind => KINDS[kindAt(f, i)] ?? 'other'
const fileSize = (f: FolderRecords, i: number): number => (kindAt(f, i) === K_FILE ? sizeAt(f, i) : 0)

/** Two link texts are equal, or both absolute and lead to the same place inside their own root. */
function sameLink(tx: string, ty: string, a: WalkSide, b: WalkSide): boolean {
  if (tx === ty) return true
  if (!path.isAbsolute(tx) || !path.isAbsolute(ty)) return false
  const rx = relUnderAny(a.roots, tx)
  return rx !== null && rx === relUnderAny(b.roots, ty)
}

/** A folder to enter, and on which sides it is one. */
type Visit = { rel: string; a: boolean; b: boolean }

class SideBySide {
  readonly out: WalkResult = { records: [], onlyB: [], reads: [], toRead: { pairs: 0, bytes: 0 }, ids: [] }
  /** the first pair read of each file of A with several names, by its id (a file of A met with two of B's is read twice) */
  private readonly firstOfA = new IdMap<ReadPair>()
  constructor(
    private readonly native: NativeScan | null,
    private readonly a: WalkSide,
    private readonly b: WalkSide,
    private readonly listed: Listings,
    private readonly bytes: ByteReads,
  ) {}

  /**
   * Hand a pair to the byte reads, once per two files: names of one hard-link group on each side (a copy
   * that kept its groups) are the same two files again, so such a pair takes its verdict from the first
   * (`readAs`). A file with one name is met at one path only, so only pairs linked on both sides can repeat.
   */
  private read(p: ReadPair, linked: boolean): void {
    this.out.reads.push(p)
    if (linked) {
      const seen = this.firstOfA.get(p.devA, p.inoA)
      if (seen && seen.inoB === p.inoB && seen.devB === p.devB) {
        p.readAs = seen
        return
      }
      if (!seen) this.firstOfA.set(p.devA, p.inoA, p)
    }
    this.out.toRead.pairs++
    this.out.toRead.bytes += 2 * p.size
    this.bytes.add(p)
  }

  /** One folder's entries: listed ahead (compare-prewalk.ts) when it was, else listed now. */
  private list(side: WalkSide, rel: string): FolderRecords {
    // rel is clean (names joined by '/'): a plain join is what absOf would make, without path.join's cost
    const dir = rel === '' ? side.root : side.root.endsWith('/') ? side.root + rel : `${side.root}/${rel}`
    const ready = this.listed.get(dir)
    if (!ready) return folderRecords(this.native, dir, rel, side.problems)
    this.listed.delete(dir) // taken once: a folder reached again is not entered (enter)
    return ready
  }

  /** Whether a folder met on one side may be entered: a folder already listed (a bind mount looping back) is not. */
  private enter(side: WalkSide, f: FolderRecords, i: number, rel: string): boolean {
    const id = `${devAt(f, i)}:${inoAt(f, i)}`
    if (!side.seenDirs.has(id)) {
      side.seenDirs.add(id)
      return true
    }
    side.problems.push({
      rel,
      code: 'CHANGED',
      message: `${absOf(side.root, rel)} is a folder already listed (a bind mount looping back); not entered.`,
    })
    return false
  }

  /** The state of A's entry i and B's entry j, 'read' when their bytes decide, null for two folders (their entries say it). */
  private stateOf(fa: FolderRecords, i: number, fb: FolderRecords, j: number): CompareState | 'read' | null {
    const k = kindAt(fa, i)
    if (k !== kindAt(fb, j)) return 'differs'
    if (k === K_DIR) return null
    if (sameId(fa, i, fb, j)) return 'same-file'
    if (k === K_LINK)
      return sameLink(fa.targets[i] as string, fb.targets[j] as string, this.a, this.b)
        ? 'same-content'
        : 'link-differs'
    return k === K_FILE && sizeAt(fa, i) === sizeAt(fb, j) ? 'read' : 'differs'
  }

  /** Record A's entry i at `rel`, matched with B's entry j when B has one there. */
  private record(rel: string, fa: FolderRecords, i: number, fb: FolderRecords, j: number | undefined): void {
    const state = j === undefined ? 'only-a' : this.stateOf(fa, i, fb, j)
    if (state === null) return
    // 'read' is settled once the bytes are read; the key order is the order of the fields in every output
    const r: CompareRecord = {
      path: rel,
      state: state === 'read' ? 'differs' : state,
      size: fileSize(fa, i),
      kind: kindName(fa, i),
    }
    this.out.records.push(r)
    if (j === undefined) return
    if (state === 'read') {
      // rel is clean (names joined by '/'), so plain joins do what path.join would, without its cost
      const p: ReadPair = {
        record: r,
        a: `${this.a.root}/${rel}`,
        b: `${this.b.root}/${rel}`,
        size: sizeAt(fa, i),
        devA: devAt(fa, i),
        inoA: inoAt(fa, i),
        devB: devAt(fb, j),
        inoB: inoAt(fb, j),
      }
      this.read(p, linksAt(fa, i) > 1 && linksAt(fb, j) > 1)
    }
    // A file with one name on both sides cannot be grouped differently: only the others are checked.
    if (kindAt(fa, i) === K_FILE && kindAt(fb, j) === K_FILE && (linksAt(fa, i) > 1 || linksAt(fb, j) > 1)) {
      this.out.ids.push({ of: r, aDev: devAt(fa, i), aIno: inoAt(fa, i), bDev: devAt(fb, j), bIno: inoAt(fb, j) })
    }
  }

  /** List one folder on the sides it is on; record its entries; the subfolders to enter, in walk order. */
  visit({ rel, a: inA, b: inB }: Visit): Visit[] {
    const fa = inA ? this.list(this.a, rel) : EMPTY_FOLDER
    const fb = inB ? this.list(this.b, rel) : EMPTY_FOLDER
    const pairOf = matchNames(fa.names, fb.names)
    const dirsA: Ordered[] = []
    for (let i = 0; i < fa.names.length; i++) {
      const childRel = joinRel(rel, fa.names[i] as string)
      const j = pairOf.ofA[i] as number
      this.record(childRel, fa, i, fb, j < 0 ? undefined : j)
      if (kindAt(fa, i) !== K_DIR || !this.enter(this.a, fa, i, childRel)) continue
      const both = j >= 0 && kindAt(fb, j) === K_DIR && this.enter(this.b, fb, j, childRel)
      dirsA.push({ rel: childRel, a: true, b: both, bAt: both ? j : -1 })
    }
    return mergeVisits(dirsA, this.onlyInB(rel, fa, fb, pairOf.ofB))
  }

  /** Record B's entries that A does not have; B's folders that A has not as folders, to enter. */
  private onlyInB(rel: string, fa: FolderRecords, fb: FolderRecords, ofB: Int32Array): Ordered[] {
    const dirsB: Ordered[] = []
    for (let j = 0; j < fb.names.length; j++) {
      const i = ofB[j] as number
      if (i >= 0 && kindAt(fa, i) === kindAt(fb, j)) continue // recorded with A's entry; a pair of folders was entered with it
      const childRel = joinRel(rel, fb.names[j] as string)
      if (i < 0) this.out.onlyB.push({ path: childRel, state: 'only-b', size: fileSize(fb, j), kind: kindName(fb, j) })
      if (kindAt(fb, j) === K_DIR && this.enter(this.b, fb, j, childRel))
        dirsB.push({ rel: childRel, a: false, b: true, bAt: j })
    }
    return dirsB
  }
}

/**
 * Which entry of B has each name of A, and back (-1: none). Both listings are in the same order, so this
 * walks them side by side; only where a name is missing on one side is a map of B's names made.
 */
function matchNames(a: readonly string[], b: readonly string[]): { ofA: Int32Array; ofB: Int32Array } {
  const ofA = new Int32Array(a.length).fill(-1)
  const ofB = new Int32Array(b.length).fill(-1)
  let byName: Map<string, number> | null = null
  let k = 0
  for (let i = 0; i < a.length; i++) {
    let j = -1
    if (k < b.length && b[k] === a[i]) j = k++
    else if (b.length > 0) {
      if (!byName) {
        byName = new Map()
        for (let x = 0; x < b.length; x++) byName.set(b[x] as string, x)
      }
      j = byName.get(a[i] as string) ?? -1
      if (j >= 0) k = j + 1
    }
    if (j >= 0) {
      ofA[i] = j
      ofB[j] = i
    }
  }
  return { ofA, ofB }
}

/** A subfolder to enter, with its place in B's listing (-1 when B has none there). */
type Ordered = Visit & { bAt: number }

/**
 * A's subfolders in A's order and B's own in B's, merged so that each side's order is kept: a folder of
 * B's goes before the first folder both have that comes after it in B's listing.
 */
function mergeVisits(dirsA: Ordered[], dirsB: readonly Ordered[]): Visit[] {
  if (dirsB.length === 0) return dirsA
  const out: Visit[] = []
  let j = 0
  for (const d of dirsA) {
    if (d.b) while (j < dirsB.length && (dirsB[j] as Ordered).bAt < d.bAt) out.push(dirsB[j++] as Visit)
    out.push(d)
  }
  while (j < dirsB.length) out.push(dirsB[j++] as Visit)
  return out
}

/**
 * Walk both trees from their roots (whose ids `a.seenDirs` and `b.seenDirs` already hold), taking the
 * folders `listed` ahead from there; pairs whose bytes decide go to `bytes` as they are met.
 */
export async function walkSideBySide(
  native: NativeScan | null,
  a: WalkSide,
  b: WalkSide,
  pacer: Pacer,
  bytes: ByteReads,
  listed: Listings = new Map(),
): Promise<WalkResult> {
  const walk = new SideBySide(native, a, b, listed, bytes)
  // Depth first with an explicit stack, so the deepest tree cannot overflow the call stack.
  const stack: Visit[] = [{ rel: '', a: true, b: true }]
  while (stack.length > 0) {
    if (pacer.due()) await pacer.pause()
    const next = walk.visit(stack.pop() as Visit)
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as Visit)
  }
  return walk.out
}
