// `npm start`: the desktop app where Electron can run; otherwise browser mode, announced in one line that
// says why and where, with the default browser opened on it. Arguments after `--` are passed on (a folder
// to open), relative to where `npm start` was typed, except two of this script's own:
//   --no-open          do not open a browser (browser mode)
//   --retry-electron   try the Electron download again after it failed once
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OWN = ['--no-open', '--retry-electron']
const args = process.argv.slice(2).filter((a) => !OWN.includes(a))
const noOpen = process.argv.includes('--no-open')
const retryElectron = process.argv.includes('--retry-electron')
/** A failed download is remembered here, so later starts do not wait for it again. */
const failedDownload = path.join(root, 'node_modules', '.cache', 'linkscope', 'electron-download-failed.json')
// npm runs scripts in the package folder; INIT_CWD is where the person typed the command.
const cwd = process.env.INIT_CWD && existsSync(process.env.INIT_CWD) ? process.env.INIT_CWD : process.cwd()
/** What the app's main process prints once its window is shown (only when asked, by this variable). */
const READY_LINE = 'linkscope:ready'

function ensureBuilt() {
  if (
    existsSync(path.join(root, 'out', 'main', 'index.js')) &&
    existsSync(path.join(root, 'out', 'renderer', 'index.html'))
  )
    return
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

/**
 * The Electron binary's path, fetching it once (with its progress shown) if npm skipped Electron's
 * download script. Read the way the electron package does (path.txt + dist/), without require('electron'),
 * which would try a download of its own. Returns { binary } or { why } in a few words.
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
  if (found) return { binary: found }
  if (!existsSync(path.join(pkg, 'install.js')))
    return { why: 'the electron package is not installed (run npm install)' }
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD)
    return { why: 'the Electron runtime is not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set)' }
  if (retryElectron) rmSync(failedDownload, { force: true })
  const earlier = readFailure()
  if (earlier)
    return {
      why: `the Electron runtime could not be downloaded earlier (${earlier}; npm start -- --retry-electron tries again)`,
    }
  console.log('The Electron runtime is not installed yet; downloading it once…')
  const r = spawnSync(
    process.execPath,
    ['--import', path.join(root, 'scripts', 'download-progress.mjs'), path.join(pkg, 'install.js')],
    { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' },
  )
  const binary = find()
  if (binary) return { binary }
  const error = (r.error?.message ?? r.stderr ?? '')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /error|fail|refused|not found|ENOTFOUND|ECONN/i.test(l))
  const reason = error ?? `exit ${r.status}`
  rememberFailure(reason)
  return { why: `the Electron runtime could not be downloaded (${reason})` }
}

function readFailure() {
  try {
    return JSON.parse(readFileSync(failedDownload, 'utf8')).reason
  } catch {
    return undefined
  }
}

function rememberFailure(reason) {
  try {
    mkdirSync(path.dirname(failedDownload), { recursive: true })
    writeFileSync(failedDownload, JSON.stringify({ reason, at: new Date().toISOString() }))
  } catch {
    // not remembered: the next start tries again, which is only slower
  }
}

/** The default browser on `url`, where there is a desktop to show it on; quietly nothing elsewhere. */
function openBrowser(url) {
  const command =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/d', '/c', 'start', '""', url.replace(/&/g, '^&')]]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ['xdg-open', [url]]
          : null
  if (!command) return
  const child = spawn(command[0], command[1], {
    stdio: 'ignore',
    detached: true,
    windowsVerbatimArguments: process.platform === 'win32',
  })
  child.on('error', () => {}) // no opener installed: the address printed is enough
  child.unref()
}

/** Linux only: is this the Chromium sandbox refusing to start (Ubuntu 24.04+ restricts user namespaces)? */
function sandboxRefusal(stderr, binary) {
  if (!/SUID sandbox helper binary|setuid_sandbox|No usable sandbox|unprivileged_userns/i.test(stderr)) return null
  const helper = path.join(path.dirname(binary), 'chrome-sandbox')
  const owned = existsSync(helper) && statSync(helper).uid === 0 && (statSync(helper).mode & 0o4755) === 0o4755
  return owned
    ? "Electron's sandbox could not start on this system"
    : `Electron's sandbox cannot start here (this Linux restricts unprivileged user namespaces; to allow it: sudo chown root:root ${helper} && sudo chmod 4755 ${helper})`
}

/** The server's own announcement ("Linkscope is running at URL"), which the one line here replaces. */
const RUNNING = /^Linkscope is running at (\S+)$/

function browserMode(why) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'linkscope.js'), 'serve', ...args], {
    stdio: ['inherit', 'pipe', 'inherit'],
    cwd,
  })
  let announced = false
  let pending = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk) => {
    if (announced) {
      process.stdout.write(chunk)
      return
    }
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop()
    for (const line of lines) {
      const url = announced ? null : RUNNING.exec(line)?.[1]
      if (!url) {
        process.stdout.write(`${line}\n`)
        continue
      }
      announced = true
      console.log(`Linkscope opens in browser mode at ${url} because ${why}. (Ctrl+C to stop.)`)
      if (!noOpen) openBrowser(url)
    }
    if (announced && pending) {
      process.stdout.write(pending)
      pending = ''
    }
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

/** Run the desktop app; if it stops before its window showed, say why and open browser mode. */
function desktop(binary) {
  const child = spawn(binary, [root, ...args], {
    cwd,
    stdio: ['inherit', 'pipe', 'pipe'],
    env: { ...process.env, LINKSCOPE_NOTIFY_READY: '1' },
  })
  let ready = false
  let stderr = ''
  let pending = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk) => {
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop()
    for (const line of lines) {
      if (line === READY_LINE) ready = true
      else process.stdout.write(`${line}\n`)
    }
  })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk) => {
    if (!ready && stderr.length < 65_536) stderr += chunk
    process.stderr.write(chunk)
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  let failed = false
  child.on('error', (e) => {
    failed = true
    browserMode(`Electron could not be started (${e.message})`)
  })
  child.on('exit', (code, signal) => {
    if (failed) return
    if (pending) process.stdout.write(pending)
    // Exit 0 before a window: a second start that handed its arguments to the running app.
    if (ready || (code === 0 && !signal)) process.exit(signal ? 1 : (code ?? 0))
    browserMode(
      sandboxRefusal(stderr, binary) ??
        `Electron stopped before its window opened (${signal ? `signal ${signal}` : `exit code ${code}`})`,
    )
  })
}

ensureBuilt()
const electron = electronBinary()
if (electron.binary) desktop(electron.binary)
else browserMode(electron.why)
