/** Temporary names for a merge's new links: beside their final name, unguessable, and cheap to draw. */
import { randomBytes } from 'node:crypto'
import * as path from 'node:path'

/** Prefix of the temporary names; recover.ts finds leftovers by the journal, never by this name alone. */
export const TEMP_PREFIX = '.linkscope-tmp-'

/** Random bytes drawn a block at a time: one call to the system's generator per temporary name costs more than the link. */
const random = { block: Buffer.alloc(0), at: 0 }
function randomHex(n: number): string {
  if (random.at + n > random.block.length) {
    random.block = randomBytes(n * 256)
    random.at = 0
  }
  random.at += n
  return random.block.toString('hex', random.at - n, random.at)
}

/** A fresh temporary name beside `p`, unguessable, so no other program can have made it ready. */
export const tempBeside = (p: string): string => path.join(path.dirname(p), `${TEMP_PREFIX}${randomHex(6)}`)
