// Bench: finding and merging duplicates on a generated corpus (dupes-corpus.mjs).
// Find: `linkscope dupes ROOT --json` against `jdupes -r`, `rdfind -dryrun true` and `fdupes -r`, in
// alternating rounds on a warm cache, then once each on a cold cache where the page cache can be dropped
// (root). Merge: `linkscope dedupe ROOT --json` against `jdupes -rL` (jdupes -L: hard-link duplicates),
// each on its own fresh copy of the corpus (copying is not timed).
// Checked: linkscope's groups equal the corpus's reference groups (every group found, no false group),
// and after the merge every reference group is one file. Goals (issue 15): find ≤ 0.5x jdupes and
// faster than the fastest of the three; merge ≤ 1.0x jdupes; peak RSS ≤ 200 MiB.
// Run alone: node tests/bench/dupes.bench.mjs   (scale: BENCH_DUPES_FILES, BENCH_DUPES_BIG_MIB; BENCH_COLD=0:
// warm cache only). The issue's full size: BENCH_DUPES_FILES=100000 BENCH_DUPES_BIG_MIB=100 (1.8 GiB).
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

import { dupesCorpus } from './dupes-corpus.mjs'
import { CLEAN_ENV, dropCaches, measure, median } from './scan.bench.mjs'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const CLI = path.join(repo, 'bin', 'linkscope.js')
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3
const GOAL_FIND = 0.5
const GOAL_MERGE = 1.0
const GOAL_RSS_MIB = 200

const idOf = (p) => {
  const st = fs.statSync(p)
  return `${st.dev}:${st.ino}`
}
/** Groups as a comparable set: each group the sorted ids of its distinct files. */
const groupKeys = (groups) =>
  new Set(groups.map((paths) => [...new Set(paths.map(idOf))].sort().join(' ')).filter((k) => k.includes(' ')))

function checkFind(root, reference) {
  const r = spawnSync(process.execPath, [CLI, 'dupes', root, '--json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: CLEAN_ENV,
  })
  if (r.status !== 0) throw new Error(`dupes failed: ${r.stderr}`)
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
  const found = groupKeys(lines.filter((l) => 'paths' in l).map((l) => l.paths))
  const want = groupKeys(reference)
  const missing = [...want].filter((k) => !found.has(k)).length
  const extra = [...found].filter((k) => !want.has(k)).length
  const summary = lines.at(-1).summary
  console.log(
    `check: linkscope found ${found.size} groups, the reference has ${want.size}: ${missing} missing, ${extra} false — ${missing + extra === 0 ? 'equal' : 'DIFFERENT'}; ` +
      `${summary.files} files in groups, ${(summary.reclaimable / 2 ** 20).toFixed(1)} MiB reclaimable`,
  )
  if (missing + extra > 0) throw new Error('dupes disagrees with the reference')
}

/** A fresh copy of the corpus with its hard links (cp -a), for a merge to change. */
function copyOf(root, base, name) {
  const dest = path.join(base, name)
  fs.rmSync(dest, { recursive: true, force: true })
  const r = spawnSync('cp', ['-a', root, dest])
  if (r.status !== 0) throw new Error(`cp -a failed: ${r.stderr}`)
  // the copy's data on disk before the clock starts: else the first tool to sync anything (linkscope's
  // journal) waits for the whole copy to be written back, and one that never syncs leaves it to the next
  spawnSync('sync')
  return dest
}

function checkMerged(copy, root, reference, who) {
  const rel = (p) => path.join(copy, path.relative(root, p))
  const split = reference.filter((g) => new Set(g.map((p) => idOf(rel(p)))).size !== 1).length
  console.log(
    `check: after ${who}, ${reference.length - split} of ${reference.length} reference groups are one file${split ? ` (${split} are not)` : ''}`,
  )
}

const line = (name, list, baseMs) => {
  const ms = median(list.map((r) => r.ms))
  const rss = Math.max(...list.map((r) => r.rssKiB)) / 1024
  console.log(
    `${name.padEnd(22)} median ${ms.toFixed(0).padStart(6)} ms  (${list.map((r) => r.ms.toFixed(0)).join(' ')})  ` +
      `${baseMs ? `${(ms / baseMs).toFixed(2)}x jdupes; ` : ''}peak RSS ${rss.toFixed(1)} MiB; CPU median ${median(list.map((r) => r.cpuMs)).toFixed(0)} ms`,
  )
  return { ms, rss }
}

export async function run() {
  const missingTools = ['jdupes', 'rdfind', 'fdupes'].filter(
    (t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0,
  )
  if (missingTools.length) {
    console.log(`\n## Dupes: skipped, ${missingTools.join(', ')} missing (bash scripts/install-system-deps.sh)`)
    return
  }
  const started = performance.now()
  const { base, root, shape, groups } = dupesCorpus(repo)
  const du = spawnSync('du', ['-sm', root], { encoding: 'utf8' }).stdout.split('\t')[0]
  console.log(
    `\n## Dupes: ${shape.files.toLocaleString('en')} files + 4 large (${shape.bigMiB} MiB), ${du} MiB, ${groups.length} reference groups, in ${root}`,
  )
  console.log(`${ROUNDS} alternating rounds after one warm-up each, warm page cache; ${os.availableParallelism()} CPUs`)
  const loadBefore = os.loadavg()[0]
  console.log(
    `load average at the start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  checkFind(root, groups)
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-bench-rdfind-')) // rdfind writes results.txt in its folder
  const find = {
    'linkscope dupes': [process.execPath, [CLI, 'dupes', root, '--json'], [0], CLEAN_ENV],
    'jdupes -r': ['jdupes', ['-r', '-q', root], [0, 1]],
    'rdfind -dryrun true': ['sh', ['-c', `cd "${work}" && exec rdfind -dryrun true "${root}"`], [0]],
    'fdupes -r': ['fdupes', ['-r', '-q', root], [0, 1]],
    // the floor under any node CLI: the ratio to jdupes cannot go below this line's
    'node -e 0 (start-up)': [process.execPath, ['-e', '0'], [0], CLEAN_ENV],
  }
  const runs = Object.fromEntries(Object.keys(find).map((k) => [k, []]))
  for (const [cmd, args, ok, env] of Object.values(find)) await measure(cmd, args, ok, env)
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, [cmd, args, ok, env]] of Object.entries(find)) runs[name].push(await measure(cmd, args, ok, env))
  }
  const jd = median(runs['jdupes -r'].map((r) => r.ms))
  const res = Object.fromEntries(Object.entries(runs).map(([n, l]) => [n, line(n, l, jd)]))
  const fastestOther = Math.min(res['jdupes -r'].ms, res['rdfind -dryrun true'].ms, res['fdupes -r'].ms)
  const ours = res['linkscope dupes']
  console.log(
    `goal find ≤ ${GOAL_FIND}x jdupes: ${(ours.ms / jd).toFixed(2)}x — ${ours.ms / jd <= GOAL_FIND ? 'met' : 'NOT met'}; ` +
      `faster than the fastest other (${fastestOther.toFixed(0)} ms): ${ours.ms < fastestOther ? 'met' : 'NOT met'}; ` +
      `peak RSS ≤ ${GOAL_RSS_MIB} MiB: ${ours.rss.toFixed(1)} MiB — ${ours.rss <= GOAL_RSS_MIB ? 'met' : 'NOT met'}`,
  )

  // BENCH_COLD=0: leave the page cache alone (dropping it slows everything else running on the host)
  if (process.env.BENCH_COLD === '0') console.log('cold cache: not measured (BENCH_COLD=0)')
  else if (dropCaches()) {
    for (const [name, [cmd, args, ok, env]] of Object.entries(find)) {
      dropCaches()
      const r = await measure(cmd, args, ok, env)
      console.log(`cold cache: ${name.padEnd(22)} ${r.ms.toFixed(0).padStart(6)} ms`)
    }
  } else console.log('cold cache: not measured (dropping the page cache needs root)')

  // merge, each tool on its own copy; linkscope journals into a state folder of the bench's own
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-bench-state-'))
  const merge = { 'linkscope dedupe': [], 'jdupes -rL': [] }
  for (let round = 0; round < Math.min(ROUNDS, 2); round++) {
    const a = copyOf(root, base, 'merge-linkscope')
    merge['linkscope dedupe'].push(
      await measure(process.execPath, [CLI, 'dedupe', a, '--json'], [0], { ...CLEAN_ENV, LINKSCOPE_STATE_DIR: state }),
    )
    const b = copyOf(root, base, 'merge-jdupes')
    merge['jdupes -rL'].push(await measure('jdupes', ['-rLq', b], [0, 1]))
  }
  const mj = median(merge['jdupes -rL'].map((r) => r.ms))
  const mres = Object.fromEntries(Object.entries(merge).map(([n, l]) => [n, line(n, l, mj)]))
  checkMerged(path.join(base, 'merge-linkscope'), root, groups, 'linkscope dedupe')
  checkMerged(path.join(base, 'merge-jdupes'), root, groups, 'jdupes -rL')
  const mr = mres['linkscope dedupe'].ms / mj
  console.log(
    `goal merge ≤ ${GOAL_MERGE}x jdupes: ${mr.toFixed(2)}x — ${mr <= GOAL_MERGE ? 'met' : 'NOT met'} ` +
      '(linkscope syncs its journal before every change and compares bytes before every link; jdupes does neither)',
  )
  for (const d of ['merge-linkscope', 'merge-jdupes']) fs.rmSync(path.join(base, d), { recursive: true, force: true })
  fs.rmSync(state, { recursive: true, force: true })
  fs.rmSync(work, { recursive: true, force: true })
  const load = Math.max(loadBefore, os.loadavg()[0])
  console.log(
    `dupes section took ${((performance.now() - started) / 1000).toFixed(0)} s` +
      (load > 1 ? `; load average up to ${load.toFixed(2)}: other work shared the CPUs, so figures vary` : ''),
  )
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run()
