/**
 * The real path a POSIX link leads to, as realpath(3) would give it, without a realpath per link: a
 * "links pointing here" walk asks this of every link under the root, and realpath looks up every
 * component of the path again each time. Here each component is looked up once per walk (lstat), its
 * answer memoized by path, and the link's text is resolved against its folder's real path component by
 * component: a plain folder needs nothing more; only a component that is itself a link is read and
 * followed (its text resolved the same way). So a link costs one lstat of its last component, and each
 * folder on the way one lstat for the whole walk.
 *
 * Exactly realpath's rules: `..` after a link goes up from where the link leads, a component that is not
 * a folder (or a trailing slash on a file) fails, more than MAX_HOPS links on the way fail (ELOOP).
 */
import type { Stats } from 'node:fs'

import * as nfs from '../fs/fs-names'

/** Linux's MAXSYMLINKS: realpath gives up with ELOOP after this many links. */
const MAX_HOPS = 40

/**
 * Where a path leads: its real path, whether that is a folder, and how many links were followed on the
 * way (realpath counts them over the whole path); null when it leads nowhere.
 */
type Place = { real: string; dir: boolean; links: number } | null

const childOf = (dir: string, name: string): string => (dir === '/' ? `/${name}` : `${dir}/${name}`)
const parentOf = (real: string): string => {
  const at = real.lastIndexOf('/')
  return at <= 0 ? '/' : real.slice(0, at)
}

/** Missing, denied, or not a folder on the way: realpath fails there too. */
function lstatOrNull(p: string): Stats | null {
  try {
    return nfs.lstatOrUndefined(p) ?? null
  } catch {
    return null
  }
}

function readlinkOrNull(p: string): string | null {
  try {
    return nfs.readlinkSync(p)
  } catch {
    return null // replaced since its lstat
  }
}

/** More than MAX_HOPS links on the way: realpath fails with ELOOP. */
class Loop extends Error {}

export class RealResolver {
  /** Path (in a real folder) → where it leads; each is looked up once per resolver. */
  private readonly places = new Map<string, Place>()
  /**
   * Walked folder → where it leads: the folder of every link is resolved from the root, component by
   * component, and a folder holds several links, so each is resolved once (the same answer the places give).
   */
  private readonly folders = new Map<string, Place>()

  /**
   * realpath(`full`), the link named `full` in the (walked, maybe not real) folder `dir`; null if it leads
   * nowhere. `text`: the link's text when the caller has read it (then `full` is not looked up again).
   */
  linkDestination(full: string, dir: string, text?: string): string | null {
    try {
      let from = this.folders.get(dir)
      if (from === undefined) this.folders.set(dir, (from = this.resolve('/', dir, 0)))
      if (!from?.dir) return null
      if (text === undefined)
        return this.lookUp(from.real, full.slice(full.lastIndexOf('/') + 1), from.links)?.real ?? null
      if (from.links + 1 > MAX_HOPS) return null
      return this.resolve(from.real, text, from.links + 1)?.real ?? null
    } catch (e) {
      if (e instanceof Loop) return null
      throw e
    }
  }

  /** Resolve `text` (absolute or relative) from the real folder `from`, `used` links followed so far. */
  private resolve(from: string, text: string, used: number): Place {
    let at: Place = { real: text.startsWith('/') ? '/' : from, dir: true, links: 0 }
    for (const part of text.split('/')) {
      if (!at?.dir) return null // a component after one that is not a folder: ENOTDIR
      if (part === '' || part === '.') continue
      if (part === '..') {
        at = { real: parentOf(at.real), dir: true, links: at.links }
        continue
      }
      const next = this.lookUp(at.real, part, used + at.links)
      at = next && { real: next.real, dir: next.dir, links: at.links + next.links }
    }
    return at
  }

  /** What `name` in the real folder `dir` is, followed when it is a link; `used` links followed so far. */
  private lookUp(dir: string, name: string, used: number): Place {
    const path = childOf(dir, name)
    let place = this.places.get(path)
    if (place === undefined) {
      const st = lstatOrNull(path)
      if (!st) place = null
      else if (!st.isSymbolicLink()) place = { real: path, dir: st.isDirectory(), links: 0 }
      else {
        if (used + 1 > MAX_HOPS) throw new Loop()
        const text = readlinkOrNull(path)
        const to = text === null ? null : this.resolve(dir, text, used + 1)
        place = to && { real: to.real, dir: to.dir, links: to.links + 1 }
      }
      this.places.set(path, place)
    }
    if (place && used + place.links > MAX_HOPS) throw new Loop()
    return place
  }
}
