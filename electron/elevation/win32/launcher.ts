/**
 * Starts the Windows elevated helper and talks to it: the app's own executable with --elevated-helper,
 * launched by ShellExecuteExW with the `runas` verb and the window's HWND (so the UAC prompt comes to
 * the front). A declined prompt is CANCELLED. The client then opens the session's pipe, checks that
 * the server at the other end is the process it started (GetNamedPipeServerProcessId), and sends
 * batches with the one-time token. Nothing here blocks the event loop: the launch and every pipe wait
 * run on threads of their own (bindings/blocking-thread.ts), never in Node's shared pool.
 */
import { createHash, randomBytes } from 'node:crypto'

import { LinkError } from '../../../shared/errors'
import {
  FILE_FLAG_OVERLAPPED,
  pipes,
  SECURITY_IDENTIFICATION,
  SECURITY_SQOS_PRESENT,
  STILL_ACTIVE,
  WAIT_OBJECT_0,
} from '../../engine/platform/win32/bindings/pipes'
import { shell32, SW_HIDE } from '../../engine/platform/win32/bindings/shell32'
import { win32Error } from '../../engine/platform/win32/codec/win32-errors'
import { buildCommandLine } from '../../engine/platform/win32/shell/command-line'
import type { HelperClient } from '../launcher'
import { type ElevatedOp, type ElevatedReply, MAX_REQUEST_BYTES } from '../protocol'
import { helperArgs, pipeNameFor, type Win32HelperConfig } from './helper-config'
import { OverlappedPipe } from './overlapped-pipe'

const ERROR_CANCELLED = 1223
const ERROR_FILE_NOT_FOUND = 2
const ERROR_PIPE_BUSY = 231

export type Win32LaunchOptions = {
  /** the program to start: the app's executable (process.execPath) */
  exe: string
  /** arguments before the helper's switches: in development the app folder, in tests the helper script */
  exeArgs?: readonly string[]
  /** true: the `runas` verb (UAC); false: a plain launch as the current user */
  elevate: boolean
  /** the owner window: BrowserWindow.getNativeWindowHandle() (a Buffer) or the HWND itself */
  hwnd?: Buffer | bigint
  idleMs?: number
  /** how long the helper may take to open its pipe after the launch (UAC time is not counted) */
  connectTimeoutMs?: number
}

export type Win32HelperClient = HelperClient & {
  /** the helper's named pipe */
  readonly socketPath: string
  /** resolves with the helper's exit code once it has ended */
  exitCode(): Promise<number>
}

const hwndOf = (h: Buffer | bigint | undefined): bigint | undefined =>
  h === undefined
    ? undefined
    : typeof h === 'bigint'
      ? h
      : h.length >= 8
        ? h.readBigUInt64LE(0)
        : BigInt(h.readUInt32LE(0))

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export async function startWin32Helper(options: Win32LaunchOptions): Promise<Win32HelperClient> {
  const p = pipes()
  const sid = p.currentUserSid()
  if (sid.ret === null)
    throw new LinkError('UNKNOWN', `Could not read this user's identity for the helper (Windows error ${sid.err}).`)
  const token = randomBytes(32).toString('base64url')
  const config: Win32HelperConfig = {
    pipeName: pipeNameFor(randomBytes(16)),
    parentPid: p.GetCurrentProcessId(),
    userSid: sid.ret,
    tokenSha256: createHash('sha256').update(token).digest('hex'),
    idleMs: options.idleMs ?? 60_000,
  }
  // ShellExecuteExW takes the program and its parameters apart; the parameters are one command-line string.
  const full = buildCommandLine(options.exe, [...(options.exeArgs ?? []), ...helperArgs(config)])
  const parameters = full.slice(buildCommandLine(options.exe, []).length + 1)
  const hwnd = hwndOf(options.hwnd)
  const launched = await shell32().ShellExecuteExWAsync({
    verb: options.elevate ? 'runas' : 'open',
    file: options.exe,
    parameters,
    show: SW_HIDE,
    ...(hwnd !== undefined ? { hwnd } : {}),
  })
  if (!launched.ret) {
    if (launched.err === ERROR_CANCELLED)
      throw new LinkError('CANCELLED', 'Administrator rights were not granted; nothing was done.')
    throw win32Error(launched.err, options.exe)
  }
  const hProcess = launched.hProcess
  if (hProcess === 0n) throw new LinkError('UNKNOWN', 'Windows started the helper but gave no handle to watch it.')
  const helperPid = p.GetProcessId(hProcess).ret
  const exitCode = async (): Promise<number> => {
    await p.WaitForSingleObjectAsync(hProcess, 0xffffffff)
    return p.GetExitCodeProcess(hProcess).code
  }
  let pipe: OverlappedPipe
  try {
    pipe = await openPipe(config.pipeName, hProcess, options.connectTimeoutMs ?? 15_000)
  } catch (e) {
    p.CloseHandle(hProcess)
    throw e
  }
  const server = p.GetNamedPipeServerProcessId(pipe.handle)
  if (!server.ret || server.pid !== helperPid) {
    pipe.close()
    p.CloseHandle(hProcess)
    throw new LinkError(
      'FORBIDDEN',
      `The helper pipe is served by process ${server.pid}, not by the helper Linkscope started (${helperPid}); nothing was sent.`,
    )
  }

  let queue: Promise<unknown> = Promise.resolve()
  let processClosed = false
  const exchange = async (ops: ElevatedOp[], tokenOverride?: string): Promise<ElevatedReply> => {
    const request = Buffer.from(`${JSON.stringify({ token: tokenOverride ?? token, ops })}\n`, 'utf8')
    if (request.length > MAX_REQUEST_BYTES)
      throw new LinkError('INVALID_ARGUMENT', 'Too many operations for one request.')
    if (!(await pipe.write(request))) throw await helperGone()
    const reply = await pipe.readLine(MAX_REQUEST_BYTES)
    if (reply === null || reply === 'too-long') throw await helperGone()
    return JSON.parse(reply) as ElevatedReply
  }
  const helperGone = async (): Promise<LinkError> => {
    const done = p.WaitForSingleObject(hProcess, 2000).ret === WAIT_OBJECT_0
    const code = done ? p.GetExitCodeProcess(hProcess).code : STILL_ACTIVE
    return new LinkError(
      'UNKNOWN',
      done
        ? `The helper stopped (exit ${code}) before it answered.`
        : 'The helper closed the connection before it answered.',
    )
  }
  return {
    pid: helperPid,
    socketPath: config.pipeName,
    token,
    send(ops, tokenOverride) {
      const next = queue.then(() => exchange(ops, tokenOverride))
      queue = next.catch(() => undefined)
      return next
    },
    async close() {
      await queue
      pipe.close()
      if (!processClosed) {
        processClosed = true
        await p.WaitForSingleObjectAsync(hProcess, 10_000)
        p.CloseHandle(hProcess)
      }
    },
    async exitCode() {
      if (processClosed) throw new Error('the helper process handle is closed')
      return exitCode()
    },
  }
}

/** Open the session's pipe once the helper has made it; stop early if the helper has exited. */
async function openPipe(name: string, hProcess: bigint, timeoutMs: number): Promise<OverlappedPipe> {
  const p = pipes()
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const opened = p.OpenPipe(name, FILE_FLAG_OVERLAPPED | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION)
    if (opened.ret !== 0n && opened.ret !== 0xffffffffffffffffn) return new OverlappedPipe(opened.ret)
    // 2: not made yet; 231: another client is being refused right now. Anything else is final.
    if (opened.err !== ERROR_FILE_NOT_FOUND && opened.err !== ERROR_PIPE_BUSY) {
      throw new LinkError(
        opened.err === 5 ? 'FORBIDDEN' : 'UNKNOWN',
        `Could not open the helper's pipe (Windows error ${opened.err}).`,
      )
    }
    if (p.WaitForSingleObject(hProcess, 0).ret === WAIT_OBJECT_0) {
      throw new LinkError(
        'UNKNOWN',
        `The helper stopped before it was ready (exit ${p.GetExitCodeProcess(hProcess).code}).`,
      )
    }
    if (Date.now() > deadline) throw new LinkError('UNKNOWN', 'The helper did not open its pipe in time.')
    await sleep(25)
  }
}
