/**
 * Starts the elevated helper and talks to it (Linux; Windows has win32/launcher.ts). The helper is a child
 * process whose standard input and output are this process's pipes: nobody else holds them, so there is
 * no socket or rendezvous file to find, swap or enter. A one-time token (only its hash goes to the helper
 * at start) still guards every request. Elevation goes through /usr/bin/pkexec, for a root-owned install
 * only (install-check.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError } from '../../shared/errors'
import type { CreateLinkRequest, RetargetRequest } from '../../shared/types/ops'
import { outsideAsar } from '../engine/fs/outside-asar'
import { fingerprintOf } from './fingerprint'
import { requireProtectedInstall } from './install-check'
import { lineReader } from './line-reader'
import { describeOp, type ElevatedOp, type ElevatedReply, MAX_REQUEST_BYTES } from './protocol'

export const defaultHelperScript = (): string => outsideAsar(path.join(__dirname, '..', 'elevation', 'helper.js'))

/** Found by its full path: a `pkexec` earlier in $PATH could be anyone's. */
export const PKEXEC = '/usr/bin/pkexec'

/** Describe each operation together with what its paths and folders look like now (tests and the CLI). */
export const plan = {
  create: (req: CreateLinkRequest): ElevatedOp => describeOp({ op: 'create', req }, fingerprintOf),
  remove: (p: string): ElevatedOp => describeOp({ op: 'remove', path: p }, fingerprintOf),
  retarget: (req: RetargetRequest): ElevatedOp => describeOp({ op: 'retarget', req }, fingerprintOf),
}

export type HelperClient = {
  readonly pid: number
  /** the token, for tests that must prove a wrong one is refused */
  readonly token: string
  send(ops: ElevatedOp[], token?: string): Promise<ElevatedReply>
  close(): Promise<void>
}

/** The app to run elevated: its executable, and in development the app folder Electron loads. */
export type ElevatedApp = { exe: string; appPath?: string }

export type LaunchOptions = {
  /** run as administrator: pkexec on this app's own executable, which must be a root-owned install */
  elevate: boolean
  /** the app to elevate (default: this executable, packaged) */
  app?: ElevatedApp
  /** the command to run instead (tests: the helper as this user, or a stand-in for pkexec) */
  command?: readonly string[]
  idleMs?: number
}

/** The packaged app runs its helper itself (`--elevated-helper`); pkexec gives it a clean environment. */
export function elevatedCommand(app: ElevatedApp = { exe: process.execPath }): string[] {
  requireProtectedInstall(path.dirname(app.exe))
  if (app.appPath !== undefined) requireProtectedInstall(app.appPath)
  if (!fs.existsSync(PKEXEC)) {
    throw new LinkError(
      'PRIVILEGE_REQUIRED',
      `This needs administrator rights, and pkexec (polkit) is not installed at ${PKEXEC} to ask for them. Do it in a terminal with sudo, or choose a folder you may write to.`,
    )
  }
  // Chromium refuses to start as root with its sandbox on; the helper opens no window and renders nothing.
  return [
    PKEXEC,
    app.exe,
    ...(app.appPath !== undefined ? [app.appPath] : []),
    '--elevated-helper',
    '--no-sandbox',
    '--ozone-platform=headless',
  ]
}

function exitError(code: number | null): LinkError {
  return code === 126 || code === 127
    ? new LinkError('CANCELLED', 'Administrator rights were not granted; nothing was done.')
    : new LinkError('UNKNOWN', `The helper stopped before it answered (exit ${code}).`)
}

export async function startHelper(options: LaunchOptions): Promise<HelperClient> {
  const [command, ...args] =
    options.command ?? (options.elevate ? elevatedCommand(options.app) : [process.execPath, defaultHelperScript()])
  if (command === undefined) throw new LinkError('INVALID_ARGUMENT', 'No helper command.')
  const token = randomBytes(32).toString('base64url')
  const child: ChildProcess = spawn(command, args, {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
  })
  const stdin = child.stdin
  const stdout = child.stdout
  if (!stdin || !stdout) throw new LinkError('UNKNOWN', 'The helper has no pipes.')
  stdin.on('error', () => undefined) // a helper that died is reported through 'exit'

  const waiting: Array<{ resolve: (r: ElevatedReply) => void; reject: (e: LinkError) => void }> = []
  let ready: { resolve: () => void; reject: (e: LinkError) => void } | undefined
  const readyNow = new Promise<void>((resolve, reject) => {
    ready = { resolve, reject }
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      const e = exitError(code)
      ready?.reject(e)
      for (const w of waiting.splice(0)) w.reject(e)
      resolve(code)
    }),
  )
  child.once('error', (e) =>
    ready?.reject(new LinkError('PRIVILEGE_REQUIRED', `The helper could not be started: ${e.message}`)),
  )
  lineReader(stdout, MAX_REQUEST_BYTES, {
    line(text) {
      if (ready) {
        if (text === 'READY') {
          ready.resolve()
          ready = undefined
        }
        return
      }
      let reply: ElevatedReply
      try {
        reply = JSON.parse(text) as ElevatedReply
      } catch {
        reply = { refused: { code: 'UNKNOWN', message: 'The helper answered something that is not JSON.' } }
      }
      waiting.shift()?.resolve(reply)
    },
    tooLong: () => child.kill(),
    end: () => undefined,
  })
  stdin.write(
    JSON.stringify({
      tokenSha256: createHash('sha256').update(token).digest('hex'),
      idleMs: options.idleMs ?? 60_000,
    }) + '\n',
  )
  await readyNow

  return {
    pid: child.pid ?? -1,
    token,
    send(ops, tokenOverride) {
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject })
        stdin.write(JSON.stringify({ token: tokenOverride ?? token, ops }) + '\n')
      })
    },
    async close() {
      stdin.end()
      await exited
    },
  }
}
