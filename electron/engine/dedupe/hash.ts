/**
 * Content fingerprints of open files. The full hash is XXH3-128 from hash-wasm rather than a node:crypto
 * digest: measured here it ran several times faster than sha1, sha256, md5 and blake2b512, and hash-wasm
 * is WebAssembly, so it bundles into the engine and runs the same on Linux, macOS and Windows with no
 * native build to ship (@node-rs/xxhash was faster still, but is a per-platform binary). XXH3 is not a
 * cryptographic hash: someone able to write a file could craft one that collides with another, so
 * merging never trusts it alone and compares the bytes just before each link (compare.ts).
 * Where the native addon is built (Linux), the same XXH3-128 is computed on its threads instead
 * (native-hash.ts); this module is the way everywhere else, and gives the same digests.
 */
import * as fs from 'node:fs'
import { promisify } from 'node:util'

import { createXXHash128, type IHasher } from 'hash-wasm'

export const HASH_NAME = 'xxh128'
/** The first block compared: the common case of different files is settled without reading more. */
export const HEAD_BYTES = 4096
/**
 * Files up to this size are hashed whole at once; larger ones first by their first and last blocks
 * (equal headers, different data), and whole only while still alike.
 */
export const TAIL_FROM = 65536
const CHUNK = 1 << 20

const hashers: IHasher[] = []

/** A hasher for synchronous use (small files); made once, before the first one. */
export async function syncHasher(): Promise<IHasher> {
  return hashers.pop() ?? (await createXXHash128())
}

/**
 * Hash of a small file read whole through a synchronous call: for a file of a few KiB the round trip
 * through libuv's thread pool costs more than the read itself (measured with --cpu-prof on the bench
 * corpus), so small files are read here and only large ones in parallel.
 */
export function hashSmallSync(h: IHasher, fd: number, size: number, buf: Buffer): string {
  let got = 0
  while (got < size) {
    const n = fs.readSync(fd, buf, got, size - got, got)
    if (n === 0) break
    got += n
  }
  h.init()
  h.update(buf.subarray(0, got))
  return h.digest('hex')
}

/** A hasher from a small pool: each one owns its WebAssembly memory, and reads run in parallel. */
async function withHasher<T>(fn: (h: IHasher) => Promise<T>): Promise<T> {
  const h = hashers.pop() ?? (await createXXHash128())
  h.init()
  try {
    return await fn(h)
  } finally {
    hashers.push(h)
  }
}

// The callback API through promisify: a FileHandle costs several times more per call (measured with
// --cpu-prof), and most reads here are one small block.
const read = promisify(fs.read)
export const openRead = promisify(fs.open)
export const fstat = promisify(fs.fstat)
export const close = promisify(fs.close)

async function readFull(fd: number, buf: Buffer, position: number): Promise<number> {
  let got = 0
  while (got < buf.length) {
    const { bytesRead } = await read(fd, buf, got, buf.length - got, position + got)
    if (bytesRead === 0) break
    got += bytesRead
  }
  return got
}

/** Hash of `length` bytes at `position` (fewer if the file is shorter now; the caller checks the size again). */
export function hashRange(
  fd: number,
  position: number,
  length: number,
  onBytes?: (n: number) => void,
): Promise<string> {
  return withHasher(async (h) => {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(length, 1)))
    for (let done = 0; done < length;) {
      const want = Math.min(buf.length, length - done)
      const got = await readFull(fd, buf.subarray(0, want), position + done)
      if (got === 0) break
      h.update(buf.subarray(0, got))
      done += got
      onBytes?.(got)
    }
    return h.digest('hex')
  })
}
