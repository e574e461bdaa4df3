/**
 * The check between copy and swap: the copy has the same entries as the original, each of the same kind,
 * mode, size and modification time; the same hard-link groups (names that share a file in one share a
 * file in the other, and no more); each link stores the text expected of it; and every file holds the
 * same bytes, read back from the destination. Any difference is CHANGED, and the original is untouched.
 */
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { absOf, listTree, type TreeEntry } from '../tree/list-tree'
import { Pacer } from '../tree/pacer'
import { type FilePair, firstDifferent } from './verify-bytes'

export type VerifyProgress = { files: number; bytes: number }

export type VerifyOptions = {
  /** the text each copied link should store, by relative path, where it differs from the original's */
  linkTexts: ReadonlyMap<string, string>
  signal?: AbortSignal
  onProgress?(p: VerifyProgress): void
}

const differ = (copy: string, rel: string, what: string): LinkError =>
  new LinkError(
    'CHANGED',
    `The copy at ${absOf(copy, rel)} ${what}; the original was left as it was.`,
    absOf(copy, rel),
  )

/** A path under `root` from a listed relative path: joined as it is on POSIX, where it needs no normalizing. */
const under =
  (root: string) =>
  (rel: string): string =>
    path.sep === '/' ? `${root}/${rel}` : absOf(root, rel)

/** Times are set from milliseconds as a float: allow what that rounding can lose. */
const sameTime = (a: number, b: number): boolean => Math.abs(a - b) < 1

function sameEntry(a: TreeEntry, b: TreeEntry, copy: string, expectText: string | undefined): void {
  if (a.kind !== b.kind) throw differ(copy, a.rel, `is a ${b.kind} where the original has a ${a.kind}`)
  if (a.kind === 'symlink') {
    const want = expectText ?? a.target
    if (b.target !== want)
      throw differ(copy, a.rel, `stores ${JSON.stringify(b.target)} where ${JSON.stringify(want)} was expected`)
    return
  }
  if ((a.mode & 0o7777) !== (b.mode & 0o7777)) throw differ(copy, a.rel, 'has another mode')
  if (a.kind === 'file' && a.size !== b.size)
    throw differ(copy, a.rel, `has ${b.size} bytes where the original has ${a.size}`)
  if (a.kind === 'file' && !sameTime(a.mtimeMs, b.mtimeMs)) throw differ(copy, a.rel, 'has another modification time')
}

/** Names that share a file in the original share one in the copy, and only those. */
function checkGroups(copy: string, pairs: [TreeEntry, TreeEntry][]): void {
  const forward = new Map<string, string>()
  const backward = new Map<string, string>()
  for (const [a, b] of pairs) {
    if (a.kind !== 'file') continue
    const f = forward.get(a.id)
    const r = backward.get(b.id)
    if ((f !== undefined && f !== b.id) || (r !== undefined && r !== a.id))
      throw differ(copy, a.rel, 'is not hard-linked as the original is')
    forward.set(a.id, b.id)
    backward.set(b.id, a.id)
  }
}

export async function verifyCopy(
  src: string,
  copy: string,
  opts: VerifyOptions,
): Promise<{ files: number; bytes: number }> {
  const pacer = new Pacer(opts.signal, `Verifying the copy of ${src}`)
  const [a, b] = [await listTree(src, { signal: opts.signal }), await listTree(copy, { signal: opts.signal })]
  const problem = a.problems[0] ?? b.problems[0]
  if (problem) throw new LinkError(problem.code, `The copy cannot be verified: ${problem.message}`)
  if (a.entries.length !== b.entries.length)
    throw new LinkError(
      'CHANGED',
      `The copy at ${copy} has ${b.entries.length} entries where the original has ${a.entries.length}; the original was left as it was.`,
      copy,
    )
  // Both listings come in the same order (depth first, names sorted by bytes), so entries pair up by
  // index; a look-up by name is made only if they do not.
  let inCopy: Map<string, TreeEntry> | undefined
  const pairs: [TreeEntry, TreeEntry][] = []
  for (let i = 0; i < a.entries.length; i++) {
    const e = a.entries[i] as TreeEntry
    const at = b.entries[i] as TreeEntry
    const c = at.rel === e.rel ? at : (inCopy ??= new Map(b.entries.map((x) => [x.rel, x]))).get(e.rel)
    if (!c) throw differ(copy, e.rel, 'is missing')
    sameEntry(e, c, copy, opts.linkTexts.get(e.rel))
    pairs.push([e, c])
  }
  checkGroups(copy, pairs)
  const done = new Set<string>() // the groups' files read already (a file of one name is met once)
  const files: FilePair[] = []
  const inA = under(src)
  const inB = under(copy)
  for (const [e] of pairs) {
    if (e.kind !== 'file') continue
    if (e.links > 1) {
      if (done.has(e.id)) continue
      done.add(e.id)
    }
    files.push({ a: inA(e.rel), b: inB(e.rel), size: e.size, rel: e.rel })
  }
  let bytes = 0
  const differs = await firstDifferent(files, pacer, (n, b) => {
    bytes = b
    opts.onProgress?.({ files: n, bytes: b })
  })
  if (differs) throw differ(copy, differs.rel, 'holds other bytes than the original')
  return { files: files.length, bytes }
}
