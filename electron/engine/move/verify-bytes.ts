/**
 * The byte check of a move's copy: every file of the original against its copy. Where the addon is built,
 * pairs go in batches to its threads (scan/native/same_bytes.c's sameBytes: both files opened without
 * following a link, read and compared there, several pairs at once), so the reads of the original on one
 * device and of the copy on the other overlap, and no JavaScript runs per file. A pair the batch could
 * not read is compared again alone (sameFileBytes, or node:fs without the addon), which throws the
 * error as node:fs words it; a cancel is let in between batches.
 */
import { fromErrno } from '../platform'
import { addonExport } from '../scan/native-scan'
import { nativeThreadCount } from '../scan/walk-tree'
import type { SameBytes } from '../tree/compare-bytes'
import { nativeSameBytes } from '../tree/native-copy'
import type { Pacer } from '../tree/pacer'
import { sameBytes } from '../tree/same-bytes'

/** A file of the original (`a`), its copy (`b`), its size as listed and its path inside the tree. */
export type FilePair = { a: string; b: string; size: number; rel: string }

/** Pairs a batch holds at most, and bytes: a cancel waits for one batch. */
const BATCH_PAIRS = 2048
const BATCH_BYTES = 128 << 20

const batchOf = (): SameBytes | null => addonExport<SameBytes>('sameBytes')

/** Whether one pair holds the same bytes, here and now; a failure is a LinkError about the file. */
function samePair(p: FilePair): boolean {
  try {
    return (nativeSameBytes() ?? sameBytes)(p.a, p.b)
  } catch (e) {
    throw fromErrno(e, p.b)
  }
}

function batchEnd(pairs: readonly FilePair[], from: number): number {
  let bytes = 0
  let to = from
  while (to < pairs.length && to - from < BATCH_PAIRS && (to === from || bytes < BATCH_BYTES))
    bytes += (pairs[to++] as FilePair).size
  return to
}

/**
 * The first pair whose bytes differ (undefined when none does); `onDone(n, bytes)` after each batch
 * with the pairs and bytes checked so far.
 */
export async function firstDifferent(
  pairs: readonly FilePair[],
  pacer: Pacer,
  onDone: (files: number, bytes: number) => void,
): Promise<FilePair | undefined> {
  const batch = batchOf()
  const threads = nativeThreadCount()
  let bytes = 0
  for (let from = 0; from < pairs.length;) {
    if (pacer.due()) await pacer.pause()
    const to = batch ? batchEnd(pairs, from) : from + 1
    const part = pairs.slice(from, to)
    const verdicts = batch
      ? await batch(
          part.map((p) => p.a + '\0').join(''),
          part.map((p) => p.b + '\0').join(''),
          Float64Array.from(part, (p) => p.size),
          threads,
        )
      : null
    pacer.check()
    for (let i = 0; i < part.length; i++) {
      const p = part[i] as FilePair
      const v = verdicts ? (verdicts[i] as number) : -1
      if (v === 0 || (v < 0 && !samePair(p))) return p
      bytes += p.size
    }
    from = to
    onDone(from, bytes)
  }
  return undefined
}
