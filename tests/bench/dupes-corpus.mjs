// The duplicate-finding corpus: files of sizes from one byte up (log-uniform, a few large ones), 30% of
// them members of duplicate groups of 2–20, some members with a second hard-link name, and large files
// in pairs with equal heads and different tails. Generated once with a fixed seed and cached under
// .cache/bench/ (git-ignored); the reference groups (every group, by construction) are saved beside it.
// Scale: BENCH_DUPES_FILES (default 20000), BENCH_DUPES_BIG_MIB (size of each large file, default 32).
import * as fs from 'node:fs'
import * as path from 'node:path'

import { mulberry32 } from '../helpers/mulberry32.mjs'

export const CORPUS_VERSION = 1

export function corpusShape() {
  return {
    files: Number(process.env.BENCH_DUPES_FILES) || 20_000,
    bigMiB: Number(process.env.BENCH_DUPES_BIG_MIB) || 32,
    maxSmall: 128 * 1024,
    dupShare: 0.3,
  }
}

function generate(root, shape) {
  const rand = mulberry32(20261127)
  fs.rmSync(root, { recursive: true, force: true })
  const dirs = []
  for (let i = 0; i < Math.max(10, Math.round(shape.files / 50)); i++) {
    const d = path.join(root, `d${i % 20}`, `s${i}`)
    fs.mkdirSync(d, { recursive: true })
    dirs.push(d)
  }
  const pick = () => dirs[Math.floor(rand() * dirs.length)]
  // content: a unique 16-byte header, then a slice of a random pool (cheap to make, never equal by chance)
  const pool = Buffer.alloc(4 << 20)
  for (let i = 0; i < pool.length; i += 4) pool.writeUInt32LE(Math.floor(rand() * 2 ** 32), i)
  let serial = 0
  const body = (size) => {
    const b = Buffer.alloc(size)
    const off = Math.floor(rand() * (pool.length - Math.min(size, pool.length)))
    pool.copy(b, 0, off, off + Math.min(size, pool.length))
    for (let at = 0; at + 16 <= size; at += pool.length) b.write(`#${String(serial).padStart(14, '0')}#`, at, 'latin1')
    serial++
    return b
  }
  const sizeOf = () => Math.max(1, Math.floor(Math.exp(rand() * Math.log(shape.maxSmall))))
  const groups = [] // reference: arrays of paths, one array per group of duplicates (names of one file listed together)
  let made = 0
  let n = 0
  const write = (data) => {
    const p = path.join(pick(), `f${n++}.bin`)
    fs.writeFileSync(p, data)
    made++
    return p
  }
  const dupTarget = Math.round(shape.files * shape.dupShare)
  let inGroups = 0
  while (inGroups < dupTarget) {
    const count = 2 + Math.floor(rand() * 19)
    const data = body(Math.max(16, sizeOf())) // the header keeps every content unique
    const g = []
    for (let c = 0; c < count; c++) {
      const p = write(data)
      g.push(p)
      if (rand() < 0.05) {
        const q = path.join(pick(), `h${n++}.bin`)
        fs.linkSync(p, q)
        g.push(q)
      }
    }
    groups.push(g)
    inGroups += count
  }
  while (made < shape.files) {
    write(body(Math.max(16, sizeOf())))
  }
  // large files: a duplicate pair, and a pair with equal heads and different tails
  const big = shape.bigMiB << 20
  const a = body(big)
  groups.push([write(a), write(a)])
  const b = body(big)
  write(b)
  b.writeUInt32LE(0xdeadbeef, b.length - 8)
  write(b)
  return groups
}

/** The corpus folder and its reference groups, generated if missing or of another shape. */
export function dupesCorpus(repo) {
  const shape = corpusShape()
  const base = path.join(repo, '.cache', 'bench', `dupes-v${CORPUS_VERSION}-${shape.files}-${shape.bigMiB}`)
  const root = path.join(base, 'corpus')
  const refFile = path.join(base, 'reference.json')
  if (!fs.existsSync(refFile)) {
    const groups = generate(root, shape)
    fs.writeFileSync(refFile, JSON.stringify(groups.map((g) => g.map((p) => path.relative(root, p)))))
  }
  // Paths are kept relative to the corpus, so a checkout elsewhere (or one linking .cache) reads the same groups;
  // an older reference held absolute paths: what follows its "/corpus/" is the same relative path.
  const relative = (p) => (path.isAbsolute(p) ? p.slice(p.lastIndexOf('/corpus/') + '/corpus/'.length) : p)
  const groups = JSON.parse(fs.readFileSync(refFile, 'utf8')).map((g) => g.map((p) => path.join(root, relative(p))))
  return { base, root, shape, groups }
}
