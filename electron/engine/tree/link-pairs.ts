/**
 * *Link these* for a comparison: its same-content pairs become one file, B's name a hard link to A's
 * file, through the dedupe merge (which checks each pair again on disk, compares the bytes, swaps the
 * new name in by temp name + rename and journals it for undo). A pair is described by what the engine
 * saw when it compared, never by what the page sends: the page names a pair by its relative path only.
 */
import { LinkError } from '../../../shared/errors'
import type { TreesLinkResult, TreesRefusal } from '../../../shared/types/trees'
import { mergeGroups } from '../dedupe/merge'
import type { DupeFile, DupeGroup } from '../dedupe/types'
import { lstatOrUndefined } from '../fs/fs-names'
import type { SameContentPair } from './compare'

/** A pair as the session keeps it: both files as they were looked at right after the comparison. */
export type KeptPair = { path: string; a: DupeFile; b: DupeFile }

/** One side's file of a pair, looked at now; undefined when it is no longer the file compared. */
function fileOf(p: string, id: string, root: number): DupeFile | undefined {
  const st = lstatOrUndefined(p)
  if (!st?.isFile() || `${st.dev}:${st.ino}` !== id) return undefined
  return {
    id,
    dev: st.dev,
    size: st.size,
    links: st.nlink,
    paths: [p],
    root,
    mtimeMs: st.mtimeMs,
    mode: st.mode,
    uid: st.uid,
    gid: st.gid,
  }
}

/** The pairs whose two files are still the ones compared, by relative path (the rest are dropped: they changed). */
export function keepPairs(pairs: readonly SameContentPair[]): Map<string, KeptPair> {
  const kept = new Map<string, KeptPair>()
  for (const p of pairs) {
    const a = fileOf(p.a, p.idA, 0)
    const b = fileOf(p.b, p.idB, 1)
    if (a && b && a.size === p.size && b.size === p.size) kept.set(p.path, { path: p.path, a, b })
  }
  return kept
}

const refusal = (path: string, e: LinkError): TreesRefusal => ({ path, code: e.code, message: e.message })

/** Merge the chosen pairs (A's file kept); the paths linked and the ones refused, with why. */
export async function linkPairs(
  pairs: ReadonlyMap<string, KeptPair>,
  chosen: readonly string[],
  sameDevice: boolean,
): Promise<TreesLinkResult> {
  const refused: TreesRefusal[] = []
  const groups: DupeGroup[] = []
  const keepers = new Map<string, string>()
  const relOfAbs = new Map<string, string>()
  for (const rel of chosen) {
    const pair = pairs.get(rel)
    if (!pair) {
      const why =
        'is not a pair of separate files with equal bytes in this comparison (linked already, changed, or not compared). Compare again.'
      refused.push(refusal(rel, new LinkError('CHANGED', `${rel} ${why}`, rel)))
      continue
    }
    if (!sameDevice) {
      const why = `${pair.b.paths[0]} cannot become a hard link to ${pair.a.paths[0]}: they are on different devices, and a hard link cannot cross devices.`
      refused.push(refusal(rel, new LinkError('CROSS_DEVICE', why, rel)))
      continue
    }
    const hash = `pair:${rel}`
    groups.push({ size: pair.a.size, hash, files: [pair.a, pair.b] })
    keepers.set(hash, pair.a.id)
    relOfAbs.set(pair.a.paths[0] as string, rel)
    relOfAbs.set(pair.b.paths[0] as string, rel)
  }
  if (groups.length === 0) return { linked: [], refused, freed: 0, journal: null }
  const linked: string[] = []
  const relOf = (abs: string): string => relOfAbs.get(abs) ?? abs
  const summary = await mergeGroups(groups, {
    keepers,
    onRecord: (rec) => {
      for (const p of rec.linked) linked.push(relOf(p))
      for (const r of rec.refused) refused.push({ ...r, path: relOf(r.path) })
    },
  })
  return { linked, refused, freed: summary.freed, journal: summary.journal }
}
