/**
 * A compare's --json lines made whole on the addon's threads (native/compare_trees.c): both trees walked
 * and paired, the bytes of separate files of one size compared, and every record's line written there,
 * in the order and words compare.ts and the CLI's compare-line.ts give, so no JavaScript runs per path.
 *
 * Returns null where the addon is missing, and where it met anything it leaves to compare.ts (a problem
 * to report in node:fs's words, a name that is not UTF-8, a folder met twice…): the caller compares with
 * compareTrees then, which nothing of this has printed before.
 */
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { COMPARE_STATES } from '../../../shared/types/trees'
import { nativeScan } from '../scan/native-scan'
import { nativeThreadCount } from '../scan/walk-tree'
import type { CompareSummary } from './compare'
import { requireTreeRoot } from './list-tree'
import { rootForms } from './tree-paths'

type NativeResult =
  | {
      /** the NDJSON lines of every record, each ended by a newline */
      text: string
      /** per state, in COMPARE_STATES order */
      counts: Float64Array
      bytes: Float64Array
      grouping: number
      bytesRead: number
      pairsRead: number
    }
  | { fallback: string }

type NativeCompare = (
  rootA: string,
  rootB: string,
  devA: number,
  inoA: number,
  devB: number,
  inoB: number,
  formsA: string,
  formsB: string,
  threads: number,
  stop: Int32Array,
) => Promise<NativeResult>

/** Compare A and B on the addon's threads; `onLines` gets every record's line at once. The summary, or null (see above). */
export async function compareLinesNative(
  aIn: string,
  bIn: string,
  opts: { signal?: AbortSignal; onLines(text: string): void },
): Promise<CompareSummary | null> {
  const started = performance.now()
  const [a, b] = [path.resolve(aIn), path.resolve(bIn)]
  const [sa, sb] = [requireTreeRoot(a), requireTreeRoot(b)]
  const compare = (nativeScan() as { compareTrees?: NativeCompare } | null)?.compareTrees
  if (!compare) return null
  // shared memory: its bytes never move while the threads read the flag
  const stop = new Int32Array(new SharedArrayBuffer(4))
  const cancel = (): number => Atomics.store(stop, 0, 1)
  opts.signal?.addEventListener('abort', cancel)
  let r: NativeResult
  try {
    if (opts.signal?.aborted) cancel()
    const forms = (root: string): string => rootForms(root).join('\0')
    r = await compare(a, b, sa.dev, sa.ino, sb.dev, sb.ino, forms(a), forms(b), nativeThreadCount(), stop)
  } finally {
    opts.signal?.removeEventListener('abort', cancel)
  }
  if (opts.signal?.aborted) throw new LinkError('CANCELLED', `The comparison of ${a} and ${b} was cancelled.`)
  if ('fallback' in r) return null
  if (r.text) opts.onLines(r.text)
  const states = Object.fromEntries(
    COMPARE_STATES.map((s, i) => [s, { count: r.counts[i] as number, bytes: r.bytes[i] as number }]),
  ) as CompareSummary['states']
  return {
    a,
    b,
    states,
    sameDevice: sa.dev === sb.dev,
    groupingDiffers: r.grouping,
    bytesRead: r.bytesRead,
    ms: Math.round(performance.now() - started),
  }
}
