/**
 * Collects the names of multi-name files as walkers report them. A group whose every name has been
 * found (as many names under the root as the file has links) is complete at once and can be shown while
 * the scan goes on; the others (names elsewhere on the volume) are known only when the walk ends.
 */
import type { HardLinkGroup } from '../../../shared/types/scan'
import { forEachMulti } from './scan-protocol'

const snapshot = (g: HardLinkGroup): HardLinkGroup => ({ ...g, paths: [...g.paths].sort() })

export class HardLinkGroups {
  private readonly byId = new Map<string, HardLinkGroup>()
  /** groups handed out by add() and not changed since */
  private readonly sent = new Set<string>()
  /** every name's bytes (a file with 3 names under the root counts 3 times) */
  apparentBytes = 0

  /** Names as a batch result carries them (packMulti); `complete` gets each group as soon as all its names are in. */
  add(packed: string, complete?: (group: HardLinkGroup) => void): void {
    forEachMulti(packed, (p, id, links, size) => {
      let g = this.byId.get(id)
      if (!g) {
        g = { id, links, paths: [], size }
        this.byId.set(id, g)
      }
      g.paths.push(p)
      // The last lstat wins: a name added while scanning raises the count the group reports.
      g.links = Math.max(g.links, links)
      this.apparentBytes += size
      if (this.sent.delete(id)) return // a name made during the scan: the group goes out again at the end
      if (complete && g.paths.length >= g.links) {
        this.sent.add(id)
        complete(snapshot(g))
      }
    })
  }

  /** each file's bytes once, however many names it has */
  get uniqueBytes(): number {
    let sum = 0
    for (const g of this.byId.values()) sum += g.size
    return sum
  }

  get size(): number {
    return this.byId.size
  }

  /** the groups not handed out complete by add() (or changed since), names sorted, in the order their first name was found */
  groups(): HardLinkGroup[] {
    const out: HardLinkGroup[] = []
    for (const g of this.byId.values()) if (!this.sent.has(g.id)) out.push(snapshot(g))
    return out
  }
}
