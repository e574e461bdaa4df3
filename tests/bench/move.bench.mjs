// Bench: move a folder to another drive leaving a link (issue 16), in one run on one tree:
//   move:            `linkscope move SRC DEST` (copy, verify every byte, swap, delete) against
//                    `cp -a SRC DEST/x && rm -rf SRC && ln -s DEST/x SRC`           goal ≤ 1.3x
//   retarget-prefix: `linkscope retarget-prefix ROOT OLD NEW` over 10k links           goal ≤ 1 s
// SRC is on the repository's device (.cache/bench), DEST on /dev/shm (tmpfs): a real cross-device move.
// Each side starts from a fresh `cp -a` of a pristine tree and a sync (not timed), so both copy the same
// warm tree and neither pays for the other's writes; which side goes first alternates between rounds, and
// each timed run is printed with the load before and after it. BENCH_MOVE_SCALE scales the tree (default 0.1: 20k entries, 200 MiB; 1 is 200k entries and
// 2 GiB); BENCH_ROUNDS the rounds (default 3); BENCH_PREFIX_LINKS the links retargeted (default 10000).
// The preflight's search for links into SRC is limited to the bench's work folder (--links-root).
// Every timed move runs with LINKSCOPE_TIMING=1 and prints where its time went, step by step (wall and
// CPU), under the reference's own split (cp -a, rm -rf, ln -s: medians of wall and CPU), to set the steps
// side by side. The clock costs a process.cpuUsage() per step; an extra untimed move would double a
// full-size round, which on a shared disk takes a quarter of an hour a side.
// Run alone: node tests/bench/move.bench.mjs
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { mulberry32 } from '../helpers/mulberry32.mjs'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const CLI = path.join(repo, 'bin', 'linkscope.js')
const SCALE = Number(process.env.BENCH_MOVE_SCALE) || 0.1
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3
const PREFIX_LINKS = Number(process.env.BENCH_PREFIX_LINKS) || 10_000
const ENTRIES = Math.round(200_000 * SCALE)
const BYTES = Math.round(2 * 2 ** 30 * SCALE)
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS'))

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** The pristine tree: 5% folders, 2% extra hard-link names, 2% relative symlinks, the rest files summing to BYTES. */
export function pristine() {
  const root = path.join(repo, '.cache', 'bench', `move-${ENTRIES}`)
  const marker = `${root}.json`
  if (fs.existsSync(marker) && fs.existsSync(root)) return root
  process.stdout.write(`generating the move bench tree (${ENTRIES} entries, ${BYTES} bytes) under ${root} (once) ...\n`)
  const rand = mulberry32(16)
  fs.rmSync(root, { recursive: true, force: true })
  fs.mkdirSync(root, { recursive: true })
  const dirs = [root]
  for (let i = 1; i < ENTRIES * 0.05; i++) {
    const d = path.join(dirs[Math.floor(rand() * dirs.length)], `d${i}`)
    fs.mkdirSync(d)
    dirs.push(d)
  }
  const fileCount = Math.round(ENTRIES * 0.91)
  const mean = BYTES / fileCount
  const block = Buffer.alloc(Math.ceil(mean * 2) + 1, 97)
  const files = []
  for (let i = 0; i < fileCount; i++) {
    const f = path.join(dirs[Math.floor(rand() * dirs.length)], `f${i}.dat`)
    block[0] = i & 255 // files differ, so nothing could share blocks by content
    fs.writeFileSync(f, block.subarray(0, Math.floor(rand() * mean * 2)))
    files.push(f)
  }
  const pick = () => files[Math.floor(rand() * files.length)]
  for (let i = 0; i < ENTRIES * 0.02; i++)
    fs.linkSync(pick(), path.join(dirs[Math.floor(rand() * dirs.length)], `h${i}.dat`))
  for (let i = 0; i < ENTRIES * 0.02; i++) {
    const link = path.join(dirs[Math.floor(rand() * dirs.length)], `s${i}.lnk`)
    fs.symlinkSync(path.relative(path.dirname(link), pick()), link)
  }
  fs.writeFileSync(marker, JSON.stringify({ entries: ENTRIES, bytes: BYTES }) + '\n')
  return root
}

/** CPU time (user + system, ms) of this process's waited-for children so far (Linux: /proc/self/stat). */
function childCpuMs() {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100 // cutime + cstime, in clock ticks (USER_HZ 100)
}

/** Wall and CPU time of one command. On a shared host wall time mostly measures the others' load. */
function timed(cmd, args, env = ENV) {
  const cpu0 = childCpuMs()
  const started = process.hrtime.bigint()
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env, encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`)
  return { ms, cpu: childCpuMs() - cpu0, stderr: r.stderr }
}

const walls = (xs) => xs.map((x) => x.ms)
const cpus = (xs) => xs.map((x) => x.cpu)
const show = (xs) => `median ${median(xs).toFixed(0).padStart(6)} ms  (${xs.map((x) => x.toFixed(0)).join(' ')})`

function benchMove(tree, work, dest) {
  const src = path.join(work, 'src')
  const fresh = () => {
    fs.rmSync(src, { recursive: true, force: true })
    fs.rmSync(path.join(dest, 'src'), { recursive: true, force: true })
    spawnSync('cp', ['-a', tree, src])
    spawnSync('sync')
  }
  const ls = []
  const cp = []
  const cpSteps = []
  const moveArgs = [CLI, 'move', src, dest, '--links-root', work, '--json']
  const load = () => os.loadavg()[0].toFixed(1)
  const runMove = (r) => {
    fresh()
    const load0 = load()
    const m = timed(process.execPath, moveArgs, { ...ENV, LINKSCOPE_TIMING: '1' })
    ls.push(m)
    console.log(`round ${r + 1}: move ${m.ms.toFixed(0)} ms (cpu ${m.cpu.toFixed(0)}), load ${load0} to ${load()}`)
  }
  const runReference = (r) => {
    fresh()
    const load0 = load()
    const copy = path.join(dest, 'src')
    // timed step by step, so the reference's split can be set beside the move's (its sum is the figure)
    const steps = [timed('cp', ['-a', src, copy]), timed('rm', ['-rf', src]), timed('ln', ['-s', copy, src])]
    cpSteps.push(steps)
    const sum = { ms: steps.reduce((t, x) => t + x.ms, 0), cpu: steps.reduce((t, x) => t + x.cpu, 0) }
    cp.push(sum)
    console.log(
      `round ${r + 1}: reference ${sum.ms.toFixed(0)} ms (cpu ${sum.cpu.toFixed(0)}), load ${load0} to ${load()}`,
    )
  }
  // The side that runs first alternates: on a shared host the load drifts within a round, and a fixed order
  // would hand one side the quieter minutes every time.
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      runMove(r)
      runReference(r)
    } else {
      runReference(r)
      runMove(r)
    }
  }
  fs.rmSync(src, { recursive: true, force: true })
  fs.rmSync(path.join(dest, 'src'), { recursive: true, force: true })
  const ratio = median(walls(ls)) / median(walls(cp))
  const cpuRatio = median(cpus(ls)) / median(cpus(cp))
  console.log(`\n### move across devices (${ENTRIES} entries, ${(BYTES / 2 ** 20).toFixed(0)} MiB)`)
  console.log(`linkscope move (verified)   wall ${show(walls(ls))}   cpu ${show(cpus(ls))}`)
  console.log(`cp -a + rm -rf + ln -s      wall ${show(walls(cp))}   cpu ${show(cpus(cp))}`)
  console.log(
    `goal ≤ 1.3x: wall ${ratio.toFixed(2)}x — ${ratio <= 1.3 ? 'met' : 'NOT met'}; cpu ${cpuRatio.toFixed(2)}x`,
  )
  const stepOf = (i) => cpSteps.map((st) => st[i])
  const refSplit = ['cp -a', 'rm -rf', 'ln -s'].map(
    (name, i) => `${name} ${median(walls(stepOf(i))).toFixed(0)} ms (cpu ${median(cpus(stepOf(i))).toFixed(0)})`,
  )
  console.log(`reference, medians per step: ${refSplit.join(', ')}`)
  // each move's own steps (move/step-clock.ts): wall and CPU time per step
  for (const m of ls) console.log(`move, ${m.stderr.split('\n').find((l) => l.startsWith('timing:')) ?? '(no timing)'}`)
}

function benchPrefix(work) {
  const root = path.join(work, 'links')
  const oldDir = path.join(work, 'old')
  const newDir = path.join(work, 'new')
  for (const d of [oldDir, newDir]) fs.mkdirSync(d, { recursive: true })
  for (let i = 0; i < 100; i++) fs.mkdirSync(path.join(root, `d${i}`), { recursive: true })
  for (let i = 0; i < PREFIX_LINKS; i++)
    fs.symlinkSync(path.join(oldDir, `t${i}`), path.join(root, `d${i % 100}`, `l${i}`))
  const wall = []
  const cpu = []
  const engine = []
  for (let r = 0; r < ROUNDS; r++) {
    const [from, to] = r % 2 === 0 ? [oldDir, newDir] : [newDir, oldDir]
    const cpu0 = childCpuMs()
    const started = process.hrtime.bigint()
    const out = spawnSync(process.execPath, [CLI, 'retarget-prefix', root, from, to, '--json'], {
      encoding: 'utf8',
      env: ENV,
      maxBuffer: 1 << 28,
    })
    wall.push(Number(process.hrtime.bigint() - started) / 1e6)
    cpu.push(childCpuMs() - cpu0)
    const summary = JSON.parse(out.stdout.trim().split('\n').pop()).summary
    if (summary.retargeted !== PREFIX_LINKS)
      throw new Error(`retarget-prefix retargeted ${summary.retargeted} of ${PREFIX_LINKS}`)
    engine.push(summary.ms)
  }
  console.log(`\n### retarget-prefix of ${PREFIX_LINKS} links`)
  console.log(
    `linkscope retarget-prefix   wall ${show(wall)} with start-up, ${median(engine).toFixed(0)} ms in the engine; cpu ${show(cpu)}`,
  )
  console.log(`goal ≤ 1000 ms: ${median(wall) <= 1000 ? 'met' : 'NOT met'} (wall)`)
}

export async function run() {
  const tree = pristine()
  const work = fs.mkdtempSync(path.join(path.dirname(tree), 'move-work-'))
  const dest = fs.mkdtempSync(path.join('/dev/shm', 'linkscope-bench-move-'))
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-bench-state-'))
  ENV.LINKSCOPE_STATE_DIR = state
  const load0 = os.loadavg()[0]
  console.log(
    `\n## Move: scale ${SCALE}, ${ROUNDS} alternating rounds, ${os.availableParallelism()} cores, load ${load0.toFixed(2)}`,
  )
  try {
    benchMove(tree, work, dest)
    benchPrefix(work)
  } finally {
    for (const d of [work, dest, state]) fs.rmSync(d, { recursive: true, force: true })
  }
  const load = Math.max(load0, os.loadavg()[0])
  console.log(`load average at the end ${os.loadavg()[0].toFixed(2)} (up to ${load.toFixed(2)})`)
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run()
