// `npm start`: the desktop app where Electron is installed; otherwise one line saying so, then browser mode.
// Arguments after `--` are passed on (a folder to open).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)

function ensureBuilt() {
  if (existsSync(path.join(root, 'out', 'main', 'index.js')) && existsSync(path.join(root, 'out', 'renderer', 'index.html'))) return
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

/**
 * The Electron binary's path, fetching it once if npm skipped Electron's download script. Read the way
 * the electron package does (path.txt + dist/), without require('electron'), which would try a noisy
 * download of its own.
 */
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron')
  const find = () => {
    const pathTxt = path.join(pkg, 'path.txt')
    if (!existsSync(pathTxt)) return null
    const binary = path.join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim())
    return existsSync(binary) ? binary : null
  }
  const found = find()
  if (found || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || !existsSync(path.join(pkg, 'install.js'))) return found
  console.log('The Electron runtime is not installed yet; fetching it…')
  spawnSync(process.execPath, [path.join(pkg, 'install.js')], { stdio: 'ignore', timeout: 180_000 })
  return find()
}

ensureBuilt()
const electron = electronBinary()
if (electron) {
  const child = spawn(electron, [root, ...args], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log('Electron is not available on this machine, so Linkscope opens in browser mode instead (Ctrl+C to stop).')
  const child = spawn(process.execPath, [path.join(root, 'bin', 'linkscope.js'), 'serve', ...args], { stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}
