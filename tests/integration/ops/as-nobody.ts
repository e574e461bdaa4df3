/**
 * Runs a link operation as the unprivileged user `nobody`, for permission failures that root (which
 * the tests run as) never meets. The ops module is bundled into the world-readable stage, and a
 * child process started as that user (tests/helpers/as-user.ts) calls it and prints the outcome as
 * one JSON line.
 */
import type { AppError } from '../../../shared/errors'
import { runAsOtherUser, type Stage } from '../../helpers/as-user'

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError }

const RUNNER = `
const ops = require(process.argv[1])
try {
  const value = ops[process.argv[2]](...JSON.parse(process.argv[3]))
  process.stdout.write(JSON.stringify({ ok: true, value }))
} catch (e) {
  process.stdout.write(JSON.stringify({ ok: false, error: { code: e.code, message: e.message, path: e.path } }))
}`

/** Call `ops[fn](...args)` as nobody, with electron/engine/ops bundled into `stage`. */
export function opAsNobody<T>(stage: Stage, fn: string, args: unknown[]): Outcome<T> {
  const bundle = stage.bundle('electron/engine/ops/index.ts')
  const r = runAsOtherUser(process.execPath, ['-e', RUNNER, bundle, fn, JSON.stringify(args)])
  if (r.status !== 0) throw new Error(`runner failed (${r.status}): ${r.stderr}`)
  return JSON.parse(r.stdout) as Outcome<T>
}
