/**
 * shell32: ShellExecuteExW (the `runas` launch of the elevated helper), SHChangeNotify (tell Explorer
 * what changed) and CommandLineToArgvW (how Windows splits a command line; the tests check the
 * Explorer verbs against it). ShellExecuteExW waits for the UAC prompt, so it runs on a thread of its
 * own with COM initialised (blocking-thread.ts), never in Node's shared pool; FLAG_NO_UI keeps Windows'
 * own error boxes away (the app says what failed), not the UAC prompt.
 */
import { shellExecuteOnOwnThread } from './blocking-thread'
import { loadKoffi } from './koffi-loader'
import { type NativeFn } from './native-types'

export const SEE_MASK_NOCLOSEPROCESS = 0x40
export const SEE_MASK_NOASYNC = 0x100
export const SEE_MASK_FLAG_NO_UI = 0x400
export const SW_HIDE = 0
export const SW_SHOWNORMAL = 1

export const SHCNE_RENAMEITEM = 0x1
export const SHCNE_CREATE = 0x2
export const SHCNE_DELETE = 0x4
export const SHCNE_MKDIR = 0x8
export const SHCNE_RMDIR = 0x10
export const SHCNE_UPDATEDIR = 0x1000
export const SHCNE_UPDATEITEM = 0x2000
export const SHCNE_ASSOCCHANGED = 0x08000000
export const SHCNF_IDLIST = 0x0
export const SHCNF_PATHW = 0x5
/** deliver without waiting for Explorer to process it (SHCNF_FLUSH would block on a hung Explorer) */
export const SHCNF_FLUSHNOWAIT = 0x3000

export type ShellExecuteRequest = {
  verb: string
  file: string
  parameters: string
  directory?: string
  /** the owner window (Electron: getNativeWindowHandle()), so UAC comes to the front */
  hwnd?: bigint
  show?: number
}

export type Shell32 = {
  /**
   * Resolves with the process handle (0n when none), GetLastError (1223 when UAC was declined) and the
   * COM apartment of the thread that made the call (0: single-threaded, as ShellExecuteExW wants).
   */
  ShellExecuteExWAsync(
    req: ShellExecuteRequest,
  ): Promise<{ ret: number; err: number; hProcess: bigint; apartment: number }>
  SHChangeNotify(eventId: number, flags: number, item1: string | null, item2: string | null): void
  CommandLineToArgvW(commandLine: string): { ret: string[] | null; err: number }
  /** SHGetKnownFolderPath for a FOLDERID ("905e63b6-c1bf-494e-b29c-65b732d3d21a"); ret is the HRESULT */
  SHGetKnownFolderPath(folderId: string): { ret: number; path: string | null }
}

/** A GUID's 16 bytes as Windows lays them out: Data1-3 little-endian, Data4 as written. */
export function guidBytes(guid: string): Buffer {
  const m = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i.exec(guid)
  if (!m) throw new Error(`not a GUID: ${guid}`)
  const b = Buffer.alloc(16)
  b.writeUInt32LE(parseInt(m[1]!, 16), 0)
  b.writeUInt16LE(parseInt(m[2]!, 16), 4)
  b.writeUInt16LE(parseInt(m[3]!, 16), 6)
  Buffer.from(m[4]! + m[5]!, 'hex').copy(b, 8)
  return b
}

let cached: Shell32 | undefined

export function shell32(): Shell32 {
  cached ??= bind()
  return cached
}

function bind(): Shell32 {
  const koffi = loadKoffi()
  const sh = koffi.load('shell32.dll')
  const k32 = koffi.load('kernel32.dll')
  const getLastError = k32.func('uint32 __stdcall GetLastError()') as unknown as () => number
  const localFree = k32.func('void * __stdcall LocalFree(void *p)') as unknown as (p: unknown) => unknown
  const changeNotify = sh.func(
    'void __stdcall SHChangeNotify(int32 eventId, uint32 flags, str16 item1, str16 item2)',
  ) as unknown as NativeFn
  const knownFolderPath = sh.func(
    'int32 __stdcall SHGetKnownFolderPath(void *rfid, uint32 flags, void *token, _Out_ void **path)',
  ) as unknown as NativeFn
  const coTaskMemFree = koffi.load('ole32.dll').func('void __stdcall CoTaskMemFree(void *p)') as unknown as (
    p: unknown,
  ) => void
  const toArgv = sh.func(
    'void * __stdcall CommandLineToArgvW(str16 commandLine, _Out_ int *argc)',
  ) as unknown as NativeFn

  return {
    ShellExecuteExWAsync: (req) =>
      shellExecuteOnOwnThread({
        verb: req.verb,
        file: req.file,
        parameters: req.parameters,
        directory: req.directory ?? null,
        hwnd: req.hwnd ?? null,
        show: req.show ?? SW_HIDE,
        mask: SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC | SEE_MASK_FLAG_NO_UI,
      }),
    SHChangeNotify: (eventId, flags, item1, item2) => {
      changeNotify(eventId, flags, item1, item2)
    },
    SHGetKnownFolderPath: (folderId) => {
      const out: unknown[] = [null]
      const hr = knownFolderPath(guidBytes(folderId), 0, null, out) as number
      // The buffer is the caller's to free, whether or not the call succeeded.
      try {
        return { ret: hr, path: hr === 0 && out[0] ? (koffi.decode(out[0], 'char16_t', -1) as string) : null }
      } finally {
        if (out[0]) coTaskMemFree(out[0])
      }
    },
    CommandLineToArgvW: (commandLine) => {
      const argc = [0]
      const list = toArgv(commandLine, argc)
      if (!list) return { ret: null, err: getLastError() }
      try {
        return { ret: koffi.decode(list, koffi.array('str16', argc[0] ?? 0)) as string[], err: 0 }
      } finally {
        localFree(list)
      }
    },
  }
}
