/**
 * Where a symbolic link leads, hop by hop: `/usr/bin/awk` → `/etc/alternatives/awk` → `/usr/bin/mawk`.
 * "Resolves to" one hop away is often another link; people want the end and the way there. Each hop is
 * read as the kernel reads it (a relative text from the link's real folder, ".." after a link from where
 * that link leads), so the chain names the entries the kernel would pass through.
 */
import { LinkError } from '../../../shared/errors'
import { platform } from '../platform'
import * as nfs from './fs-names'
import { pathApi, resolveAsKernel } from './paths'

/** The kernel's limit on links followed in one lookup (Linux MAXSYMLINKS). */
export const MAX_HOPS = 40

export type LinkChain = {
  /** the link itself, then each entry its text names, in order; the last is the end (or where it broke) */
  hops: string[]
  /** how the chain ends: at an entry that is not a link, at nothing, in a loop, or where it could not be read */
  end: 'target' | 'missing' | 'loop' | 'unreadable'
  /** the final target's real path (every folder link on the way resolved), when the chain ends at one */
  final?: string
}

/** The chain of the symbolic link at `link` (an absolute path). */
export function linkChain(link: string): LinkChain {
  const api = pathApi()
  const hops = [link]
  const seen = new Set(hops)
  let cur = link
  for (let i = 0; i < MAX_HOPS; i++) {
    let text: string
    let dir: string
    try {
      text = nfs.readlinkSync(cur)
      dir = nfs.realpathSync(api.dirname(cur))
    } catch {
      return { hops, end: 'unreadable' }
    }
    let next: string
    try {
      next = resolveAsKernel(text, dir)
    } catch (e) {
      // a ".." after something missing or not a folder: the way ends there, as the kernel's lookup would
      const missing = e instanceof LinkError && (e.code === 'NOT_FOUND' || e.code === 'NOT_A_DIRECTORY')
      hops.push(api.resolve(dir, text))
      return { hops, end: missing ? 'missing' : 'unreadable' }
    }
    hops.push(next)
    if (seen.has(next)) return { hops, end: 'loop' }
    seen.add(next)
    const st = (() => { try { return nfs.lstatOrUndefined(next) } catch { return null } })()
    if (st === undefined) return { hops, end: 'missing' }
    if (st === null) return { hops, end: 'unreadable' }
    if (!st.isSymbolicLink()) {
      try { return { hops, end: 'target', final: nfs.realpathSync(next) } } catch { return { hops, end: 'unreadable' } }
    }
    cur = next
  }
  return { hops, end: 'loop' }
}

/** True where chains can be read hop by hop (POSIX symbolic links; Windows reparse points are read elsewhere). */
export const chainsReadable = (): boolean => platform().kind === 'posix'
