/** Paths of the built bundles (vitest's globalSetup builds them) for tests that start real workers. */
import { spawnSync } from 'node:child_process'
import * as path from 'node:path'

import { expect } from 'vitest'

export const REPO = path.resolve(__dirname, '..', '..')
export const ENGINE_WORKER = path.join(REPO, 'out', 'engine', 'engine-worker.js')
export const CLI = path.join(REPO, 'bin', 'linkscope.js')

/** Run the built CLI with `args` (LINKSCOPE_SCAN_NATIVE set to `native`), expect success, and parse its JSON lines. */
export function cliJsonLines<T>(args: readonly string[], native: '0' | '1'): T[] {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LINKSCOPE_SCAN_NATIVE: native },
  })
  expect(r.status, r.stderr).toBe(0)
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as T)
}
