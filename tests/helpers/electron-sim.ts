/**
 * The desktop app without the Electron binary: the real main bundle under Node with a strict fake
 * `electron` (tests/electron-sim/), in the two layouts it ships in. `dev` is `npm start`'s (a checkout's
 * out/ and package.json); `packaged` is what electron-builder --dir makes with a stand-in Electron
 * binary, its app.asar opened into a folder of that name with the unpacked files taken out of it, so
 * anything loaded through the asar path that Electron could not load from there fails here too.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

export const REPO = path.resolve(__dirname, '..', '..')
const RUN_MAIN = path.join(REPO, 'tests', 'electron-sim', 'run-main.cjs')
/** A folder name with every character that Node's and Chromium's file URLs spell differently. */
export const AWKWARD_DIR = 'JOHNSM~1 [x] 100%'

export type Layout =
  { layout: 'dev'; execPath: string; appDir: string } | { layout: 'packaged'; execPath: string; resources: string }

/** A fresh parent folder whose path contains `~ [ ] %` and a space. */
export function awkwardTemp(prefix: string): string {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)))
  const dir = path.join(base, AWKWARD_DIR)
  fs.mkdirSync(dir)
  return dir
}

/** A checkout's layout: out/ and package.json, with Electron's binary in node_modules/electron/dist. */
export function devLayout(parent: string): Layout {
  const appDir = path.join(parent, 'linkscope')
  fs.mkdirSync(appDir)
  fs.cpSync(path.join(REPO, 'out'), path.join(appDir, 'out'), {
    recursive: true,
    filter: (src) => !src.endsWith('.map'),
  })
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(appDir, 'package.json'))
  return { layout: 'dev', execPath: path.join(appDir, 'node_modules', 'electron', 'dist', 'electron'), appDir }
}

/** Electron 45's fuse defaults in wire order, '1' on and '0' off (RunAsNode first). */
export const DEFAULT_FUSES = '101100011'
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'

/**
 * A stand-in Electron executable: a script that says it cannot run, carrying the fuse wire as the real
 * binary does (sentinel, wire version 1, wire length, one byte per fuse).
 */
export function standInElectronBinary(file: string, fuses = DEFAULT_FUSES): string {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(
    file,
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in for Electron: it cannot run here" >&2\nexit 1\n'),
      Buffer.from(`\n#${FUSE_SENTINEL}`),
      Buffer.from([1, fuses.length]),
      Buffer.from(fuses),
      Buffer.from('\n'),
    ]),
    { mode: 0o755 },
  )
  return file
}

/** The fuse wire of a binary as '0'/'1' characters, or null without one. */
export function fuseWire(file: string): string | null {
  const bin = fs.readFileSync(file)
  const at = bin.indexOf(FUSE_SENTINEL)
  if (at < 0) return null
  const start = at + FUSE_SENTINEL.length
  return bin.subarray(start + 2, start + 2 + (bin[start + 1] as number)).toString('latin1')
}

/** A stand-in for Electron's Linux dist folder. */
export function standInElectronDist(dir: string): string {
  standInElectronBinary(path.join(dir, 'electron'))
  fs.writeFileSync(path.join(dir, 'version'), '45.4.1')
  fs.writeFileSync(path.join(dir, 'chrome-sandbox'), '')
  return dir
}

/** electron-builder --linux dir, offline: a stand-in Electron, no native rebuild. Returns linux-unpacked. */
export function buildPackaged(parent: string): string {
  const dist = standInElectronDist(path.join(parent, 'electron-dist'))
  const output = path.join(parent, 'dist')
  execFileSync(
    process.execPath,
    [
      path.join(REPO, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      '--x64',
      `--config.electronDist=${dist}`,
      '--config.electronVersion=45.4.1',
      '--config.npmRebuild=false',
      `--config.directories.output=${output}`,
      '--publish=never',
    ],
    {
      cwd: REPO,
      stdio: 'pipe',
      env: { ...process.env, ELECTRON_BUILDER_OFFLINE: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    },
  )
  return path.join(output, 'linux-unpacked')
}

/** Open app.asar into a folder of that name, minus the files that ship unpacked beside it. */
export function packagedLayout(unpackedDir: string): Layout {
  const resources = path.join(unpackedDir, 'resources')
  const asarFile = path.join(resources, 'app.asar')
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const asar = require('@electron/asar') as { extractAll(archive: string, dest: string): void }
  const archive = `${asarFile}.archive`
  const unpacked = `${asarFile}.unpacked`
  fs.renameSync(asarFile, archive)
  fs.symlinkSync(unpacked, `${archive}.unpacked`) // where the extractor looks for the unpacked files
  asar.extractAll(archive, asarFile)
  fs.rmSync(`${archive}.unpacked`)
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(unpacked, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name)
      if (e.isDirectory()) walk(r)
      else fs.rmSync(path.join(asarFile, r), { force: true })
    }
  }
  walk('')
  fs.rmSync(archive)
  return { layout: 'packaged', execPath: path.join(unpackedDir, 'linkscope'), resources }
}

export type SimEvent = { type: string; [k: string]: unknown }
export type SimState = {
  calls: { api: string; ready: boolean; detail?: unknown }[]
  violations: string[]
  ready: boolean
  windows: {
    id: number
    options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>
    url: string | null
    shown: boolean
    bounds: { x: number; y: number; width: number; height: number }
    maximized: boolean
    destroyed: boolean
    destroyedChecks: number
  }[]
  privileged: { scheme: string; privileges: Record<string, boolean> }[]
  protocols: string[]
  handlers: string[]
  gate: { held: boolean; waiting: number; cancelled: string[] }
  execPath: string
  appPath: string | null
}

/** The main process, started as Electron would start it; commands go to run-main.cjs. */
export class SimMain {
  readonly events: SimEvent[] = []
  readonly uncaught: string[] = []
  private nextId = 1
  private readonly waiting = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void; timer: ReturnType<typeof setTimeout> }
  >()
  private stopping = false
  private readonly listeners = new Set<(e: SimEvent) => void>()
  private exited: Promise<number | null>

  private constructor(
    private readonly child: ChildProcess,
    readonly stderr: string[],
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)))
    // A main that dies fails what waits on it at once; one the test stops leaves nothing to fail later.
    child.once('exit', (code, signal) => {
      for (const w of this.waiting.values()) {
        clearTimeout(w.timer)
        if (!this.stopping) w.reject(new Error(`main exited (${code ?? signal}) before replying`))
      }
      this.waiting.clear()
    })
    child.on('message', (raw) => {
      const m = raw as {
        type: string
        id?: number
        value?: unknown
        error?: string
        event?: SimEvent
        message?: string
        stack?: string
      }
      if (m.type === 'reply' && m.id !== undefined) {
        const w = this.waiting.get(m.id)
        this.waiting.delete(m.id)
        if (w) clearTimeout(w.timer)
        if (m.error !== undefined) w?.reject(new Error(m.error))
        else w?.resolve(m.value)
      } else if (m.type === 'uncaught') {
        this.uncaught.push(`${m.message}\n${m.stack}`)
      } else {
        const e = m.type === 'event' ? (m.event as SimEvent) : (m as SimEvent)
        this.events.push(e)
        for (const l of this.listeners) l(e)
      }
    })
  }

  static start(
    layout: Layout,
    args: string[],
    opts: { cwd?: string; env?: Record<string, string>; lockTaken?: boolean } = {},
  ): SimMain {
    const config = { ...layout, args, lockTaken: opts.lockTaken ?? false }
    const stderr: string[] = []
    // Electron's own folders (userData, downloads): removed here once main exits, even when it was killed.
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-sim-user-'))
    const child = fork(RUN_MAIN, [], {
      cwd: opts.cwd ?? os.tmpdir(),
      env: { ...process.env, ...opts.env, SIM_CONFIG: JSON.stringify(config), SIM_HOME: home },
      serialization: 'advanced',
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
    })
    child.once('exit', () => fs.rmSync(home, { recursive: true, force: true }))
    child.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()))
    child.stdout?.resume()
    return new SimMain(child, stderr)
  }

  get stdin(): NodeJS.WritableStream {
    return this.child.stdin as NodeJS.WritableStream
  }
  get stdout(): NodeJS.ReadableStream {
    return this.child.stdout as NodeJS.ReadableStream
  }

  /** Send a harness command; a reply that never comes fails with the command's name, not a test timeout. */
  request<T>(command: Record<string, unknown>, ms = 20_000): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id)
        const exited = this.child.exitCode ?? this.child.signalCode
        const channel = command.channel ? ` (${String(command.channel)})` : ''
        reject(
          new Error(
            `harness command ${JSON.stringify(command.type)}${channel} got no reply within ${ms} ms; ` +
              `main ${exited === null ? 'still running' : `exited (${exited})`}; stderr: ${this.stderr.join('')}`,
          ),
        )
      }, ms)
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, timer })
      this.child.send({ ...command, id })
    })
  }

  state(): Promise<SimState> {
    return this.request<SimState>({ type: 'state' })
  }

  /** Resolve with the first event (past or future) that matches, or fail after `ms`. */
  waitFor(match: (e: SimEvent) => boolean, ms = 20_000, what = 'event'): Promise<SimEvent> {
    const seen = this.events.find(match)
    if (seen) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(l)
        reject(new Error(`no ${what} within ${ms} ms; stderr: ${this.stderr.join('')}`))
      }, ms)
      const l = (e: SimEvent): void => {
        if (match(e)) {
          clearTimeout(timer)
          this.listeners.delete(l)
          resolve(e)
        }
      }
      this.listeners.add(l)
    })
  }

  onEvent(listener: (e: SimEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  exitCode(): Promise<number | null> {
    return this.exited
  }

  async stop(): Promise<void> {
    this.stopping = true
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    this.child.kill('SIGKILL')
    await this.exited
  }
}
