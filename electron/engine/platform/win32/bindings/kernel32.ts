/**
 * koffi declarations of the Win32 calls the backend uses (each proven under Wine 8).
 * Conventions: BOOL is `int` (koffi's bool is one byte); CreateSymbolicLinkW returns BOOLEAN, read
 * as `uint8` because the upper bytes of EAX are undefined; HANDLE is an opaque pointer (a BigInt).
 * Every wrapper returns {ret, err}, with GetLastError read right after the call on the same thread,
 * which koffi keeps exact for synchronous calls. Optional exports are resolved in try/catch into
 * BindingCaps instead of failing the load.
 */
import { loadKoffi } from './koffi-loader'
import { declareObjectAttributes } from './native-types'

export type Handle = bigint
import type { Call } from './native-types'
export type { Call }

import {
  FIND_FIRST_EX_LARGE_FETCH,
  FindExInfoBasic,
  FindExSearchNameMatch,
  INVALID_HANDLE_VALUE,
} from './win32-constants'

export * from './win32-constants'
const OBJ_CASE_INSENSITIVE = 0x40

export type BindingCaps = {
  /** FindFirstFileNameW/FindNextFileNameW (absent on Wine) */
  findFileNames: boolean
  /** GetFileInformationByName (Windows 11 24H2+) */
  fileInformationByName: boolean
  /** ntdll!NtQueryInformationByName (Windows 10 1703+; FileStatInformation from 1709; absent on Wine) */
  ntQueryInformationByName: boolean
  /** ntdll!wine_get_version, or null on real Windows */
  wineVersion: string | null
  /** "dll!export: reason" for each optional export that did not resolve */
  missing: string[]
}

export type Kernel32 = {
  readonly caps: BindingCaps
  CreateHardLinkW(link: string, existing: string): Call<number>
  CreateSymbolicLinkW(link: string, target: string, flags: number): Call<number>
  CreateDirectoryW(path: string): Call<number>
  CreateFileW(path: string, access: number, share: number, disposition: number, flags: number): Call<Handle>
  DeviceIoControl(
    h: Handle,
    code: number,
    input: Buffer | null,
    output: Buffer | null,
  ): Call<number> & { returned: number }
  CloseHandle(h: Handle): Call<number>
  GetFileAttributesW(path: string): Call<number>
  GetFileInformationByHandle(h: Handle, out: Buffer): Call<number>
  GetFileInformationByHandleEx(h: Handle, infoClass: number, out: Buffer): Call<number>
  FindFirstFileExW(pattern: string, wfd: Buffer): Call<Handle>
  FindNextFileW(h: Handle, wfd: Buffer): Call<number>
  FindClose(h: Handle): Call<number>
  /** only when caps.findFileNames; `length` is in and out (characters) */
  FindFirstFileNameW(path: string, length: number[], out: Buffer): Call<Handle>
  FindNextFileNameW(h: Handle, length: number[], out: Buffer): Call<number>
  /** only when caps.fileInformationByName */
  GetFileInformationByName(path: string, infoClass: number, out: Buffer): Call<number>
  /** only when caps.ntQueryInformationByName: `ret` is the NTSTATUS (0 success), `ntPath` is `\\??\\C:\\x` */
  NtQueryInformationByName(ntPath: string, infoClass: number, out: Buffer): Call<number>
  GetVolumePathNameW(path: string, out: Buffer): Call<number>
  GetVolumeInformationW(
    root: string,
    label: Buffer,
    serial: number[],
    maxComponent: number[],
    fsFlags: number[],
    fsName: Buffer,
  ): Call<number>
  GetFinalPathNameByHandleW(h: Handle, out: Buffer, flags: number): Call<number>
  /** DRIVE_* of a root folder (`C:\\`, `\\\\srv\\share\\`): 4 is a network drive */
  GetDriveTypeW(root: string): number
  SetFileInformationByHandle(h: Handle, infoClass: number, data: Buffer): Call<number>
  RemoveDirectoryW(path: string): Call<number>
  DeleteFileW(path: string): Call<number>
  MoveFileExW(from: string, to: string, flags: number): Call<number>
  /** 1 less, 2 equal, 3 greater (0 on error); the file systems' own case rule when ignoreCase */
  CompareStringOrdinal(a: string, b: string, ignoreCase: boolean): Call<number>
  /** for tests of the error plumbing */
  SetLastError(code: number): void
  GetLastError(): number
}

/** koffi hands back HANDLEs as BigInt, NULL as 0n or null. */
export const asHandle = (v: unknown): Handle => (typeof v === 'bigint' ? v : 0n)
export const isValidHandle = (h: Handle): boolean => h !== 0n && h !== INVALID_HANDLE_VALUE

type Native = (...args: unknown[]) => unknown

let cached: Kernel32 | undefined

/** Bind once per process (per worker thread: koffi bindings are per isolate). */
export function kernel32(): Kernel32 {
  cached ??= bind()
  return cached
}

function bind(): Kernel32 {
  const koffi = loadKoffi()
  const k32 = koffi.load('kernel32.dll')
  // Another binding in the same isolate may have declared HANDLE already; koffi rejects duplicates.
  try {
    koffi.type('HANDLE')
  } catch {
    koffi.pointer('HANDLE', koffi.opaque())
  }
  const fn = (decl: string): Native => k32.func(decl) as unknown as Native
  const missing: string[] = []
  const optional = (lib: string, decl: string): Native | null => {
    try {
      return koffi.load(lib).func(decl) as unknown as Native
    } catch (e) {
      missing.push(`${lib}!${/(\w+)\(/.exec(decl)?.[1] ?? decl}: ${e instanceof Error ? e.message : String(e)}`)
      return null
    }
  }

  const getLastError = fn('uint32 __stdcall GetLastError()')
  const setLastError = fn('void __stdcall SetLastError(uint32 code)')
  const last = (): number => getLastError() as number
  const call = <R>(f: Native, map: (v: unknown) => R, ...args: unknown[]): Call<R> => {
    const ret = map(f(...args))
    return { ret, err: last() }
  }
  const num = (v: unknown): number => v as number

  const createHardLink = fn(
    'int __stdcall CreateHardLinkW(str16 lpFileName, str16 lpExistingFileName, void *lpSecurityAttributes)',
  )
  const createSymbolicLink = fn(
    'uint8 __stdcall CreateSymbolicLinkW(str16 lpSymlinkFileName, str16 lpTargetFileName, uint32 dwFlags)',
  )
  const createDirectory = fn('int __stdcall CreateDirectoryW(str16 lpPathName, void *lpSecurityAttributes)')
  const createFile = fn(
    'HANDLE __stdcall CreateFileW(str16 name, uint32 access, uint32 share, void *sa, uint32 disposition, uint32 flagsAndAttrs, HANDLE tmpl)',
  )
  const deviceIoControl = fn(
    'int __stdcall DeviceIoControl(HANDLE h, uint32 code, void *inBuf, uint32 inSize, _Out_ void *outBuf, uint32 outSize, _Out_ uint32 *returned, void *ovl)',
  )
  const closeHandle = fn('int __stdcall CloseHandle(HANDLE h)')
  const getFileAttributes = fn('uint32 __stdcall GetFileAttributesW(str16 lpFileName)')
  const getInfoByHandle = fn('int __stdcall GetFileInformationByHandle(HANDLE h, _Out_ void *bhfi)')
  const getInfoByHandleEx = fn(
    'int __stdcall GetFileInformationByHandleEx(HANDLE h, int infoClass, _Out_ void *buf, uint32 size)',
  )
  const findFirstEx = fn(
    'HANDLE __stdcall FindFirstFileExW(str16 pattern, int infoLevel, _Out_ void *wfd, int searchOp, void *filter, uint32 flags)',
  )
  const findNext = fn('int __stdcall FindNextFileW(HANDLE h, _Out_ void *wfd)')
  const findClose = fn('int __stdcall FindClose(HANDLE h)')
  const getVolumePathName = fn('int __stdcall GetVolumePathNameW(str16 path, _Out_ void *buf, uint32 cch)')
  const getVolumeInformation = fn(
    'int __stdcall GetVolumeInformationW(str16 root, _Out_ void *label, uint32 cchLabel, _Out_ uint32 *serial, _Out_ uint32 *maxComponent, _Out_ uint32 *fsFlags, _Out_ void *fsName, uint32 cchFsName)',
  )
  const getFinalPathName = fn(
    'uint32 __stdcall GetFinalPathNameByHandleW(HANDLE h, _Out_ void *buf, uint32 cch, uint32 flags)',
  )
  const getDriveType = fn('uint32 __stdcall GetDriveTypeW(str16 root)')
  const setInfoByHandle = fn(
    'int __stdcall SetFileInformationByHandle(HANDLE h, int infoClass, void *buf, uint32 size)',
  )
  const removeDirectory = fn('int __stdcall RemoveDirectoryW(str16 p)')
  const deleteFile = fn('int __stdcall DeleteFileW(str16 p)')
  const moveFileEx = fn('int __stdcall MoveFileExW(str16 from, str16 to, uint32 flags)')
  const compareOrdinal = fn('int __stdcall CompareStringOrdinal(str16 a, int cchA, str16 b, int cchB, int ignoreCase)')

  const findFirstName = optional(
    'kernel32.dll',
    'HANDLE __stdcall FindFirstFileNameW(str16 lpFileName, uint32 dwFlags, _Inout_ uint32 *StringLength, _Out_ void *LinkName)',
  )
  const findNextName = optional(
    'kernel32.dll',
    'int __stdcall FindNextFileNameW(HANDLE h, _Inout_ uint32 *StringLength, _Out_ void *LinkName)',
  )
  // libuv loads it from the API set; older kernel32 builds do not export it at all.
  const byNameDecl =
    'int __stdcall GetFileInformationByName(str16 FileName, int infoClass, _Out_ void *buf, uint32 size)'
  const byName = optional('kernel32.dll', byNameDecl) ?? optional('api-ms-win-core-file-l2-1-4.dll', byNameDecl)
  declareObjectAttributes()
  const ntByName = optional(
    'ntdll.dll',
    'int32 __stdcall NtQueryInformationByName(LS_OBJECT_ATTRIBUTES *attributes, _Out_ void *ioStatus, _Out_ void *info, uint32 length, int infoClass)',
  )
  const wineGetVersion = optional('ntdll.dll', 'const char *wine_get_version()')
  const wineVersion = wineGetVersion ? String(wineGetVersion()) : null

  const absent = (name: string): never => {
    throw new Error(`${name} is not available on this system (check caps before calling)`)
  }

  return {
    caps: {
      findFileNames: findFirstName !== null && findNextName !== null,
      fileInformationByName: byName !== null,
      ntQueryInformationByName: ntByName !== null,
      wineVersion,
      missing,
    },
    CreateHardLinkW: (link, existing) => call(createHardLink, num, link, existing, null),
    CreateSymbolicLinkW: (link, target, flags) => call(createSymbolicLink, num, link, target, flags),
    CreateDirectoryW: (path) => call(createDirectory, num, path, null),
    CreateFileW: (path, access, share, disposition, flags) =>
      call(createFile, asHandle, path, access >>> 0, share, null, disposition, flags >>> 0, null),
    DeviceIoControl: (h, code, input, output) => {
      const returned = [0]
      const r = call(
        deviceIoControl,
        num,
        h,
        code,
        input,
        input?.length ?? 0,
        output,
        output?.length ?? 0,
        returned,
        null,
      )
      return { ...r, returned: returned[0] ?? 0 }
    },
    CloseHandle: (h) => call(closeHandle, num, h),
    GetFileAttributesW: (path) => call(getFileAttributes, num, path),
    GetFileInformationByHandle: (h, out) => call(getInfoByHandle, num, h, out),
    GetFileInformationByHandleEx: (h, infoClass, out) => call(getInfoByHandleEx, num, h, infoClass, out, out.length),
    FindFirstFileExW: (pattern, wfd) =>
      call(
        findFirstEx,
        asHandle,
        pattern,
        FindExInfoBasic,
        wfd,
        FindExSearchNameMatch,
        null,
        FIND_FIRST_EX_LARGE_FETCH,
      ),
    FindNextFileW: (h, wfd) => call(findNext, num, h, wfd),
    FindClose: (h) => call(findClose, num, h),
    FindFirstFileNameW: (path, length, out) =>
      findFirstName ? call(findFirstName, asHandle, path, 0, length, out) : absent('FindFirstFileNameW'),
    FindNextFileNameW: (h, length, out) =>
      findNextName ? call(findNextName, num, h, length, out) : absent('FindNextFileNameW'),
    GetFileInformationByName: (path, infoClass, out) =>
      byName ? call(byName, num, path, infoClass, out, out.length) : absent('GetFileInformationByName'),
    NtQueryInformationByName: (ntPath, infoClass, out) => {
      if (!ntByName) return absent('NtQueryInformationByName')
      const bytes = ntPath.length * 2
      const attributes = {
        Length: 48,
        RootDirectory: null,
        ObjectName: { Length: bytes, MaximumLength: bytes + 2, Buffer: ntPath },
        Attributes: OBJ_CASE_INSENSITIVE,
        SecurityDescriptor: null,
        SecurityQualityOfService: null,
      }
      return { ret: ntByName(attributes, Buffer.alloc(16), out, out.length, infoClass) as number, err: 0 }
    },
    GetVolumePathNameW: (path, out) => call(getVolumePathName, num, path, out, out.length / 2),
    GetVolumeInformationW: (root, label, serial, maxComponent, fsFlags, fsName) =>
      call(
        getVolumeInformation,
        num,
        root,
        label,
        label.length / 2,
        serial,
        maxComponent,
        fsFlags,
        fsName,
        fsName.length / 2,
      ),
    GetFinalPathNameByHandleW: (h, out, flags) => call(getFinalPathName, num, h, out, out.length / 2, flags),
    GetDriveTypeW: (root) => num(getDriveType(root)),
    SetFileInformationByHandle: (h, infoClass, data) => call(setInfoByHandle, num, h, infoClass, data, data.length),
    RemoveDirectoryW: (path) => call(removeDirectory, num, path),
    DeleteFileW: (path) => call(deleteFile, num, path),
    MoveFileExW: (from, to, flags) => call(moveFileEx, num, from, to, flags),
    CompareStringOrdinal: (a, b, ignoreCase) => call(compareOrdinal, num, a, a.length, b, b.length, ignoreCase ? 1 : 0),
    SetLastError: (code) => {
      setLastError(code)
    },
    GetLastError: last,
  }
}
