/**
 * The elevated helper's Windows transport: a named pipe made for this one session, in place of the
 * POSIX Unix socket. The pipe admits only the app's user (DACL from SDDL, network logons denied),
 * local clients only (PIPE_REJECT_REMOTE_CLIENTS), and fails if the name already exists
 * (FILE_FLAG_FIRST_PIPE_INSTANCE: nobody can have squatted it). The helper serves only the process
 * that started it, and only if that process runs the helper's own executable; any other client is
 * told so and dropped. Requests then go through the same answer() as on POSIX (token compared in
 * constant time, allow-list, paths re-checked against what the app saw). The helper exits when its
 * client disconnects, or when nobody has come within idleMs.
 */
import { type AppError, LinkError } from '../../../shared/errors'
import {
  FILE_FLAG_FIRST_PIPE_INSTANCE,
  FILE_FLAG_OVERLAPPED,
  PIPE_ACCESS_DUPLEX,
  PIPE_READMODE_BYTE,
  PIPE_REJECT_REMOTE_CLIENTS,
  PIPE_TYPE_BYTE,
  PIPE_WAIT,
  pipes,
  WAIT_OBJECT_0,
} from '../../engine/platform/win32/bindings/pipes'
import { answer } from '../helper'
import { type ElevatedReply, MAX_REQUEST_BYTES } from '../protocol'
import { pipeSddl, type Win32HelperConfig } from './helper-config'
import { OverlappedPipe } from './overlapped-pipe'

const BUFFER_SIZE = 64 * 1024
/**
 * How long a refused client gets to read why before it is dropped. Short, and not extended by anything
 * the client sends: while it lasts the single pipe instance is busy, and the app cannot connect.
 */
const REFUSAL_GRACE_MS = 500

const line = (reply: ElevatedReply): Buffer => Buffer.from(`${JSON.stringify(reply)}\n`, 'utf8')

/** Create the pipe with its security; throws a LinkError when the name is taken or the SID is bad. */
export function createHelperPipe(config: Pick<Win32HelperConfig, 'pipeName' | 'userSid'>): OverlappedPipe {
  const p = pipes()
  const sd = p.ConvertStringSecurityDescriptorToSecurityDescriptorW(pipeSddl(config.userSid))
  if (!sd.ret)
    throw new LinkError('UNKNOWN', `Windows rejected the helper pipe's security descriptor (error ${sd.err}).`)
  try {
    const made = p.CreateNamedPipeW(
      config.pipeName,
      PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE | FILE_FLAG_OVERLAPPED,
      PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS,
      1,
      BUFFER_SIZE,
      sd.descriptor,
    )
    if (made.ret === 0n || made.ret === 0xffffffffffffffffn) {
      // 5 or 231: another process holds the name (Windows answers 5 to FIRST_PIPE_INSTANCE, Wine 231).
      throw new LinkError(
        'FORBIDDEN',
        `The helper's pipe ${config.pipeName} could not be made (Windows error ${made.err}); another program may hold its name.`,
      )
    }
    return new OverlappedPipe(made.ret)
  } finally {
    p.LocalFree(sd.descriptor)
  }
}

/**
 * Open the app's process and keep the handle for the whole session: Windows does not reuse a process
 * id while a handle to it is open, so "the client's id is the app's" keeps meaning the app. Refused
 * when it is not running, or runs another executable than ours (like gsudo: a program of this user
 * that launches our executable with --elevated-helper and its own id does not get a helper).
 */
function pinParent(pid: number): bigint {
  const p = pipes()
  const opened = p.OpenProcess(pid)
  if (opened.ret === 0n || opened.ret === 0xffffffffffffffffn) {
    throw new LinkError('FORBIDDEN', `The Linkscope process that asked for the helper (${pid}) is not running.`)
  }
  let why: string | null = null
  // An exited process can still be opened while anyone holds a handle to it.
  if (p.WaitForSingleObject(opened.ret, 0).ret === WAIT_OBJECT_0) {
    why = `The Linkscope process that asked for the helper (${pid}) is not running.`
  } else {
    const exe = p.QueryFullProcessImageNameW(opened.ret).ret
    if (exe === null || exe.toLowerCase() !== process.execPath.toLowerCase()) {
      why = `The helper was started by ${exe ?? 'an unknown program'}, not by Linkscope (${process.execPath}).`
    }
  }
  if (why !== null) {
    p.CloseHandle(opened.ret)
    throw new LinkError('FORBIDDEN', why)
  }
  return opened.ret
}

/** Serve one session. Resolves 'done' after the app's client disconnects, 'idle' when none came in time. */
export async function runWin32Helper(config: Win32HelperConfig, onReady?: () => void): Promise<'done' | 'idle'> {
  const parent = pinParent(config.parentPid)
  let pipe: OverlappedPipe
  try {
    pipe = createHelperPipe(config)
  } catch (e) {
    pipes().CloseHandle(parent)
    throw e
  }
  try {
    onReady?.()
    const deadline = Date.now() + config.idleMs
    for (;;) {
      const left = deadline - Date.now()
      const connected = left > 0 ? await pipe.connect(left) : 'timeout'
      if (connected === 'timeout') return 'idle'
      if (connected === 'left') {
        pipe.disconnect() // a client came and went before we listened; the app may still come
        continue
      }
      const client = pipes().GetNamedPipeClientProcessId(pipe.handle)
      if (!client.ret || client.pid !== config.parentPid) {
        await refuse(pipe, {
          code: 'FORBIDDEN',
          message: `Only the Linkscope process that started the helper may use it (client was ${client.ret ? client.pid : 'unknown'}).`,
        })
        continue // the rightful client may still come, until the idle deadline
      }
      await serve(pipe, config)
      return 'done'
    }
  } finally {
    pipe.close()
    pipes().CloseHandle(parent)
  }
}

async function refuse(pipe: OverlappedPipe, error: AppError): Promise<void> {
  if (await pipe.write(line({ refused: error }))) {
    // DisconnectNamedPipe discards unread data: give the client a moment to read the reason and go,
    // ignoring anything it still sends. The moment is fixed: writing more does not extend it.
    const until = Date.now() + REFUSAL_GRACE_MS
    for (let left = REFUSAL_GRACE_MS; left > 0; left = until - Date.now()) {
      if ((await pipe.read(left)) === null) break
    }
  }
  pipe.disconnect()
}

async function serve(pipe: OverlappedPipe, config: Win32HelperConfig): Promise<void> {
  for (;;) {
    const request = await pipe.readLine(MAX_REQUEST_BYTES)
    if (request === null) return
    if (request === 'too-long') {
      await pipe.write(line({ refused: { code: 'INVALID_ARGUMENT', message: 'The request is too large.' } }))
      return
    }
    if (!(await pipe.write(line(answer(request, config))))) return
  }
}
