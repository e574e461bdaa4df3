// Bench: trees with their links intact (issue 17), in one run on one tree (tree.mjs's shape, scaled):
//   copy:    `linkscope copy SRC DST` against `cp -a SRC DST`                    goal ≤ 1.2x
//   compare: `linkscope compare A B --json` against `diff -rq --no-dereference`   goal ≤ 0.5x
// compare runs on two pairs: A with a `cp -a` copy (separate files: both read every byte) and A with a
// hard-link clone of that copy (`cp -al`, as backup snapshots are: Linkscope's ids spare the reads, diff
// sees the same inode too). Rounds alternate the two commands, warm page cache, output to /dev/null; wall time and CPU.
// BENCH_TREES_SCALE scales the tree (default 0.25, about 50k entries; 1 is the 200k-entry bench tree);
// BENCH_ROUNDS the rounds (default 3); BENCH_TREES_ONLY=copy or compare runs one part. Copies and clones
// go to a scratch folder under BENCH_SCRATCH (default the system's temp folder), removed at the end; the
// hard-link clone is made of a scratch copy, never of the cached tree, whose files must keep their names
// (tree.mjs's checkBenchTree). Run alone: node tests/bench/trees.bench.mjs
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { benchTree, generate, TREE_SHAPE } from './tree.mjs'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const CLI = path.join(repo, 'bin', 'linkscope.js')
const SCALE = Number(process.env.BENCH_TREES_SCALE) || 0.25
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3
const ONLY = process.env.BENCH_TREES_ONLY
const SCRATCH = process.env.BENCH_SCRATCH || os.tmpdir()
const TIME = '/usr/bin/time'
// NODE_EXTRA_CA_CERTS costs every Node start 40–70 ms here, nothing to do with trees (see scan.bench.mjs).
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS'))

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** The source tree: the cached 200k-entry bench tree at scale 1, else a scaled one cached beside it. */
function sourceTree() {
  if (SCALE === 1) return benchTree(repo)
  const base = path.join(repo, '.cache', 'bench')
  const root = path.join(base, `trees-scale-${SCALE}`)
  const marker = `${root}.json`
  const shape = Object.fromEntries(Object.entries(TREE_SHAPE).map(([k, v]) => [k, Math.max(1, Math.round(v * SCALE))]))
  if (!fs.existsSync(marker) || !fs.existsSync(root)) {
    process.stdout.write(`generating a ${SCALE}x bench tree under ${root} (once) ...\n`)
    generate(root, shape)
    const entries = Object.values(shape).reduce((a, b) => a + b, 0) - 1
    fs.writeFileSync(marker, JSON.stringify({ ...shape, entries }) + '\n')
  }
  return { root, shape: JSON.parse(fs.readFileSync(marker, 'utf8')) }
}

/** Run once with stdout to /dev/null: wall ms and CPU ms (user + system, from time(1) when present). */
function measure(cmd, args, ok = [0]) {
  const devnull = fs.openSync('/dev/null', 'w')
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-bench-'))
  try {
    const timed = fs.existsSync(TIME)
    const started = process.hrtime.bigint()
    const r = timed
      ? spawnSync(TIME, ['-f', '%U %S', '-o', path.join(tmp, 't'), cmd, ...args], {
          stdio: ['ignore', devnull, 'pipe'],
          env: ENV,
        })
      : spawnSync(cmd, args, { stdio: ['ignore', devnull, 'pipe'], env: ENV })
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    const text = timed ? fs.readFileSync(path.join(tmp, 't'), 'utf8') : ''
    const status = Number(/non-zero status (\d+)/.exec(text)?.[1] ?? r.status)
    if (!ok.includes(status))
      throw new Error(`${cmd} ${args.join(' ')} exited ${status}: ${String(r.stderr).slice(0, 500)}`)
    const [user, sys] = (text.trim().split('\n').pop() ?? '').split(' ').map(Number)
    return { ms, cpuMs: timed ? (user + sys) * 1000 : NaN }
  } finally {
    fs.closeSync(devnull)
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

/** Alternate the commands for ROUNDS rounds (after `before` each time); medians and the ratio of the first to the second. */
function rounds(title, cmds, before, goal) {
  const runs = cmds.map(() => [])
  for (let r = 0; r < ROUNDS; r++) {
    cmds.forEach(([, cmd, args, ok], i) => {
      before?.()
      runs[i].push(measure(cmd, args, ok))
    })
  }
  console.log(`\n### ${title}`)
  cmds.forEach(([name], i) => {
    const list = runs[i]
    console.log(
      `${name.padEnd(22)} median ${median(list.map((x) => x.ms))
        .toFixed(0)
        .padStart(6)} ms wall, ${median(list.map((x) => x.cpuMs))
        .toFixed(0)
        .padStart(6)} ms CPU  (${list.map((x) => x.ms.toFixed(0)).join(' ')})`,
    )
  })
  const ratio = median(runs[0].map((x) => x.ms)) / median(runs[1].map((x) => x.ms))
  const cpuRatio = median(runs[0].map((x) => x.cpuMs)) / median(runs[1].map((x) => x.cpuMs))
  console.log(
    `goal wall ≤ ${goal}x: ${ratio.toFixed(2)}x — ${ratio <= goal ? 'met' : 'NOT met'} (CPU ${cpuRatio.toFixed(2)}x)`,
  )
}

export async function run() {
  const { root: src, shape } = sourceTree()
  const work = fs.mkdtempSync(path.join(SCRATCH, 'linkscope-trees-bench-'))
  const load0 = os.loadavg()[0]
  console.log(
    `\n## Trees: ${shape.entries.toLocaleString('en')} entries (scale ${SCALE}; ${shape.files} files, ${shape.hardNames} extra hard-link names, ` +
      `${shape.fileLinks + shape.broken + shape.dirLinks} symbolic links), ${ROUNDS} alternating rounds, warm cache, ${os.availableParallelism()} cores, load ${load0.toFixed(2)}`,
  )
  try {
    spawnSync('tar', ['-cf', '/dev/null', src], { stdio: 'ignore' }) // warms the page cache: every byte read once
    if (ONLY !== 'compare') copyRounds(src, work)
    if (ONLY !== 'copy') compareRounds(src, work)
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
  const load = Math.max(load0, os.loadavg()[0])
  if (load > 1) console.log(`note: load average up to ${load.toFixed(2)} during the run — other work shared the CPUs`)
}

/** linkscope copy against cp -a, each into a fresh destination. */
function copyRounds(src, work) {
  const d1 = path.join(work, 'ls-copy')
  const d2 = path.join(work, 'cp-copy')
  const clean = () => {
    fs.rmSync(d1, { recursive: true, force: true })
    fs.rmSync(d2, { recursive: true, force: true })
  }
  rounds(
    'copy',
    [
      ['linkscope copy', process.execPath, [CLI, 'copy', src, d1, '--json']],
      ['cp -a', 'cp', ['-a', src, d2]],
    ],
    clean,
    1.2,
  )
  clean()
}

/** linkscope compare against diff -rq: SRC and its copy, then that copy and its hard-link clone. */
function compareRounds(src, work) {
  const copyB = path.join(work, 'b-copy')
  const cloneB = path.join(work, 'b-clone')
  spawnSync('cp', ['-a', src, copyB])
  spawnSync('cp', ['-al', copyB, cloneB])
  const check = spawnSync(process.execPath, [CLI, 'compare', src, copyB, '--json'], {
    encoding: 'utf8',
    env: ENV,
    maxBuffer: 1 << 30,
  })
  const summary = JSON.parse(check.stdout.trim().split('\n').pop()).summary
  const off =
    summary.states.differs.count +
    summary.states['link-differs'].count +
    summary.states['only-a'].count +
    summary.states['only-b'].count
  console.log(
    `\ncheck: compare of SRC and its cp -a copy: ${summary.states['same-content'].count} same-content, ${off} otherwise, grouping differs at ${summary.groupingDiffers} — ${off === 0 && summary.groupingDiffers === 0 ? 'agree' : 'DISAGREE'}`,
  )
  rounds(
    'compare with a cp -a copy (every byte read by both)',
    [
      ['linkscope compare', process.execPath, [CLI, 'compare', src, copyB, '--json']],
      ['diff -rq', 'diff', ['-rq', '--no-dereference', src, copyB], [0, 1]],
    ],
    null,
    0.5,
  )
  rounds(
    'compare with a hard-link clone (cp -al)',
    [
      ['linkscope compare', process.execPath, [CLI, 'compare', copyB, cloneB, '--json']],
      ['diff -rq', 'diff', ['-rq', '--no-dereference', copyB, cloneB], [0, 1]],
    ],
    null,
    0.5,
  )
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run()
