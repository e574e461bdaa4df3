/** Collects the names of multi-name files as workers report them; groups are complete only when the walk ends. */
import type { HardLinkGroup } from '../../../shared/types/scan'
import { forEachMulti } from './scan-protocol'

export class HardLinkGroups {
  private readonly byId = new Map<string, HardLinkGroup>()
  /** every name's bytes (a file with 3 names under the root counts 3 times) */
  apparentBytes = 0

  /** Names as a batch result carries them (packMulti). */
  add(packed: string): void {
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

  /** groups with their names sorted, in the order their first name was found */
  groups(): HardLinkGroup[] {
    return [...this.byId.values()].map((g) => ({ ...g, paths: [...g.paths].sort() }))
  }
}
