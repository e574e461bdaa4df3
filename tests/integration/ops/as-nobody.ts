/**
 * Runs a link operation as the unprivileged user `nobody`, for permission failures that root (which
 * the tests run as) never meets. The ops module is bundled into a world-readable temp file, and a
 * child process started with setpriv calls it and prints the outcome as one JSON line.
 */
import { buildSync } from 'esbuild'
import * as fs from 'node:fs'
import * as path from 'node:path'
import type { AppError } from '../../../shared/errors'
import { runAsNobody } from '../../helpers/link-tree'

const REPO = path.resolve(__dirname, '..', '..', '..')

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError }

/** Bundle electron/engine/ops into `dir` (made world-readable); returns the bundle's path. */
export function bundleOps(dir: string): string {
  const outfile = path.join(dir, 'ops.cjs')
  buildSync({
    entryPoints: [path.join(REPO, 'electron', 'engine', 'ops', 'index.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning',
  })
  fs.chmodSync(dir, 0o755)
  fs.chmodSync(outfile, 0o644)
  return outfile
}

const RUNNER = `
const ops = require(process.argv[1])
try {
  const value = ops[process.argv[2]](...JSON.parse(process.argv[3]))
  process.stdout.write(JSON.stringify({ ok: true, value }))
} catch (e) {
  process.stdout.write(JSON.stringify({ ok: false, error: { code: e.code, message: e.message, path: e.path } }))
}`

/** Call `ops[fn](...args)` as nobody. */
export function opAsNobody<T>(bundle: string, fn: string, args: unknown[]): Outcome<T> {
  const r = runAsNobody(process.execPath, ['-e', RUNNER, bundle, fn, JSON.stringify(args)])
  if (r.status !== 0) throw new Error(`runner failed (${r.status}): ${r.stderr}`)
  return JSON.parse(r.stdout) as Outcome<T>
}
