/**
 * Where a symbolic link leads, hop by hop: `/usr/bin/awk` → `/etc/alternatives/awk` → `/usr/bin/mawk`.
 * "Resolves to" one hop away is often another link; people want the end and the way there. Each hop is
 * read as the kernel reads it (a relative text from the link's real folder, ".." after a link from where
 * that link leads), so the chain names the entries the kernel would pass through.
 */
import { LinkError } from '../../../shared/errors'
import type { LinkChain } from '../../../shared/types/link'
import * as nfs from '../fs/fs-names'
import { platform } from '../platform'
import { pathApi, resolveAsKernel } from './paths'

/** The kernel's limit on links followed in one lookup (Linux MAXSYMLINKS). */
export const MAX_HOPS = 40

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
    const st = (() => {
      try {
        return nfs.lstatOrUndefined(next)
      } catch {
        return null
      }
    })()
    if (st === undefined) return { hops, end: 'missing' }
    if (st === null) return { hops, end: 'unreadable' }
    if (!st.isSymbolicLink()) {
      try {
        return { hops, end: 'target', final: nfs.realpathSync(next) }
      } catch {
        return { hops, end: 'unreadable' }
      }
    }
    cur = next
  }
  return { hops, end: 'loop' }
}

export type { LinkChain }

/** True where chains can be read hop by hop (POSIX symbolic links; Windows reparse points are read elsewhere). */
export const chainsReadable = (): boolean => platform().kind === 'posix'

/**
 * The chain of the link at `abs` as far as this platform can read it: hop by hop on POSIX; elsewhere the
 * link and where it resolves to (Windows reparse points are read one at a time by the platform layer).
 */
export function chainOf(abs: string): LinkChain {
  if (chainsReadable()) return linkChain(abs)
  const e = platform().entry(abs)
  const end = e.resolved ?? abs
  return e.status === 'ok'
    ? { hops: [abs, end], end: 'target', final: end }
    : { hops: [abs, end], end: e.status === 'loop' ? 'loop' : 'missing' }
}
