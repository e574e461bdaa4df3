import { execFileSync } from 'node:child_process'
import * as path from 'node:path'

/** Worker threads load built bundles (out/engine/*.js), so build the Node side once per test run. */
export default function setup(): void {
  const root = path.resolve(__dirname, '..', '..')
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--node-only'], {
    cwd: root,
    stdio: 'inherit',
  })
}
