/**
 * shell32: ShellExecuteExW (the `runas` launch of the elevated helper), SHChangeNotify (tell Explorer
 * what changed) and CommandLineToArgvW (how Windows splits a command line; the tests check the
 * Explorer verbs against it). ShellExecuteExW waits for the UAC prompt, so it runs on koffi's worker
 * thread and its error is captured inside the callback; FLAG_NO_UI keeps Windows' own error boxes
 * away (the app says what failed), not the UAC prompt.
 */
import { loadKoffi } from './koffi-loader'
import { callAsync, declareHandle, declareShellExecuteInfo, type NativeFn } from './native-types'

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
  /** resolves with the process handle (0n when none) and GetLastError (1223 when UAC was declined) */
  ShellExecuteExWAsync(req: ShellExecuteRequest): Promise<{ ret: number; err: number; hProcess: bigint }>
  SHChangeNotify(eventId: number, flags: number, item1: string | null, item2: string | null): void
  CommandLineToArgvW(commandLine: string): { ret: string[] | null; err: number }
}

let cached: Shell32 | undefined

export function shell32(): Shell32 {
  cached ??= bind()
  return cached
}

function bind(): Shell32 {
  const koffi = loadKoffi()
  declareHandle()
  const SEI = declareShellExecuteInfo()
  const sh = koffi.load('shell32.dll')
  const k32 = koffi.load('kernel32.dll')
  const getLastError = k32.func('uint32 __stdcall GetLastError()') as unknown as () => number
  const localFree = k32.func('void * __stdcall LocalFree(void *p)') as unknown as (p: unknown) => unknown
  const shellExecuteEx = sh.func('int __stdcall ShellExecuteExW(_Inout_ SHELLEXECUTEINFOW *info)') as unknown as NativeFn
  const changeNotify = sh.func('void __stdcall SHChangeNotify(int32 eventId, uint32 flags, str16 item1, str16 item2)') as unknown as NativeFn
  const toArgv = sh.func('void * __stdcall CommandLineToArgvW(str16 commandLine, _Out_ int *argc)') as unknown as NativeFn

  return {
    ShellExecuteExWAsync: async (req) => {
      const info = {
        cbSize: koffi.sizeof(SEI), fMask: SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC | SEE_MASK_FLAG_NO_UI, hwnd: req.hwnd ?? null,
        lpVerb: req.verb, lpFile: req.file, lpParameters: req.parameters, lpDirectory: req.directory ?? null,
        nShow: req.show ?? SW_HIDE, hInstApp: null, lpIDList: null, lpClass: null, hkeyClass: null, dwHotKey: 0,
        hIconOrMonitor: null, hProcess: null as unknown,
      }
      const r = await callAsync<number>(shellExecuteEx, getLastError, info)
      return { ret: r.ret, err: r.ret ? 0 : r.err, hProcess: typeof info.hProcess === 'bigint' ? info.hProcess : 0n }
    },
    SHChangeNotify: (eventId, flags, item1, item2) => { changeNotify(eventId, flags, item1, item2) },
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
