/**
 * Win32 calls that block for long, each on a thread of its own instead of Node's shared libuv pool
 * (koffi's `.async` runs there): a WaitForSingleObject that lasts until a helper exits, or
 * ShellExecuteExW for as long as the UAC prompt is open, would each hold one of its few threads, and
 * file system, crypto and DNS work in the whole process queues behind them.
 *
 * Each thread is a worker_thread that loads koffi itself and initialises COM as a single-threaded
 * apartment before anything else, as ShellExecuteExW requires. A thread runs one call at a time; a
 * call finds an idle thread or starts one, and idle threads never keep the process alive. Long waits
 * are made of short native waits, so a thread can always be stopped between two of them.
 */
import { Worker } from 'node:worker_threads'

import { resolveKoffiEntry } from './koffi-loader'
import { type Call, SHELLEXECUTEINFOW_FIELDS } from './native-types'

export type ShellExecuteJob = {
  verb: string
  file: string
  parameters: string
  directory: string | null
  hwnd: bigint | null
  show: number
  mask: number
}

type Job = { kind: 'wait'; handle: bigint; ms: number } | { kind: 'shell-execute'; req: ShellExecuteJob }

export type WaitResult = Call<number>
/** `apartment`: what CoGetApartmentType said on the calling thread (0 = STA), -1 when it failed */
export type ShellExecuteResult = Call<number> & { hProcess: bigint; apartment: number }

type Reply = { ok: true; value: WaitResult | ShellExecuteResult } | { ok: false; message: string }

/** Idle threads kept for the next call; more are stopped when they finish. */
const KEEP_IDLE = 2
const idle: Worker[] = []

export function waitOnOwnThread(handle: bigint, ms: number): Promise<WaitResult> {
  return run({ kind: 'wait', handle, ms: ms >>> 0 }) as Promise<WaitResult>
}

export function shellExecuteOnOwnThread(req: ShellExecuteJob): Promise<ShellExecuteResult> {
  return run({ kind: 'shell-execute', req }) as Promise<ShellExecuteResult>
}

function run(job: Job): Promise<WaitResult | ShellExecuteResult> {
  const worker = idle.pop() ?? start()
  worker.ref()
  return new Promise((resolve, reject) => {
    const onExit = (code: number): void => reject(new Error(`the blocking-call thread stopped (exit ${code})`))
    worker.once('exit', onExit)
    worker.once('message', (reply: Reply) => {
      worker.off('exit', onExit)
      worker.unref()
      if (idle.length < KEEP_IDLE) idle.push(worker)
      else void worker.terminate()
      if (reply.ok) resolve(reply.value)
      else reject(new Error(reply.message))
    })
    worker.postMessage(job)
  })
}

function start(): Worker {
  const source = `const wt = require('node:worker_threads');\n(${threadMain.toString()})(wt.parentPort, require(wt.workerData.koffi), wt.workerData);`
  const worker = new Worker(source, {
    eval: true,
    workerData: { koffi: resolveKoffiEntry(), seiFields: SHELLEXECUTEINFOW_FIELDS },
  })
  worker.on('error', () => undefined) // a failed thread rejects its call through 'exit'
  worker.on('exit', () => {
    const i = idle.indexOf(worker)
    if (i >= 0) idle.splice(i, 1)
  })
  worker.unref()
  return worker
}

/**
 * The thread's whole program. It is turned into source text for the worker, so it uses nothing but
 * its parameters (no imports, no outer names).
 */
function threadMain(
  port: { on(ev: 'message', fn: (job: Job) => void): void; postMessage(reply: Reply): void },
  koffi: typeof import('koffi'),
  data: { seiFields: Record<string, string> },
): void {
  const WAIT_TIMEOUT = 258
  const INFINITE = 0xffffffff
  /** the longest single native wait: the thread can be stopped between two */
  const SLICE_MS = 200
  const COINIT_APARTMENTTHREADED = 0x2
  const COINIT_DISABLE_OLE1DDE = 0x4

  const k32 = koffi.load('kernel32.dll')
  const ole32 = koffi.load('ole32.dll')
  try {
    koffi.type('HANDLE')
  } catch {
    koffi.pointer('HANDLE', koffi.opaque())
  }
  const getLastError = k32.func('uint32 __stdcall GetLastError()') as () => number
  const waitForSingleObject = k32.func('uint32 __stdcall WaitForSingleObject(HANDLE h, uint32 ms)') as (
    h: bigint,
    ms: number,
  ) => number
  const coInitializeEx = ole32.func('int32 __stdcall CoInitializeEx(void *reserved, uint32 coinit)') as (
    r: null,
    c: number,
  ) => number
  const coGetApartmentType = ole32.func(
    'int32 __stdcall CoGetApartmentType(_Out_ int32 *type, _Out_ int32 *qualifier)',
  ) as (t: number[], q: number[]) => number
  // S_OK, or S_FALSE if already initialised the same way; the result shows in `apartment` on each launch.
  coInitializeEx(null, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE)
  let shellExecuteEx: ((info: Record<string, unknown>) => number) | undefined
  let seiSize = 0

  const wait = (handle: bigint, ms: number): WaitResult => {
    const until = ms === INFINITE ? Infinity : Date.now() + ms
    for (;;) {
      const left = until - Date.now()
      const slice = left === Infinity ? SLICE_MS : Math.max(0, Math.min(SLICE_MS, left))
      const ret = waitForSingleObject(handle, slice)
      const err = getLastError()
      if (ret !== WAIT_TIMEOUT || until - Date.now() <= 0) return { ret, err }
    }
  }

  const shellExecute = (req: ShellExecuteJob): ShellExecuteResult => {
    if (!shellExecuteEx) {
      let sei
      try {
        sei = koffi.type('SHELLEXECUTEINFOW')
      } catch {
        sei = koffi.struct('SHELLEXECUTEINFOW', data.seiFields)
      }
      seiSize = koffi.sizeof(sei)
      shellExecuteEx = koffi
        .load('shell32.dll')
        .func('int __stdcall ShellExecuteExW(_Inout_ SHELLEXECUTEINFOW *info)') as (
        info: Record<string, unknown>,
      ) => number
    }
    const type = [-1]
    const apartment = coGetApartmentType(type, [0]) === 0 ? (type[0] ?? -1) : -1
    const info: Record<string, unknown> = {
      cbSize: seiSize,
      fMask: req.mask,
      hwnd: req.hwnd,
      lpVerb: req.verb,
      lpFile: req.file,
      lpParameters: req.parameters,
      lpDirectory: req.directory,
      nShow: req.show,
      hInstApp: null,
      lpIDList: null,
      lpClass: null,
      hkeyClass: null,
      dwHotKey: 0,
      hIconOrMonitor: null,
      hProcess: null,
    }
    const ret = shellExecuteEx(info)
    const err = getLastError()
    return { ret, err: ret ? 0 : err, hProcess: typeof info.hProcess === 'bigint' ? info.hProcess : 0n, apartment }
  }

  port.on('message', (job) => {
    try {
      port.postMessage({ ok: true, value: job.kind === 'wait' ? wait(job.handle, job.ms) : shellExecute(job.req) })
    } catch (e) {
      port.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) })
    }
  })
}
