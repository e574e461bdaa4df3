// `npm run setup`: npm ci that works everywhere. Electron's binary is fetched later by `npm start` if it
// can be; where downloads are blocked the install still succeeds and Linkscope runs in browser mode.
import { spawnSync } from 'node:child_process'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
})
process.exit(r.status ?? 1)
