/**
 * Hard-link grouping across two trees: names that are one file on one side must be one file on the
 * other. A pair of files at one path is (A's id, B's id); an id on one side that meets several ids on
 * the other marks every path it is at. Ids are kept as numbers (device, then inode) in nested maps:
 * a compare meets hundreds of thousands of them, and a string per id cost more than the rest.
 */

/** A map keyed by a file's (device, inode). */
export class IdMap<T> {
  private readonly byDev = new Map<number, Map<number, T>>()
  get(dev: number, ino: number): T | undefined {
    return this.byDev.get(dev)?.get(ino)
  }
  set(dev: number, ino: number, value: T): void {
    let m = this.byDev.get(dev)
    if (!m) this.byDev.set(dev, (m = new Map()))
    m.set(ino, value)
  }
  get size(): number {
    let n = 0
    for (const m of this.byDev.values()) n += m.size
    return n
  }
}

/** Two files at one relative path, by id, and what to mark when their grouping differs. */
export type IdPair<R> = { of: R; aDev: number; aIno: number; bDev: number; bIno: number }

/** The pairs whose names are grouped differently on the two sides. */
export function groupingDiffers<R>(pairs: readonly IdPair<R>[]): R[] {
  // Where every path is one file on both sides (a hard-link clone) the grouping is the same by definition.
  if (pairs.every((p) => p.aIno === p.bIno && p.aDev === p.bDev)) return []
  const ab = new IdMap<IdPair<R>>()
  const ba = new IdMap<IdPair<R>>()
  const badA = new IdMap<true>()
  const badB = new IdMap<true>()
  for (const p of pairs) {
    const seenA = ab.get(p.aDev, p.aIno)
    if (seenA === undefined) ab.set(p.aDev, p.aIno, p)
    else if (seenA.bIno !== p.bIno || seenA.bDev !== p.bDev) badA.set(p.aDev, p.aIno, true)
    const seenB = ba.get(p.bDev, p.bIno)
    if (seenB === undefined) ba.set(p.bDev, p.bIno, p)
    else if (seenB.aIno !== p.aIno || seenB.aDev !== p.aDev) badB.set(p.bDev, p.bIno, true)
  }
  if (badA.size + badB.size === 0) return []
  return pairs.filter((p) => badA.get(p.aDev, p.aIno) || badB.get(p.bDev, p.bIno)).map((p) => p.of)
}
