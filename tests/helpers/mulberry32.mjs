// A small deterministic PRNG (mulberry32), shared by the bench's tree (plain Node) and seeded fuzz tests:
// the same seed gives the same numbers on every machine, so a tree or a failure can be made again.
/** @param {number} seed @returns {() => number} numbers in [0, 1) */
export function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
