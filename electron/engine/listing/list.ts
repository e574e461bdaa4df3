/**
 * Lists one folder as LinkEntry batches. Synchronous on purpose (it runs in the engine worker): the
 * caller yields between batches so a 100k-entry folder streams and stays cancellable.
 */
import { LinkError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import { platform } from '../platform'
import { chainsReadable, linkChain } from './link-chain'
import { type EntryReader, openNativeReader } from './native-list'
import { pathApi } from './paths'

export const LIST_BATCH = 2000
/** The first batch is small so the first rows reach the screen at once. */
export const FIRST_BATCH = 200

/** An entry that could not be read at all (e.g. a folder with r but not x): shown, never hidden. */
function unreadable(p: string, name: string): LinkEntry {
  return {
    path: p,
    name,
    kind: 'special',
    links: 0,
    id: '',
    status: 'denied',
    size: 0,
    mtimeMs: 0,
    hidden: name.startsWith('.'),
    readonly: true,
  }
}

export function* listBatches(
  dir: string,
  batchSize = LIST_BATCH,
  firstBatch = Math.min(FIRST_BATCH, batchSize),
): Generator<LinkEntry[]> {
  const abs = pathApi().resolve(dir)
  const reader = openNativeReader(abs, entryOrSkip) ?? nodeReader(abs)
  try {
    for (let batch = reader.next(firstBatch); batch; batch = reader.next(batchSize)) yield batch
  } finally {
    reader.close()
  }
}

/** The entry at `full`, or null when it vanished between readdir and lstat. */
function entryOrSkip(full: string, name: string): LinkEntry | null {
  try {
    return platform().entry(full)
  } catch (e) {
    // Vanished between readdir and lstat: it is simply gone. Anything else is shown as unreadable.
    if (e instanceof LinkError && e.code === 'NOT_FOUND') return null
    return unreadable(full, name)
  }
}

/** The folder read with the platform's own calls (node:fs, or Win32): names, then one entry each. */
function nodeReader(abs: string): EntryReader {
  const p = pathApi()
  const names = openFolder(abs)
  return {
    next(max) {
      const step = names.next(max)
      if (!step) return null
      const batch: LinkEntry[] = []
      for (const name of step) {
        const e = entryOrSkip(p.join(abs, name), name)
        if (e) batch.push(e)
      }
      return batch
    },
    close: () => names.close(),
  }
}

function openFolder(abs: string): ReturnType<ReturnType<typeof platform>['openDir']> {
  try {
    return platform().openDir(abs)
  } catch (e) {
    throw whyNotAFolder(abs, e)
  }
}

/**
 * Why `abs` could not be opened as a folder, said about what it is: "does not exist" is wrong for a link
 * that exists and leads nowhere, or for a file. `e` is the failure to open it; it stands when `abs`
 * itself is missing or unreadable.
 */
export function whyNotAFolder(abs: string, e: unknown): LinkError {
  const failure = e instanceof LinkError ? e : new LinkError('UNKNOWN', `${abs} could not be opened: ${String(e)}`, abs)
  if (!['NOT_FOUND', 'NOT_A_DIRECTORY', 'LINK_LOOP'].includes(failure.code)) return failure
  let entry: LinkEntry
  try {
    entry = platform().entry(abs)
  } catch {
    return failure
  }
  if (entry.kind === 'file') return new LinkError('NOT_A_DIRECTORY', `${abs} is a file, not a folder.`, abs)
  if (entry.kind !== 'symlink' || !chainsReadable()) return failure
  const chain = linkChain(abs)
  const last = chain.hops[chain.hops.length - 1] as string
  const via = chain.hops.length > 2 ? ` (through ${chain.hops.slice(1, -1).join(' → ')})` : ''
  if (chain.end === 'missing')
    return new LinkError(
      'NOT_FOUND',
      `${abs} is a symbolic link to ${entry.target ?? last}, which leads to ${last}${via}: that does not exist.`,
      abs,
    )
  if (chain.end === 'loop')
    return new LinkError(
      'LINK_LOOP',
      `${abs} is a symbolic link that loops back on itself${via}: it leads to no folder.`,
      abs,
    )
  if (chain.end === 'target' && chain.final !== undefined)
    return new LinkError(
      'NOT_A_DIRECTORY',
      `${abs} is a symbolic link to the file ${chain.final}, not to a folder.`,
      abs,
    )
  return failure
}

/** The parent folder, or null at a root. */
export function parentOf(dir: string): string | null {
  const p = pathApi()
  const abs = p.resolve(dir)
  const parent = p.dirname(abs)
  return parent === abs ? null : parent
}
