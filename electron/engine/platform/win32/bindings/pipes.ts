/**
 * Named pipes, overlapped I/O, processes and the security calls the elevated helper needs (each
 * proven under Wine 8). Pipe handles are opened FILE_FLAG_OVERLAPPED: every read, write and
 * connect returns at once, and only WaitForSingleObject blocks, on a thread of its own
 * (blocking-thread.ts) with a timeout, so neither the app's event loop nor the helper's ever waits on
 * the pipe, and Node's shared thread pool stays free.
 * OVERLAPPED blocks and I/O buffers come from koffi.alloc: the kernel writes into them after the
 * call has returned, and a JS Buffer may not stay put that long (koffi doc "Stable pointers").
 */
import { waitOnOwnThread } from './blocking-thread'
import { loadKoffi } from './koffi-loader'
import { declareHandle, declareSecurityAttributes, type NativeFn } from './native-types'

export type Handle = bigint
import type { Call } from './native-types'
export type { Call }
/** Memory from koffi.alloc: an opaque pointer that does not move. */
export type NativeMemory = unknown

export const PIPE_ACCESS_DUPLEX = 0x3
export const FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000
export const FILE_FLAG_OVERLAPPED = 0x40000000
export const PIPE_TYPE_BYTE = 0x0
export const PIPE_READMODE_BYTE = 0x0
export const PIPE_WAIT = 0x0
export const PIPE_REJECT_REMOTE_CLIENTS = 0x8
/** Client side: the server may identify the client but not act as it (no impersonation). */
export const SECURITY_SQOS_PRESENT = 0x00100000
export const SECURITY_IDENTIFICATION = 0x00010000
export const GENERIC_READ_WRITE = 0xc0000000
export const SDDL_REVISION_1 = 1
export const WAIT_OBJECT_0 = 0
export const WAIT_TIMEOUT = 258
export const WAIT_FAILED = 0xffffffff
export const INFINITE = 0xffffffff
export const STILL_ACTIVE = 259
export const ERROR_BROKEN_PIPE = 109
export const ERROR_PIPE_BUSY = 231
export const ERROR_NO_DATA = 232
export const ERROR_PIPE_CONNECTED = 535
export const ERROR_OPERATION_ABORTED = 995
export const ERROR_IO_PENDING = 997
export const OVERLAPPED_SIZE = 32
const OVERLAPPED_EVENT_OFFSET = 24
const TOKEN_QUERY = 0x8
const SYNCHRONIZE = 0x00100000
const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
const TokenUser = 1
const DUPLICATE_SAME_ACCESS = 0x2

export type Pipes = {
  CreateNamedPipeW(
    name: string,
    openMode: number,
    pipeMode: number,
    maxInstances: number,
    bufferSize: number,
    securityDescriptor: bigint | null,
  ): Call<Handle>
  /** client end: CreateFileW(GENERIC_READ|GENERIC_WRITE, no sharing, OPEN_EXISTING, flags) */
  OpenPipe(name: string, flags: number): Call<Handle>
  ConnectNamedPipe(h: Handle, ovl: NativeMemory): Call<number>
  DisconnectNamedPipe(h: Handle): Call<number>
  /** waits at most `ms` for a free instance: ret 1 when one is free; err 2 none exists, 121 all busy */
  WaitNamedPipeW(name: string, ms: number): Call<number>
  GetNamedPipeClientProcessId(h: Handle): Call<number> & { pid: number }
  GetNamedPipeServerProcessId(h: Handle): Call<number> & { pid: number }
  ReadFile(h: Handle, buf: NativeMemory, size: number, ovl: NativeMemory): Call<number>
  WriteFile(h: Handle, buf: NativeMemory, size: number, ovl: NativeMemory): Call<number>
  GetOverlappedResult(h: Handle, ovl: NativeMemory, wait: boolean): Call<number> & { bytes: number }
  CancelIoEx(h: Handle, ovl: NativeMemory): Call<number>
  CreateEventW(): Call<Handle>
  WaitForSingleObject(h: Handle, ms: number): Call<number>
  /**
   * On a thread of its own (not Node's pool), through a duplicate of `h` that lives until the wait
   * ends: closing `h` meanwhile cannot make the wait land on another object that reuses its value.
   */
  WaitForSingleObjectAsync(h: Handle, ms: number): Promise<Call<number>>
  /** for tests: signal an event made by CreateEventW */
  SetEvent(h: Handle): Call<number>
  GetExitCodeProcess(h: Handle): Call<number> & { code: number }
  GetProcessId(h: Handle): Call<number>
  /** SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION: enough to wait for it and to pin its id */
  OpenProcess(pid: number): Call<Handle>
  /** the full Win32 path of the process's executable */
  QueryFullProcessImageNameW(h: Handle): Call<string | null>
  GetCurrentProcessId(): number
  CloseHandle(h: Handle): Call<number>
  ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl: string): Call<number> & { descriptor: bigint | null }
  LocalFree(p: bigint | null): void
  /** the string SID of this process's user ("S-1-5-21-…") */
  currentUserSid(): Call<string | null>
  /** stable memory: an OVERLAPPED with its own manual-reset event, or a byte buffer */
  allocOverlapped(): { ovl: NativeMemory; event: Handle }
  resetOverlapped(ovl: NativeMemory, event: Handle): void
  alloc(size: number): NativeMemory
  free(mem: NativeMemory): void
  readBytes(mem: NativeMemory, length: number): Buffer
  writeBytes(mem: NativeMemory, data: Buffer): void
  GetLastError(): number
}

let cached: Pipes | undefined

export function pipes(): Pipes {
  cached ??= bind()
  return cached
}

function bind(): Pipes {
  const koffi = loadKoffi()
  declareHandle()
  const SA = declareSecurityAttributes()
  const k32 = koffi.load('kernel32.dll')
  const adv = koffi.load('advapi32.dll')
  const f = (lib: typeof k32, decl: string): NativeFn => lib.func(decl) as unknown as NativeFn
  const getLastError = f(k32, 'uint32 __stdcall GetLastError()')
  const last = (): number => getLastError() as number
  const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : 0n)

  const createNamedPipe = f(
    k32,
    'HANDLE __stdcall CreateNamedPipeW(str16 name, uint32 openMode, uint32 pipeMode, uint32 maxInstances, uint32 outSize, uint32 inSize, uint32 timeout, SECURITY_ATTRIBUTES *sa)',
  )
  const createFile = f(
    k32,
    'HANDLE __stdcall CreateFileW(str16 name, uint32 access, uint32 share, void *sa, uint32 disposition, uint32 flagsAndAttrs, HANDLE tmpl)',
  )
  const connectNamedPipe = f(k32, 'int __stdcall ConnectNamedPipe(HANDLE h, void *ovl)')
  const disconnectNamedPipe = f(k32, 'int __stdcall DisconnectNamedPipe(HANDLE h)')
  const waitNamedPipe = f(k32, 'int __stdcall WaitNamedPipeW(str16 name, uint32 ms)')
  const clientPid = f(k32, 'int __stdcall GetNamedPipeClientProcessId(HANDLE h, _Out_ uint32 *pid)')
  const serverPid = f(k32, 'int __stdcall GetNamedPipeServerProcessId(HANDLE h, _Out_ uint32 *pid)')
  const readFile = f(k32, 'int __stdcall ReadFile(HANDLE h, void *buf, uint32 size, void *read, void *ovl)')
  const writeFile = f(k32, 'int __stdcall WriteFile(HANDLE h, void *buf, uint32 size, void *written, void *ovl)')
  const getOverlappedResult = f(
    k32,
    'int __stdcall GetOverlappedResult(HANDLE h, void *ovl, _Out_ uint32 *bytes, int wait)',
  )
  const cancelIoEx = f(k32, 'int __stdcall CancelIoEx(HANDLE h, void *ovl)')
  const createEvent = f(k32, 'HANDLE __stdcall CreateEventW(void *sa, int manualReset, int initialState, str16 name)')
  const resetEvent = f(k32, 'int __stdcall ResetEvent(HANDLE h)')
  const setEvent = f(k32, 'int __stdcall SetEvent(HANDLE h)')
  const duplicateHandle = f(
    k32,
    'int __stdcall DuplicateHandle(HANDLE srcProcess, HANDLE src, HANDLE dstProcess, _Out_ HANDLE *dst, uint32 access, int inherit, uint32 options)',
  )
  const waitForSingleObject = f(k32, 'uint32 __stdcall WaitForSingleObject(HANDLE h, uint32 ms)')
  const getExitCodeProcess = f(k32, 'int __stdcall GetExitCodeProcess(HANDLE h, _Out_ uint32 *code)')
  const getProcessId = f(k32, 'uint32 __stdcall GetProcessId(HANDLE h)')
  const openProcess = f(k32, 'HANDLE __stdcall OpenProcess(uint32 access, int inherit, uint32 pid)')
  const queryImageName = f(
    k32,
    'int __stdcall QueryFullProcessImageNameW(HANDLE h, uint32 flags, _Out_ void *name, _Inout_ uint32 *size)',
  )
  const getCurrentProcessId = f(k32, 'uint32 __stdcall GetCurrentProcessId()')
  const getCurrentProcess = f(k32, 'HANDLE __stdcall GetCurrentProcess()')
  const closeHandle = f(k32, 'int __stdcall CloseHandle(HANDLE h)')
  const localFree = f(k32, 'void * __stdcall LocalFree(void *p)')
  const sddlToSd = f(
    adv,
    'int __stdcall ConvertStringSecurityDescriptorToSecurityDescriptorW(str16 sddl, uint32 revision, _Out_ void **sd, void *size)',
  )
  const openProcessToken = f(adv, 'int __stdcall OpenProcessToken(HANDLE process, uint32 access, _Out_ HANDLE *token)')
  const getTokenInformation = f(
    adv,
    'int __stdcall GetTokenInformation(HANDLE token, int infoClass, _Out_ void *buf, uint32 size, _Out_ uint32 *returned)',
  )
  const sidToString = f(adv, 'int __stdcall ConvertSidToStringSidW(void *sid, _Out_ void **text)')

  const call = <R>(fn: NativeFn, map: (v: unknown) => R, ...args: unknown[]): Call<R> => {
    const ret = map(fn(...args))
    return { ret, err: last() }
  }
  const num = (v: unknown): number => v as number

  return {
    CreateNamedPipeW: (name, openMode, pipeMode, maxInstances, bufferSize, securityDescriptor) => {
      const sa =
        securityDescriptor === null
          ? null
          : { nLength: koffi.sizeof(SA), lpSecurityDescriptor: securityDescriptor, bInheritHandle: 0 }
      return call(createNamedPipe, big, name, openMode >>> 0, pipeMode, maxInstances, bufferSize, bufferSize, 0, sa)
    },
    OpenPipe: (name, flags) => call(createFile, big, name, GENERIC_READ_WRITE >>> 0, 0, null, 3, flags >>> 0, null),
    ConnectNamedPipe: (h, ovl) => call(connectNamedPipe, num, h, ovl),
    DisconnectNamedPipe: (h) => call(disconnectNamedPipe, num, h),
    WaitNamedPipeW: (name, ms) => call(waitNamedPipe, num, name, ms),
    GetNamedPipeClientProcessId: (h) => {
      const pid = [0]
      return { ...call(clientPid, num, h, pid), pid: pid[0] ?? 0 }
    },
    GetNamedPipeServerProcessId: (h) => {
      const pid = [0]
      return { ...call(serverPid, num, h, pid), pid: pid[0] ?? 0 }
    },
    ReadFile: (h, buf, size, ovl) => call(readFile, num, h, buf, size, null, ovl),
    WriteFile: (h, buf, size, ovl) => call(writeFile, num, h, buf, size, null, ovl),
    GetOverlappedResult: (h, ovl, wait) => {
      const n = [0]
      return { ...call(getOverlappedResult, num, h, ovl, n, wait ? 1 : 0), bytes: n[0] ?? 0 }
    },
    CancelIoEx: (h, ovl) => call(cancelIoEx, num, h, ovl),
    CreateEventW: () => call(createEvent, big, null, 1, 0, null),
    WaitForSingleObject: (h, ms) => call(waitForSingleObject, num, h, ms >>> 0),
    WaitForSingleObjectAsync: async (h, ms) => {
      const dup: unknown[] = [null]
      const self = getCurrentProcess()
      if (!duplicateHandle(self, h, self, dup, 0, 0, DUPLICATE_SAME_ACCESS)) return { ret: WAIT_FAILED, err: last() }
      try {
        return await waitOnOwnThread(big(dup[0]), ms)
      } finally {
        closeHandle(dup[0])
      }
    },
    SetEvent: (h) => call(setEvent, num, h),
    GetExitCodeProcess: (h) => {
      const c = [0]
      return { ...call(getExitCodeProcess, num, h, c), code: c[0] ?? 0 }
    },
    GetProcessId: (h) => call(getProcessId, num, h),
    OpenProcess: (pid) => call(openProcess, big, SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, 0, pid),
    QueryFullProcessImageNameW: (h) => {
      const buf = Buffer.alloc(32768 * 2)
      const size = [32768]
      const r = call(queryImageName, num, h, 0, buf, size)
      return { ret: r.ret ? buf.subarray(0, (size[0] ?? 0) * 2).toString('utf16le') : null, err: r.err }
    },
    GetCurrentProcessId: () => getCurrentProcessId() as number,
    CloseHandle: (h) => call(closeHandle, num, h),
    ConvertStringSecurityDescriptorToSecurityDescriptorW: (sddl) => {
      const sd: unknown[] = [null]
      const r = call(sddlToSd, num, sddl, SDDL_REVISION_1, sd, null)
      return { ...r, descriptor: r.ret ? big(sd[0]) : null }
    },
    LocalFree: (p) => {
      if (p) localFree(p)
    },
    currentUserSid: () => {
      const token: unknown[] = [null]
      const opened = call(openProcessToken, num, getCurrentProcess(), TOKEN_QUERY, token)
      if (!opened.ret) return { ret: null, err: opened.err }
      try {
        // TOKEN_USER = SID_AND_ATTRIBUTES { PSID Sid; DWORD Attributes } followed by the SID itself.
        const buf = koffi.alloc('uint8', 256)
        try {
          const got = call(getTokenInformation, num, token[0], TokenUser, buf, 256, [0])
          if (!got.ret) return { ret: null, err: got.err }
          const sidPtr = koffi.decode(buf, 0, 'void *')
          const text: unknown[] = [null]
          const conv = call(sidToString, num, sidPtr, text)
          if (!conv.ret) return { ret: null, err: conv.err }
          const sid = koffi.decode(text[0], 'char16_t', -1) as string
          localFree(text[0])
          return { ret: sid, err: 0 }
        } finally {
          koffi.free(buf)
        }
      } finally {
        closeHandle(token[0])
      }
    },
    allocOverlapped: () => {
      const ovl = koffi.alloc('uint8', OVERLAPPED_SIZE)
      koffi.encode(ovl, 'uint8', new Array<number>(OVERLAPPED_SIZE).fill(0), OVERLAPPED_SIZE)
      const event = big(createEvent(null, 1, 0, null))
      koffi.encode(ovl, OVERLAPPED_EVENT_OFFSET, 'void *', event)
      return { ovl, event }
    },
    resetOverlapped: (ovl, event) => {
      // Internal/InternalHigh/Offset must be zero before each new operation; the event stays.
      koffi.encode(ovl, 'uint8', new Array<number>(OVERLAPPED_EVENT_OFFSET).fill(0), OVERLAPPED_EVENT_OFFSET)
      resetEvent(event)
    },
    alloc: (size) => koffi.alloc('uint8', size),
    free: (mem) => koffi.free(mem),
    readBytes: (mem, length) =>
      length === 0 ? Buffer.alloc(0) : Buffer.from(koffi.decode(mem, 'uint8', length) as Uint8Array),
    writeBytes: (mem, data) => {
      if (data.length > 0) koffi.encode(mem, koffi.array('uint8', data.length), data)
    },
    GetLastError: last,
  }
}
