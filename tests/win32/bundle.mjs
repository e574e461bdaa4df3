// Bundles every tests/win32/*.test.ts into one CommonJS file for the Windows build of Node.
// koffi stays external: it is resolved at run time from .cache/win32/node_modules (its win32 build).
// The elevated helper entry (fixtures/helper-entry.ts) becomes helper.js next to it, for the tests that
// start it as a second process.
// The suite's own walks (dedupe.test.ts) start the built scan worker from <outfile's folder>/../engine,
// so the built engine (out/engine, from scripts/build.mjs) is copied there: run.sh and the Windows
// workflow both get it from here.
// Usage: node tests/win32/bundle.mjs <outfile>
// LINKSCOPE_WIN32_TESTS=hardlinks,reparse bundles only those files (while working on them; npm test runs all).
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

import { build } from 'esbuild'

const here = path.dirname(fileURLToPath(import.meta.url))
const outfile = process.argv[2]
if (!outfile) throw new Error('usage: bundle.mjs <outfile>')
const only = process.env.LINKSCOPE_WIN32_TESTS?.split(',').map((n) => `${n.trim()}.test.ts`)
const tests = readdirSync(here)
  .filter((f) => f.endsWith('.test.ts') && (!only || only.includes(f)))
  .sort()
if (tests.length === 0) throw new Error(`no *.test.ts in ${here}`)

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['koffi'],
  sourcemap: 'inline',
  logLevel: 'warning',
}
await build({
  ...common,
  entryPoints: [path.join(here, 'fixtures', 'helper-entry.ts')],
  outfile: path.join(path.dirname(outfile), 'helper.js'),
})
await build({
  stdin: {
    contents: tests.map((f) => `import './${f}'`).join('\n'),
    resolveDir: here,
    sourcefile: 'win32-suite.ts',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['koffi'],
  sourcemap: 'inline',
  logLevel: 'warning',
  outfile,
})
const builtEngine = path.join(here, '..', '..', 'out', 'engine')
if (!existsSync(path.join(builtEngine, 'scan-worker.js')))
  throw new Error(`${builtEngine} has no scan-worker.js: run node scripts/build.mjs first`)
const engineCopy = path.join(path.dirname(path.resolve(outfile)), '..', 'engine')
rmSync(engineCopy, { recursive: true, force: true })
cpSync(builtEngine, engineCopy, { recursive: true })
console.log(`bundled ${tests.length} test files: ${tests.join(' ')}; built engine copied to ${engineCopy}`)
