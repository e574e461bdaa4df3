// Bench: the two questions asked of a whole tree besides the scan, on the scan's bench tree (tree.mjs),
// in alternating rounds, warm cache:
//   names FILE --root ROOT     every name of one file        vs  find ROOT -samefile FILE (and bfs)
//   links-to DIR --root ROOT   every link leading into DIR   vs  find ROOT -lname '*/DIR*' (and bfs)
// find -lname only matches link texts, without resolving them (a relative link from inside DIR, or
// one through a folder link, is missed, and a look-alike name is taken): less work than links-to does,
// so it is a floor for the question, not the same answer. Goal: both faster than find.
// Run alone: node tests/bench/queries.bench.mjs
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

import { CLEAN_ENV, measure, median } from './scan.bench.mjs'
import { benchTree, checkBenchTree } from './tree.mjs'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 9
const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0
const cli = path.join(repo, 'bin', 'linkscope.js')

/** A file of the tree with extra hard-link names (the generator gives h0.dat a second name), found by name. */
function fileWithNames(root) {
  const r = spawnSync('find', [root, '-name', 'h0.dat', '-print', '-quit'], { encoding: 'utf8' })
  const file = r.stdout.trim()
  if (!file || fs.lstatSync(file).nlink < 2) throw new Error('bench tree: h0.dat with several names not found')
  return file
}

/** The folder with the most links leading into it among the root's children (by link text, as find sees them). */
function folderWithLinks(root) {
  return path.join(
    root,
    fs.readdirSync(root).find((n) => n === 'd1') ?? fs.readdirSync(root).find((n) => /^d\d+$/.test(n)),
  )
}

/** names prints one record with every path; links-to one record per link. */
const countFound = (stdout) =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .reduce((n, l) => {
      const r = JSON.parse(l)
      return n + (Array.isArray(r.paths) ? r.paths.length : 1)
    }, 0)

/** names must report the names find reports; links-to at least one link (find's count only matches texts). */
function check(label, ours, theirs, same) {
  const a = spawnSync(process.execPath, ours, { encoding: 'utf8', maxBuffer: 1 << 28, env: CLEAN_ENV })
  const b = spawnSync(theirs[0], theirs[1], { encoding: 'utf8', maxBuffer: 1 << 28 })
  const n = countFound(a.stdout)
  const m = b.stdout.trim().split('\n').filter(Boolean).length
  const ok = a.status === 0 && (same ? n === m : n > 0)
  console.log(`check ${label}: linkscope ${n}, find ${m} — ${ok ? 'agree' : 'DISAGREE'}`)
  if (!ok) throw new Error(`${label}: linkscope and find disagree (${a.stderr})`)
}

async function rounds(label, commands) {
  const runs = Object.fromEntries(Object.keys(commands).map((k) => [k, []]))
  for (const [cmd, args, ok, env] of Object.values(commands)) await measure(cmd, args, ok, env) // warm-up
  for (let i = 0; i < ROUNDS; i++) {
    for (const [name, [cmd, args, ok, env]] of Object.entries(commands))
      runs[name].push(await measure(cmd, args, ok, env))
  }
  const findMs = median(runs['GNU find'].map((r) => r.ms))
  for (const [name, list] of Object.entries(runs)) {
    const ms = median(list.map((r) => r.ms))
    console.log(
      `${label} ${name.padEnd(16)} median ${ms.toFixed(0).padStart(5)} ms  (${list.map((r) => r.ms.toFixed(0)).join(' ')})  ` +
        `${(ms / findMs).toFixed(2)}x find; peak RSS ${(Math.max(...list.map((r) => r.rssKiB)) / 1024).toFixed(1)} MiB`,
    )
  }
  const ratio = median(runs.linkscope.map((r) => r.ms)) / findMs
  console.log(
    `goal ${label} faster than find: ${ratio.toFixed(2)}x — ${ratio < 1 ? 'met' : 'NOT met'} (load ${os.loadavg()[0].toFixed(2)})`,
  )
}

export async function run() {
  const { root, shape } = benchTree(repo)
  console.log(
    `\n## Queries over the scan's tree (${shape.entries.toLocaleString('en')} entries), ${ROUNDS} alternating rounds, load ${os.loadavg()[0].toFixed(2)}`,
  )
  checkBenchTree(root, shape) // names FILE over a tree whose files have names elsewhere answers another question
  const file = fileWithNames(root)
  const names = {
    linkscope: [process.execPath, [cli, 'names', file, '--root', root, '--json'], [0], CLEAN_ENV],
    'GNU find': ['find', [root, '-samefile', file], [0, 1]],
    ...(onPath('bfs') ? { bfs: ['bfs', [root, '-samefile', file], [0, 1]] } : {}),
  }
  check('names', names.linkscope[1], names['GNU find'], true)
  await rounds('names', names)
  const dir = folderWithLinks(root)
  const pattern = `*/${path.basename(dir)}/*`
  const linksTo = {
    linkscope: [process.execPath, [cli, 'links-to', dir, '--root', root, '--json'], [0], CLEAN_ENV],
    'GNU find': ['find', [root, '-lname', pattern], [0, 1]],
    ...(onPath('bfs') ? { bfs: ['bfs', [root, '-lname', pattern], [0, 1]] } : {}),
  }
  check('links-to', linksTo.linkscope[1], linksTo['GNU find'], false)
  await rounds('links-to', linksTo)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run()
