// Read requests a block device served, from /sys/dev/block/MAJ:MIN/stat (Linux): the cold-cache rounds print them
// beside each command's CPU time, so the I/O a walk caused (how many requests, how large) is seen with its cost.
// The counters are the device's, not the process's: other programs' I/O in the same seconds counts too.
import { readFileSync, statSync } from 'node:fs'

/** The stat file of the block device holding `file`, or null where there is none (not Linux, a virtual file system). */
export function blockStatFile(file) {
  const dev = statSync(file).dev
  // glibc's major()/minor() of a Linux dev_t
  const major = Number((BigInt(dev) >> 8n) & 0xfffn) | Number((BigInt(dev) >> 32n) & ~0xfffn)
  const minor = Number(BigInt(dev) & 0xffn) | Number((BigInt(dev) >> 12n) & ~0xffn)
  const at = `/sys/dev/block/${major}:${minor}/stat`
  try {
    readFileSync(at)
    return at
  } catch {
    return null
  }
}

/** The device's read counters now: requests completed, requests merged into others, 512-byte sectors read. */
export function readCounters(statFile) {
  if (!statFile) return null
  const [reads, merged, sectors] = readFileSync(statFile, 'utf8').trim().split(/\s+/).map(Number)
  return { reads, merged, sectors }
}

/** What was read between two readCounters() snapshots (null when either is). */
export function readsBetween(before, after) {
  if (!before || !after) return null
  return {
    reads: after.reads - before.reads,
    merged: after.merged - before.merged,
    sectors: after.sectors - before.sectors,
  }
}
