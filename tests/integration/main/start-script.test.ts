/**
 * `npm start` (scripts/start.mjs) in a throw-away checkout whose node_modules/electron holds a stand-in
 * binary (the real one cannot run here): it opens the desktop app when that starts, and otherwise says
 * why in one line and opens browser mode. The download path runs Electron's real install script
 * against a mirror on 127.0.0.1.
 */
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { crc32 } from 'node:zlib'

import { afterAll, describe, expect, it } from 'vitest'

import { REPO } from '../../helpers/built'

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ls-start-')))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))
const ELECTRON_VERSION = JSON.parse(
  fs.readFileSync(path.join(REPO, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version as string

/** A checkout: the real start script and install script, the built app, and Electron's packages. */
function checkout(standIn?: string): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'checkout-'))
  fs.mkdirSync(path.join(dir, 'scripts'))
  for (const f of ['start.mjs', 'download-progress.mjs'])
    fs.copyFileSync(path.join(REPO, 'scripts', f), path.join(dir, 'scripts', f))
  for (const d of ['out', 'bin']) fs.symlinkSync(path.join(REPO, d), path.join(dir, d))
  const electron = path.join(dir, 'node_modules', 'electron')
  fs.mkdirSync(electron, { recursive: true })
  for (const f of ['install.js', 'package.json', 'checksums.json'])
    fs.copyFileSync(path.join(REPO, 'node_modules', 'electron', f), path.join(electron, f))
  for (const d of ['@electron', '@electron-internal'])
    fs.symlinkSync(path.join(REPO, 'node_modules', d), path.join(dir, 'node_modules', d))
  if (standIn !== undefined) {
    fs.mkdirSync(path.join(electron, 'dist'))
    fs.writeFileSync(path.join(electron, 'dist', 'electron'), standIn, { mode: 0o755 })
    fs.writeFileSync(path.join(electron, 'path.txt'), 'electron')
  }
  return dir
}

type Run = { code: number | null; signal: string | null; stdout: string; stderr: string; browserMode: boolean }

/** Run `node scripts/start.mjs ARGS` as npm would (INIT_CWD); stop it once browser mode is up. */
function start(dir: string, args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  // No desktop unless a test gives one: a developer's DISPLAY must not open real browsers.
  const fullEnv: Record<string, string | undefined> = {
    ...process.env,
    INIT_CWD: tmp,
    LINKSCOPE_CONFIG_DIR: path.join(tmp, 'config'),
    DISPLAY: undefined,
    WAYLAND_DISPLAY: undefined,
    ...env,
  }
  for (const [k, v] of Object.entries(fullEnv)) if (v === undefined) delete fullEnv[k]
  const child = spawn(process.execPath, [path.join(dir, 'scripts', 'start.mjs'), ...args], {
    cwd: dir,
    env: fullEnv as NodeJS.ProcessEnv,
  })
  let stdout = ''
  let stderr = ''
  let browserMode = false
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString()
    if (!browserMode && /Linkscope opens in browser mode at http:\/\/127\.0\.0\.1:\d+\/\S* because .*\n/.test(stdout)) {
      browserMode = true
      setTimeout(() => child.kill('SIGTERM'), 300)
    }
  })
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr, browserMode })
    }),
  )
}

const SANDBOX_ABORT = `#!/bin/sh
echo "[1:1127/101010.000:FATAL:sandbox/linux/suid/client/setuid_sandbox_host.cc:166] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now." >&2
kill -TRAP $$
`

describe('npm start', () => {
  it('falls back to browser mode when Electron aborts at the sandbox check, with the remedy in one line', async () => {
    const r = await start(checkout(SANDBOX_ABORT), [])
    expect(r.browserMode).toBe(true)
    // one line: where, and why (the server's own address line is folded into it)
    expect(r.stdout.trim().split('\n')).toHaveLength(1)
    const reason = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('Linkscope opens in browser mode at http://127.0.0.1:'))
    expect(reason).toHaveLength(1)
    expect(reason[0]).toMatch(
      /sandbox cannot start here .*sudo chown root:root \S+chrome-sandbox && sudo chmod 4755 \S+chrome-sandbox/,
    )
    expect(r.stderr).toContain('SUID sandbox helper binary') // Electron's own message is not hidden
  })

  it('falls back when Electron exits early with an error, and when it is missing', async () => {
    const early = await start(checkout('#!/bin/sh\necho "cannot open display" >&2\nexit 3\n'), [])
    expect(early.browserMode).toBe(true)
    expect(early.stdout).toContain('because Electron stopped before its window opened (exit code 3)')
    const missing = await start(checkout(), [], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })
    expect(missing.browserMode).toBe(true)
    expect(missing.stdout).toContain(
      'because the Electron runtime is not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set)',
    )
    const notExecutable = checkout('')
    fs.chmodSync(path.join(notExecutable, 'node_modules', 'electron', 'dist', 'electron'), 0o644)
    const broken = await start(notExecutable, [])
    expect(broken.browserMode).toBe(true)
    expect(broken.stdout).toMatch(/because Electron could not be started \(spawn \S+ EACCES\)/)
  })

  it('opens the default browser on the address where there is a desktop, unless --no-open', async () => {
    const bin = fs.mkdtempSync(path.join(tmp, 'bin-'))
    const opened = path.join(bin, 'opened.txt')
    fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${opened}'\n`, { mode: 0o755 })
    const desktop = { ELECTRON_SKIP_BINARY_DOWNLOAD: '1', DISPLAY: ':99', PATH: `${bin}:${process.env.PATH ?? ''}` }
    const r = await start(checkout(), [], desktop)
    const url = /browser mode at (\S+) because/.exec(r.stdout)?.[1]
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/)
    for (let i = 0; i < 100 && !fs.existsSync(opened); i++) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fs.readFileSync(opened, 'utf8')).toBe(`${url}\n`)
    fs.rmSync(opened)
    const quiet = await start(checkout(), ['--no-open'], desktop)
    expect(quiet.browserMode).toBe(true)
    expect(fs.existsSync(opened)).toBe(false)
    const headless = await start(checkout(), [], { ...desktop, DISPLAY: undefined }) // no desktop: nothing to open
    expect(headless.browserMode).toBe(true)
    expect(fs.existsSync(opened)).toBe(false)
  })

  it('runs the desktop app with the checkout and the arguments, from where npm start was typed', async () => {
    const seen = path.join(tmp, 'seen.txt')
    const app = `#!/bin/sh\nprintf '%s\\n' "$PWD" "$@" > '${seen}'\necho linkscope:ready\necho "main says hello"\nexit 0\n`
    const dir = checkout(app)
    const r = await start(dir, ['some folder'])
    expect(r).toMatchObject({ code: 0, browserMode: false })
    expect(r.stdout).toContain('main says hello')
    expect(r.stdout).not.toContain('linkscope:ready')
    expect(fs.readFileSync(seen, 'utf8').split('\n')).toEqual([tmp, dir, 'some folder', ''])
  })

  it('a second start (exit 0 without a window) does not open browser mode; a crash after the window exits non-zero', async () => {
    expect(await start(checkout('#!/bin/sh\nexit 0\n'), [])).toMatchObject({ code: 0, browserMode: false })
    expect(await start(checkout('#!/bin/sh\necho linkscope:ready\nkill -SEGV $$\n'), [])).toMatchObject({
      code: 1,
      browserMode: false,
    })
  })

  it('downloads a missing Electron with its progress shown, then starts it', async () => {
    const app = '#!/bin/sh\necho linkscope:ready\nexit 0\n'
    const zip = zipOf({
      electron: { data: Buffer.from(app), mode: 0o755 },
      'padding.bin': { data: randomBytes(3 * 1024 * 1024), mode: 0o644 },
    })
    const sums = `${createHash('sha256').update(zip).digest('hex')} *electron-v${ELECTRON_VERSION}-linux-${process.arch}.zip\n`
    const requests: string[] = []
    let serving = true
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? '')
      if (!serving) res.writeHead(404).end()
      else if (req.url?.endsWith('.zip')) res.writeHead(200, { 'Content-Length': zip.length }).end(zip)
      else if (req.url?.endsWith('SHASUMS256.txt')) res.writeHead(200).end(sums)
      else res.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as AddressInfo).port
      const env = (cache: string): Record<string, string | undefined> => ({
        ELECTRON_SKIP_BINARY_DOWNLOAD: undefined,
        ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
        electron_use_remote_checksums: '1',
        electron_config_cache: path.join(tmp, cache),
        ELECTRON_GET_USE_PROXY: undefined,
      })
      const r = await start(checkout(), [], env('cache'))
      expect(r).toMatchObject({ code: 0, browserMode: false })
      expect(requests).toContain(`/v${ELECTRON_VERSION}/electron-v${ELECTRON_VERSION}-linux-${process.arch}.zip`)
      const progress = r.stdout
        .split('\n')
        .filter((l) => l.startsWith(`Downloading electron-v${ELECTRON_VERSION}-linux-${process.arch}.zip: `))
      expect(progress.length).toBeGreaterThanOrEqual(2)
      expect(progress.at(-1)).toMatch(/: 100% \(3\.0 of 3\.0 MB\)$/)
      // a mirror that has nothing: one line with the reason, then browser mode
      serving = false
      const failed = await start(checkout(), [], env('empty-cache'))
      expect(failed.browserMode).toBe(true)
      expect(failed.stdout).toMatch(/because the Electron runtime could not be downloaded \(.*404.*\)/)
      // a failed download is not tried again on every start; --retry-electron tries once more
      const dir = checkout()
      await start(dir, [], env('empty-cache-2'))
      const before = requests.length
      const again = await start(dir, [], env('empty-cache-2'))
      expect(requests.length).toBe(before)
      expect(again.stdout).toMatch(
        /could not be downloaded earlier \(.*404.*; npm start -- --retry-electron tries again\)/,
      )
      expect(again.stdout).not.toContain('downloading it once')
      serving = true
      const retried = await start(dir, ['--retry-electron'], env('empty-cache-2'))
      expect(requests.length).toBeGreaterThan(before)
      expect(retried).toMatchObject({ code: 0, browserMode: false })
    } finally {
      server.close()
    }
  })
})

/** A zip with stored (uncompressed) entries and Unix modes, as Electron's extractor reads them. */
function zipOf(files: Record<string, { data: Buffer; mode: number }>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, { data, mode }] of Object.entries(files)) {
    const n = Buffer.from(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(n.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(n.length, 28)
    central.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, n, data)
    centrals.push(central, n)
    offset += local.length + n.length + data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  const count = Object.keys(files).length
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(count, 8)
  end.writeUInt16LE(count, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}
