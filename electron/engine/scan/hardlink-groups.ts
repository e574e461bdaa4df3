/**
 * Collects the names of multi-name files as walkers report them. A group whose every name has been
 * found (as many names under the root as the file has links) is complete at once and can be shown while
 * the scan goes on; the others (names elsewhere on the volume) are known only when the walk ends.
 */
import type { HardLinkGroup } from '../../../shared/types/scan'
import type { ScanFilter } from './scan-filter'
import { forEachMulti, type MultiNames } from './scan-protocol'

type Complete = (group: HardLinkGroup) => void

/** A group being gathered; `sent` while the group handed out by add() is still current. */
type Gathering = { id: string; links: number; paths: string[]; size: number; sent: boolean }

const snapshot = (g: Gathering): HardLinkGroup => ({
  id: g.id,
  links: g.links,
  paths: [...g.paths].sort(),
  size: g.size,
})

export class HardLinkGroups {
  /** by inode number for files on the first device seen, by id elsewhere (see key) */
  private readonly byId = new Map<number | string, Gathering>()
  /** "dev:" of the first id seen, and that dev as a number */
  private devPrefix: string | undefined
  private firstDev: number | undefined
  /** every name's bytes (a file with 3 names under the root counts 3 times) */
  apparentBytes = 0

  /** Names as a batch result carries them (packMulti); `complete` gets each group as soon as all its names are in. */
  add(packed: string, complete?: Complete): void {
    forEachMulti(packed, (p, id, links, size) => this.name(this.key(id), id, p, links, size, complete))
  }

  /** Names as a native walk hands them (BatchResult.multiNames), those `filter` reports (all without one). */
  addNames(names: MultiNames, filter: ScanFilter | null, complete?: Complete): void {
    const { paths, nums } = names
    for (let i = 0; i < paths.length; i++) {
      const p = paths[i] as string
      if (filter && !filter.report(p)) continue
      const dev = nums[4 * i] as number
      const ino = nums[4 * i + 1] as number
      this.devPrefix ??= `${dev}:`
      this.firstDev ??= Number(this.devPrefix.slice(0, -1))
      // the key add() gives the same id (see key): the inode number on the first device, else the id
      const key = dev === this.firstDev && ino < 1e15 ? ino : `${dev}:${ino}`
      this.name(key, undefined, p, nums[4 * i + 2] as number, nums[4 * i + 3] as number, complete, dev, ino)
    }
  }

  /** One name of the file `key`; its id as given, or made from dev and ino only when its group is new. */
  private name(
    key: number | string,
    id: string | undefined,
    p: string,
    links: number,
    size: number,
    complete: Complete | undefined,
    dev?: number,
    ino?: number,
  ): void {
    let g = this.byId.get(key)
    if (!g) {
      g = { id: id ?? `${dev}:${ino}`, links, paths: [], size, sent: false }
      this.byId.set(key, g)
    }
    g.paths.push(p)
    // The last lstat wins: a name added while scanning raises the count the group reports.
    if (links > g.links) g.links = links
    this.apparentBytes += size
    if (g.sent)
      g.sent = false // a name made during the scan: the group goes out again at the end
    else if (complete && g.paths.length >= g.links) {
      g.sent = true
      complete(snapshot(g))
    }
  }

  /**
   * Ids are "dev:ino", sliced from a batch's packed string: a Map hashes and compares such a string far
   * slower than a number, and a scan's files are nearly all on one device, so there the inode number is the key.
   */
  private key(id: string): number | string {
    this.devPrefix ??= id.slice(0, id.indexOf(':') + 1)
    const from = this.devPrefix.length
    // only plain decimal digits without a leading zero (at most 15: exact as a double), so two ids never share a key
    if (!id.startsWith(this.devPrefix) || id.length - from > 15 || id.length === from) return id
    if (id.charCodeAt(from) === 48 && id.length - from > 1) return id
    let ino = 0
    for (let i = from; i < id.length; i++) {
      const digit = id.charCodeAt(i) - 48
      if (digit < 0 || digit > 9) return id
      ino = ino * 10 + digit
    }
    return ino
  }

  /** each file's bytes once, however many names it has */
  get uniqueBytes(): number {
    let sum = 0
    for (const g of this.byId.values()) sum += g.size
    return sum
  }

  /** each file's bytes once, for the files whose every name was found: removing the root would free them */
  get onlyHereBytes(): number {
    let sum = 0
    for (const g of this.byId.values()) if (g.paths.length >= g.links) sum += g.size
    return sum
  }

  get size(): number {
    return this.byId.size
  }

  /** the groups not handed out complete by add() (or changed since), names sorted, in the order their first name was found */
  groups(): HardLinkGroup[] {
    const out: HardLinkGroup[] = []
    for (const g of this.byId.values()) if (!g.sent) out.push(snapshot(g))
    return out
  }
}
