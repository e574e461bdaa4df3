/**
 * Crash safety, attacked: a real `linkscope dedupe` is killed with SIGKILL at random instants while it
 * merges (dozens of runs, bounded in count and time). After each kill every original path must exist
 * with its original bytes; the next run must tidy up every temporary name and finish the merge.
 */
import { spawn, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { mulberry32 } from '../../helpers/mulberry32.mjs'
import { contents, idOf } from './dedupe-helpers'

const SEED = Number(process.env.LINKSCOPE_CRASH_SEED ?? Date.now() % 100_000)
const RUNS = 24
/** Runs made whatever the time; the budget only decides how many more (a busy machine gets fewer). */
const MIN_RUNS = 10
const BUDGET_MS = 60_000
const GROUPS = 24
const COPIES = 4

let work: string
let state: string
beforeEach(() => {
  work = makeTempDir('linkscope-crash-')
  state = makeTempDir('linkscope-crash-state-')
})
afterEach(() => {
  fs.rmSync(work, { recursive: true, force: true })
  fs.rmSync(state, { recursive: true, force: true })
})

/** GROUPS groups of COPIES equal files spread over folders; one member of some groups has two names. */
function corpus(root: string, random: () => number): string[] {
  const paths: string[] = []
  for (let g = 0; g < GROUPS; g++) {
    const body = Buffer.alloc(1 + Math.floor(random() * 20_000), `group ${g} `)
    for (let c = 0; c < COPIES; c++) {
      const dir = path.join(root, `d${(g + c) % 7}`)
      fs.mkdirSync(dir, { recursive: true })
      const p = path.join(dir, `g${g}-c${c}`)
      fs.writeFileSync(p, body)
      paths.push(p)
    }
    if (g % 5 === 0) {
      const second = path.join(root, `d${g % 7}`, `g${g}-second-name`)
      fs.linkSync(path.join(root, `d${g % 7}`, `g${g}-c0`).replace(`d${g % 7}`, `d${(g + 0) % 7}`), second)
      paths.push(second)
    }
  }
  return paths
}

const env = (): NodeJS.ProcessEnv => ({ ...process.env, LINKSCOPE_STATE_DIR: state })
const extraNames = (root: string, originals: Set<string>): string[] =>
  fs
    .readdirSync(root, { recursive: true })
    .map((n) => path.join(root, String(n)))
    .filter((p) => (!originals.has(p) && !fs.lstatSync(p).isDirectory()) || path.basename(p).startsWith('.linkscope-'))

/**
 * Start a dedupe and SIGKILL it `delayMs` after its journal appears, unless it ends first; says which,
 * and how long it ran after its journal appeared.
 */
async function killedRun(root: string, delayMs: number): Promise<{ outcome: 'killed' | 'finished'; mergeMs: number }> {
  const child = spawn(process.execPath, [CLI, 'dedupe', root, '--json'], { env: env(), stdio: 'ignore' })
  let ended = false
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      ended = true
      resolve()
    }),
  )
  const journals = path.join(state, 'journals')
  const before = new Set(fs.existsSync(journals) ? fs.readdirSync(journals) : [])
  const until = performance.now() + 20_000
  while (!ended && performance.now() < until) {
    if (fs.existsSync(journals) && fs.readdirSync(journals).some((n) => !before.has(n))) break
    await new Promise((r) => setTimeout(r, 1))
  }
  const appeared = performance.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  await Promise.race([
    exited,
    new Promise<void>((r) => {
      timer = setTimeout(r, delayMs)
    }),
  ])
  clearTimeout(timer)
  if (!ended) child.kill('SIGKILL')
  await exited
  return { outcome: child.signalCode === 'SIGKILL' ? 'killed' : 'finished', mergeMs: performance.now() - appeared }
}

describe('dedupe killed with SIGKILL at random instants', () => {
  it(`every original path keeps its original bytes; the next run tidies up (seed ${SEED})`, async () => {
    const random = mulberry32(SEED)
    // how long a whole merge takes here, from its journal appearing: the kills land within it
    const probe = path.join(work, 'probe')
    corpus(probe, mulberry32(SEED))
    const calibration = await killedRun(probe, 60_000)
    expect(calibration.outcome).toBe('finished')
    let whole = Math.max(20, calibration.mergeMs)
    fs.rmSync(probe, { recursive: true })

    const started = performance.now()
    let runs = 0
    let killed = 0
    let leftBehind = 0
    for (; runs < RUNS && (runs < MIN_RUNS || performance.now() - started < BUDGET_MS); runs++) {
      const root = path.join(work, `run${runs}`)
      const originals = corpus(root, random)
      const bytes = contents(originals)
      const run = await killedRun(root, random() * whole)
      if (run.outcome === 'killed') killed++
      // a run that ended before its kill shows the merge is shorter now than at calibration (the host's
      // load varies): later kills land within the shortest merge seen
      else whole = Math.max(20, Math.min(whole, run.mergeMs))
      // right after the kill: every path is there with its bytes
      expect(contents(originals), `run ${runs}`).toEqual(bytes)
      leftBehind += extraNames(root, new Set(originals)).length
      // the next run tidies up and finishes
      const next = spawnSync(process.execPath, [CLI, 'dedupe', root, '--json'], { env: env(), encoding: 'utf8' })
      expect(next.status, next.stderr).toBe(0)
      expect(extraNames(root, new Set(originals)), `run ${runs}`).toEqual([])
      expect(contents(originals)).toEqual(bytes)
      for (let g = 0; g < GROUPS; g++) {
        const ids = new Set(originals.filter((p) => path.basename(p).startsWith(`g${g}-`)).map(idOf))
        expect(ids.size, `run ${runs} group ${g}: ${next.stdout}`).toBe(1)
      }
      fs.rmSync(root, { recursive: true })
    }
    // not vacuous: most runs were killed in the middle of their merge
    expect(runs).toBeGreaterThanOrEqual(MIN_RUNS)
    expect(killed).toBeGreaterThanOrEqual(runs / 2)
    console.log(
      `crash test: seed ${SEED}, ${runs} runs, ${killed} killed mid-merge, ${leftBehind} temporary names left by kills and tidied up`,
    )
  }, 300_000)
})
