// `npm run setup`: npm ci that works everywhere. Electron's binary is fetched later by `npm start` if it
// can be; where downloads are blocked the install still succeeds and Linkscope runs in browser mode.
// npm's warnings are kept out of sight (a newcomer cannot tell them from failures: Electron's build tools
// print a wall of EBADENGINE lines on Node 20 although everything works); the one that matters, an old
// Node, is said here in one line. Errors still show.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const NODE_22 = 'install Node 22 LTS (nodejs.org, nvm install 22, or your package manager)'

/** [major, minor, patch] of "20.19.2", ">=20.19" and the like; missing parts are 0. */
const versionOf = (text) => (/(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text) ?? []).slice(1, 4).map((n) => Number(n ?? 0))
const older = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]

const wanted = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines?.node ?? ''
const current = versionOf(process.versions.node)
if (wanted && older(current, versionOf(wanted)) < 0) {
  console.error(
    `Linkscope needs Node ${wanted}, and this is Node ${process.versions.node}: ${NODE_22}, then run npm run setup again.`,
  )
  process.exit(1)
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
})
if (r.status === 0 && current[0] < 22) {
  console.log(
    `Installed. Linkscope runs on this Node ${process.versions.node}; npm's engine warnings about Electron's build tools (they ask for Node 22) are hidden, as Node ${current[0]} is past its end of life: ${NODE_22} when you can.`,
  )
}
process.exit(r.status ?? 1)
