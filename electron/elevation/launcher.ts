/**
 * Starts the elevated helper and talks to it. POSIX: a private 0700 folder for the socket, a one-time
 * token (only its hash goes to the helper at start), `pkexec` for elevation where present. With
 * elevate=false the same helper runs as the current user (tests, and folders that need no rights).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { LinkError } from '../../shared/errors'
import type { CreateLinkRequest, RetargetRequest } from '../../shared/types/ops'
import { outsideAsar } from '../engine/model/outside-asar'
import { fingerprintOf } from './fingerprint'
import { SOCKET_NAME } from './helper'
import type { ElevatedOp, ElevatedReply } from './protocol'

export const defaultHelperScript = (): string => outsideAsar(path.join(__dirname, '..', 'elevation', 'helper.js'))

/** Describe each operation together with what its paths look like now. */
export const plan = {
  create: (req: CreateLinkRequest): ElevatedOp => ({ op: 'create', req, seen: { target: fingerprintOf(req.target), link: fingerprintOf(req.link) } }),
  remove: (p: string): ElevatedOp => ({ op: 'remove', path: p, seen: fingerprintOf(p) }),
  retarget: (req: RetargetRequest): ElevatedOp => ({ op: 'retarget', req, seen: fingerprintOf(req.path) }),
}

export type HelperClient = {
  readonly pid: number
  readonly socketPath: string
  /** the token, for tests that must prove a wrong one is refused */
  readonly token: string
  send(ops: ElevatedOp[], token?: string): Promise<ElevatedReply>
  close(): Promise<void>
}

export type LaunchOptions = { elevate: boolean; helperScript?: string; idleMs?: number }

const which = (cmd: string): string | null => {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const full = path.join(dir, cmd)
    if (fs.existsSync(full)) return full
  }
  return null
}

function waitForLine(child: ChildProcess, expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.setEncoding('utf8')
    const onData = (d: string): void => {
      out += d
      if (out.includes(`${expected}\n`)) { child.stdout?.off('data', onData); resolve() }
    }
    child.stdout?.on('data', onData)
    child.once('exit', (code) => reject(code === 126 || code === 127
      ? new LinkError('CANCELLED', 'Administrator rights were not granted; nothing was done.')
      : new LinkError('UNKNOWN', `The helper stopped before it was ready (exit ${code}).`)))
  })
}

export async function startHelper(options: LaunchOptions): Promise<HelperClient> {
  const script = options.helperScript ?? defaultHelperScript()
  let command = process.execPath
  let args = [script]
  if (options.elevate) {
    const pkexec = which('pkexec')
    if (!pkexec) throw new LinkError('PRIVILEGE_REQUIRED', 'This needs administrator rights, and pkexec (polkit) is not installed to ask for them. Run the operation with sudo, or choose a folder you may write to.')
    command = pkexec
    // pkexec clears the environment: env puts back the switch that makes Electron's binary act as Node.
    args = ['/usr/bin/env', 'ELECTRON_RUN_AS_NODE=1', process.execPath, script]
  }
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-elev-')) // 0700: only this user may enter
  const token = randomBytes(32).toString('base64url')
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } })
  const ready = waitForLine(child, 'READY')
  child.stdin?.end(JSON.stringify({
    socketDir, parentPid: String(process.pid), parentUid: String(process.getuid?.() ?? 0),
    tokenSha256: createHash('sha256').update(token).digest('hex'), idleMs: String(options.idleMs ?? 60_000),
  }) + '\n')
  await ready
  const socketPath = path.join(socketDir, SOCKET_NAME)
  const socket = net.connect(socketPath)
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject) })
  socket.setEncoding('utf8')
  let buffered = ''
  const waiting: Array<(r: ElevatedReply) => void> = []
  socket.on('data', (chunk: string) => {
    buffered += chunk
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl)
      buffered = buffered.slice(nl + 1)
      waiting.shift()?.(JSON.parse(line) as ElevatedReply)
    }
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    pid: child.pid ?? -1,
    socketPath,
    token,
    send(ops, tokenOverride) {
      return new Promise((resolve) => {
        waiting.push(resolve)
        socket.write(JSON.stringify({ token: tokenOverride ?? token, ops }) + '\n')
      })
    },
    async close() {
      socket.end()
      await exited
      fs.rmSync(socketDir, { recursive: true, force: true })
    },
  }
}
