// `npm run bench` (after a build): runs each bench section in order. A section is a module exporting
// `run()`; sections whose file is absent are skipped with a note. Run one alone with `node tests/bench/<name>.bench.mjs`.
import { existsSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const SECTIONS = [
  { name: 'scan', file: 'scan.bench.mjs' }, // whole-tree scan vs GNU find and symlinks -r
  { name: 'queries', file: 'queries.bench.mjs' }, // names and links-to vs find -samefile and -lname
  { name: 'list', file: 'list.bench.mjs' }, // one 100k-entry folder vs ls -lU
  { name: 'dupes', file: 'dupes.bench.mjs' }, // duplicate finding and merging vs jdupes, rdfind, fdupes
  { name: 'trees', file: 'trees.bench.mjs' }, // copy vs cp -a, compare vs diff -rq
  { name: 'move', file: 'move.bench.mjs' }, // move with a link left vs cp -a + rm -rf + ln -s; retarget-prefix of 10k links
]

if (!existsSync(path.join(here, '..', '..', 'out', 'cli', 'linkscope.js'))) {
  console.error('bench: nothing built; run `npm run bench` (it builds first) or `node scripts/build.mjs --node-only`')
  process.exit(1)
}
const only = process.argv.slice(2)
for (const s of SECTIONS) {
  if (only.length > 0 && !only.includes(s.name)) continue
  const file = path.join(here, s.file)
  if (!existsSync(file)) {
    console.log(`\n## ${s.name}: ${s.file} not present, skipped`)
    continue
  }
  const mod = await import(pathToFileURL(file).href)
  await mod.run()
}
