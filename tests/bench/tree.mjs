// The benchmark tree: ~200k entries (10k folders, 5% extra hard-link names, 5% symlinks to files,
// 2% broken symlinks (a few of them loops), 1% folder links), generated once with a fixed seed and
// cached under .cache/bench/ (git-ignored). A marker file records the counts; delete the folder to regenerate.
// BENCH_TREE=1m: the same mix five times over, about a million entries (tree-v2-1m/, built once and reused
// by every later run with BENCH_TREE=1m: it takes minutes to build, and as much free space as the files).
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { mulberry32 } from '../helpers/mulberry32.mjs'

export const TREE_VERSION = 2
export const TREE_SHAPE = {
  dirs: 10_000,
  files: 164_000,
  hardNames: 10_000,
  fileLinks: 10_000,
  broken: 4_000,
  dirLinks: 2_000,
}

export function generate(root, shape) {
  const rand = mulberry32(20261123) // every machine benches the same tree
  const pick = (list) => list[Math.floor(rand() * list.length)]
  fs.rmSync(root, { recursive: true, force: true })
  fs.mkdirSync(root, { recursive: true })
  // Folders: each new one goes under a uniformly random earlier one (a random recursive tree: mean depth
  // about ln(10k) ≈ 9, the deepest around 20), with a few long chains mixed in.
  const dirs = [root]
  for (let i = 1; i < shape.dirs; i++) {
    const parent = i % 500 === 0 ? dirs[dirs.length - 1] : pick(dirs)
    const d = path.join(parent, `d${i}`)
    fs.mkdirSync(d)
    dirs.push(d)
  }
  const content = Buffer.alloc(4096, 120)
  const files = []
  for (let i = 0; i < shape.files; i++) {
    const f = path.join(pick(dirs), `f${i}.dat`)
    fs.writeFileSync(f, content.subarray(0, Math.floor(rand() * 4096)))
    files.push(f)
  }
  for (let i = 0; i < shape.hardNames; i++) fs.linkSync(pick(files), path.join(pick(dirs), `h${i}.dat`))
  for (let i = 0; i < shape.fileLinks; i++) {
    const link = path.join(pick(dirs), `s${i}.lnk`)
    fs.symlinkSync(path.relative(path.dirname(link), pick(files)), link)
  }
  for (let i = 0; i < shape.broken; i++) {
    const dir = pick(dirs)
    if (i % 40 === 0) {
      // a two-link loop, a→b→a
      fs.symlinkSync(`b${i}.lnk`, path.join(dir, `b${i}a.lnk`))
      fs.symlinkSync(`b${i}a.lnk`, path.join(dir, `b${i}.lnk`))
      i++
    } else {
      fs.symlinkSync(path.join('..', `gone${i}`, 'missing.dat'), path.join(dir, `b${i}.lnk`))
    }
  }
  for (let i = 0; i < shape.dirLinks; i++) {
    const link = path.join(pick(dirs), `L${i}.dir`)
    // Some point at an ancestor (a cycle a naive walker would never leave), some anywhere.
    const target = i % 2 === 0 ? path.dirname(path.dirname(link)) : pick(dirs)
    fs.symlinkSync(target, link)
  }
}

/** BENCH_TREE: '1m' for the million-entry tree; anything else (or unset) the 200k one. */
export function treeSize(env = process.env.BENCH_TREE) {
  return env === '1m' ? { suffix: '-1m', scale: 5 } : { suffix: '', scale: 1 }
}

/** The cached tree's root, generating it first if needed. */
export function benchTree(repoRoot, size = treeSize()) {
  const base = path.join(repoRoot, '.cache', 'bench')
  const root = path.join(base, `tree-v${TREE_VERSION}${size.suffix}`)
  const marker = path.join(base, `tree-v${TREE_VERSION}${size.suffix}.json`)
  if (!fs.existsSync(marker) || !fs.existsSync(root)) {
    const started = Date.now()
    const shape = Object.fromEntries(Object.entries(TREE_SHAPE).map(([k, v]) => [k, v * size.scale]))
    process.stdout.write(`generating the bench tree under ${root} (once; later runs reuse it) ...\n`)
    generate(root, shape)
    const entries = Object.values(shape).reduce((a, b) => a + b, 0) - 1
    const { groups, multiNames } = hardLinkCensus(root)
    fs.writeFileSync(
      marker,
      JSON.stringify({ ...shape, entries, groups, multiNames, generatedMs: Date.now() - started }) + '\n',
    )
    process.stdout.write(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
  }
  return { root, shape: JSON.parse(fs.readFileSync(marker, 'utf8')) }
}

/**
 * The tree's files with several names, as GNU find sees them: `groups` files, `multiNames` names under the
 * root, and `outside` files with more names than the tree holds (a name elsewhere on the volume).
 */
export function hardLinkCensus(root) {
  const r = spawnSync('find', [root, '-type', 'f', '-links', '+1', '-printf', '%D:%i %n\n'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  })
  if (r.status !== 0) throw new Error(`find over the bench tree failed: ${r.stderr}`)
  const names = new Map()
  for (const line of r.stdout.split('\n')) {
    if (!line) continue
    const [id, links] = line.split(' ')
    const seen = names.get(id)
    names.set(id, { links: Number(links), count: (seen?.count ?? 0) + 1 })
  }
  let multiNames = 0
  let outside = 0
  for (const { links, count } of names.values()) {
    multiNames += count
    if (links > count) outside++
  }
  return { groups: names.size, multiNames, outside }
}

/**
 * Stop before timing a tree that is no longer the one generated: a program that hard-linked its files
 * elsewhere (a `cp -al` clone left behind) gives them names outside the tree, and every scan then reports
 * tens of thousands of groups more and looks twice as slow. Markers written before the census was kept
 * lack `groups`; the names-outside check covers them too.
 */
export function checkBenchTree(root, shape) {
  const census = hardLinkCensus(root)
  const marker = `${root}*`
  if (census.outside > 0)
    throw new Error(
      `the bench tree has ${census.outside} files with names outside it — another program hard-linked them; ` +
        `remove those links, or delete ${marker} to rebuild`,
    )
  if (shape.groups !== undefined && (census.groups !== shape.groups || census.multiNames !== shape.multiNames))
    throw new Error(
      `the bench tree has ${census.groups} hard-link groups (${census.multiNames} names), not the ${shape.groups} ` +
        `(${shape.multiNames}) it was generated with — it was changed; delete ${marker} to rebuild`,
    )
  return census
}
