/**
 * One end of a named pipe opened for overlapped I/O. Each read, write and connect is started without
 * waiting; the wait for its event runs on a thread of its own with a timeout, and a timed-out
 * operation is cancelled (CancelIoEx) and settled before anything else is started, so the kernel never
 * writes into memory that has been freed. One operation at a time: the protocol is request, reply.
 */
import {
  ERROR_BROKEN_PIPE,
  ERROR_IO_PENDING,
  ERROR_NO_DATA,
  ERROR_OPERATION_ABORTED,
  ERROR_PIPE_CONNECTED,
  type Handle,
  INFINITE,
  type NativeMemory,
  pipes,
  WAIT_TIMEOUT,
} from '../../engine/platform/win32/bindings/pipes'
import { ByteLines } from './byte-lines'

const READ_SIZE = 64 * 1024

export type Settled = { ok: true; bytes: number } | { ok: false; err: number } | { ok: false; timeout: true }

export class OverlappedPipe {
  private readonly io: { ovl: NativeMemory; event: Handle }
  private readonly readBuf: NativeMemory
  private pending = false
  private closed = false
  private readonly lines = new ByteLines()

  constructor(readonly handle: Handle) {
    const p = pipes()
    this.io = p.allocOverlapped()
    this.readBuf = p.alloc(READ_SIZE)
  }

  /**
   * Server: wait for a client. 'connected'; 'left' when a client connected and closed its end before
   * we listened (ERROR_NO_DATA: disconnect and listen again); or 'timeout' (nothing is pending afterwards).
   */
  async connect(timeoutMs: number): Promise<'connected' | 'left' | 'timeout'> {
    const r = await this.run((ovl) => pipes().ConnectNamedPipe(this.handle, ovl), timeoutMs, ERROR_PIPE_CONNECTED)
    if ('timeout' in r) return 'timeout'
    if (!r.ok && r.err === ERROR_NO_DATA) return 'left'
    if (!r.ok) throw new Error(`ConnectNamedPipe failed with ${r.err}`)
    return 'connected'
  }

  /** Bytes from the other end; null when it has gone (or `timeoutMs` passed). */
  async read(timeoutMs = INFINITE): Promise<Buffer | null> {
    const r = await this.run((ovl) => pipes().ReadFile(this.handle, this.readBuf, READ_SIZE, ovl), timeoutMs)
    if (!r.ok) return null
    return pipes().readBytes(this.readBuf, r.bytes)
  }

  /**
   * The next newline-terminated line (without the newline); null when the other end has gone.
   * 'too-long' when a line passes maxBytes (the partial line is dropped).
   */
  async readLine(maxBytes: number, timeoutMs = INFINITE): Promise<string | null | 'too-long'> {
    for (;;) {
      const line = this.lines.next()
      if (line !== null) return line
      if (this.lines.pending > maxBytes) {
        this.lines.clear()
        return 'too-long'
      }
      const chunk = await this.read(timeoutMs)
      if (chunk === null) return null
      this.lines.push(chunk)
    }
  }

  /** Write all of `data`; false when the other end has gone. */
  async write(data: Buffer): Promise<boolean> {
    const p = pipes()
    const mem = p.alloc(Math.max(1, data.length))
    try {
      p.writeBytes(mem, data)
      const r = await this.run((ovl) => p.WriteFile(this.handle, mem, data.length, ovl), INFINITE)
      return r.ok && r.bytes === data.length
    } finally {
      if (!this.pending) p.free(mem) // a write still pending after an error keeps its memory (never freed early)
    }
  }

  /** Server: drop the current client so another may connect to the same instance. */
  disconnect(): void {
    this.lines.clear()
    pipes().DisconnectNamedPipe(this.handle)
  }

  /** Cancel whatever is pending, wait for it to settle, then close and free. */
  close(): void {
    if (this.closed) return
    this.closed = true
    const p = pipes()
    if (this.pending) {
      p.CancelIoEx(this.handle, this.io.ovl)
      p.GetOverlappedResult(this.handle, this.io.ovl, true)
      this.pending = false
    }
    p.CloseHandle(this.handle)
    p.CloseHandle(this.io.event)
    p.free(this.io.ovl)
    p.free(this.readBuf)
  }

  private async run(
    start: (ovl: NativeMemory) => { ret: number; err: number },
    timeoutMs: number,
    doneAlready?: number,
  ): Promise<Settled> {
    if (this.closed) return { ok: false, err: ERROR_BROKEN_PIPE }
    if (this.pending) throw new Error('a pipe operation is already pending')
    const p = pipes()
    p.resetOverlapped(this.io.ovl, this.io.event)
    const started = start(this.io.ovl)
    if (started.ret) {
      // Completed at once; the result still comes from the OVERLAPPED.
      const done = p.GetOverlappedResult(this.handle, this.io.ovl, false)
      return done.ret ? { ok: true, bytes: done.bytes } : { ok: false, err: done.err }
    }
    if (doneAlready !== undefined && started.err === doneAlready) return { ok: true, bytes: 0 }
    if (started.err !== ERROR_IO_PENDING) return { ok: false, err: started.err }
    this.pending = true
    const waited = await p.WaitForSingleObjectAsync(this.io.event, timeoutMs)
    if (this.closed) return { ok: false, err: ERROR_OPERATION_ABORTED } // close() settled it meanwhile
    if (waited.ret === WAIT_TIMEOUT) {
      p.CancelIoEx(this.handle, this.io.ovl)
      const settled = p.GetOverlappedResult(this.handle, this.io.ovl, true)
      this.pending = false
      // It may have completed just before the cancel: then it counts.
      return settled.ret ? { ok: true, bytes: settled.bytes } : { ok: false, timeout: true }
    }
    const done = p.GetOverlappedResult(this.handle, this.io.ovl, false)
    this.pending = false
    return done.ret
      ? { ok: true, bytes: done.bytes }
      : { ok: false, err: done.err === ERROR_NO_DATA ? ERROR_BROKEN_PIPE : done.err }
  }
}
