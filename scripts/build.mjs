// One build for every part: esbuild bundles the Node side (Electron main, preload, engine workers, CLI),
// Vite builds the renderer. `--node-only` skips the renderer (tests that only need workers).
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

import { build as esbuild } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'out')
const nodeOnly = process.argv.includes('--node-only')

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Native or Electron-provided modules stay outside the bundle.
  external: ['electron', 'koffi'],
}

// Engine workers: every electron/engine/**/*-worker.ts becomes out/engine/<name>.js.
function workerEntries() {
  const found = {}
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith('-worker.ts')) found[e.name.replace(/\.ts$/, '')] = p
    }
  }
  walk(path.join(root, 'electron', 'engine'))
  return found
}

const started = Date.now()
await Promise.all([
  esbuild({ ...common, entryPoints: { index: 'electron/main/index.ts' }, outdir: path.join(out, 'main') }),
  // Sandboxed preloads can only require('electron') and a few built-ins: bundle everything else in.
  esbuild({ ...common, entryPoints: { index: 'electron/preload/index.ts' }, outdir: path.join(out, 'preload') }),
  esbuild({ ...common, entryPoints: workerEntries(), outdir: path.join(out, 'engine') }),
  esbuild({ ...common, entryPoints: { linkscope: 'electron/cli/index.ts' }, outdir: path.join(out, 'cli') }),
  esbuild({
    ...common,
    entryPoints: { helper: 'electron/elevation/helper-node.ts' },
    outdir: path.join(out, 'elevation'),
  }),
])

// The native folder lister (electron/engine/scan/native/, Linux and macOS): node-gyp builds it when its
// source is newer than the build, and it is copied to out/native/. A failed build prints one line and the
// scan uses node:fs instead (electron/engine/scan/native-scan.ts); it never fails the build.
function buildNativeScan() {
  if (process.platform === 'win32') return
  const dir = path.join(root, 'electron', 'engine', 'scan', 'native')
  const built = path.join(dir, 'build', 'Release', 'linkscope_scan.node')
  // Rebuilt when any source (.c, .h) or binding.gyp is newer than the build.
  const sources = readdirSync(dir).filter((f) => /\.(c|h)$/.test(f) || f === 'binding.gyp')
  const newest = Math.max(...sources.map((f) => statSync(path.join(dir, f)).mtimeMs))
  if (!existsSync(built) || statSync(built).mtimeMs < newest) {
    const npmDir = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm')
    const gyp = [
      process.env.npm_config_node_gyp,
      path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      path.join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    ].find((p) => p && existsSync(p))
    // Headers beside this node (…/include/node) need no download; an npm-configured nodedir wins.
    const prefix = path.resolve(path.dirname(process.execPath), '..')
    const args = ['rebuild', '--loglevel=error']
    if (!process.env.npm_config_nodedir && existsSync(path.join(prefix, 'include', 'node', 'node_api.h')))
      args.push(`--nodedir=${prefix}`)
    const r = gyp
      ? spawnSync(process.execPath, [gyp, ...args], { cwd: dir, encoding: 'utf8', timeout: 180_000 })
      : undefined
    if (!r || r.status !== 0 || !existsSync(built)) {
      const why = !r
        ? 'node-gyp not found'
        : (r.error?.message ??
          (r.stderr || r.stdout)
            .split('\n')
            .find((l) => /error/i.test(l))
            ?.trim() ??
          `node-gyp exited ${r.status}`)
      console.log(`native scanner not built (${why}); scans use node:fs`)
      rmSync(path.join(out, 'native', 'linkscope_scan.node'), { force: true }) // never an older build beside newer bundles
      return
    }
  }
  // Replace by rename, never in place: a running scan may have the old file mapped.
  const dest = path.join(out, 'native', 'linkscope_scan.node')
  if (existsSync(dest) && statSync(dest).mtimeMs >= statSync(built).mtimeMs) return
  mkdirSync(path.dirname(dest), { recursive: true })
  copyFileSync(built, `${dest}.${process.pid}`)
  renameSync(`${dest}.${process.pid}`, dest)
}
try {
  buildNativeScan()
} catch (e) {
  console.log(`native scanner not built (${e.message}); scans use node:fs`)
}

if (!nodeOnly) {
  const { build: viteBuild } = await import('vite')
  await viteBuild({ configFile: path.join(root, 'vite.config.mts'), logLevel: 'warn' })
}
if (!existsSync(path.join(out, 'cli', 'linkscope.js'))) throw new Error('build produced no CLI')
// The CLI's V8 code cache (bin/load-bundle.js), made by a separate node so only the bundle's own code is in it.
const cache = spawnSync(
  process.execPath,
  [path.join(root, 'bin', 'load-bundle.js'), path.join(out, 'cli', 'linkscope.js')],
  {
    encoding: 'utf8',
  },
)
if (cache.status !== 0)
  console.log(`CLI code cache not written (${(cache.stderr || cache.error?.message || '').trim()})`)
console.log(`built ${nodeOnly ? 'node side' : 'everything'} in ${Date.now() - started} ms`)
