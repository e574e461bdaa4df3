// `npm run setup`: npm ci that works everywhere. Electron's binary is fetched later by `npm start` if it
// can be; where downloads are blocked the install still succeeds and Linkscope runs in browser mode.
// npm's warnings are kept out of sight (a newcomer cannot tell them from failures); the one that matters,
// an old Node, is said here in one line. Errors still show.
import { spawnSync } from 'node:child_process'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
})
const major = Number(process.versions.node.split('.')[0])
if (r.status === 0 && major < 22) {
  console.log(
    `Installed. Linkscope runs on this Node ${process.versions.node}, but Node ${major} is past its end of life and Electron's build tools ask for Node 22 LTS: install Node 22 (nodejs.org, or your package manager) when you can.`,
  )
}
process.exit(r.status ?? 1)
