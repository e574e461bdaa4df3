/**
 * What a drive letter stands for in this logon session: QueryDosDeviceW (a `subst` drive answers
 * `\??\C:\folder`, a local volume `\Device\HarddiskVolume3`) and WNetGetUniversalNameW (a mapped
 * network drive's `\\server\share\…`). An elevated process runs in another logon session and sees
 * neither the user's mapped nor their subst drives.
 */
import { loadKoffi } from './koffi-loader'
import type { NativeFn } from './native-types'

const UNIVERSAL_NAME_INFO_LEVEL = 1
const ERROR_MORE_DATA = 234

export type Drives = {
  /** the device name a drive ("Z:") stands for, or null with the Win32 error */
  QueryDosDeviceW(drive: string): { ret: string | null; err: number }
  /** the UNC form of a path on a mapped network drive; err 2250 (not connected) for any other drive */
  WNetGetUniversalNameW(path: string): { ret: string | null; err: number }
  /** for tests: DefineDosDeviceW, what `subst` does (flags 0 adds "S:" → target, 2 removes it) */
  DefineDosDeviceW(flags: number, drive: string, target: string | null): { ret: number; err: number }
}

let cached: Drives | undefined

export function drives(): Drives {
  cached ??= bind()
  return cached
}

function bind(): Drives {
  const koffi = loadKoffi()
  const k32 = koffi.load('kernel32.dll')
  const getLastError = k32.func('uint32 __stdcall GetLastError()') as unknown as () => number
  const queryDosDevice = k32.func(
    'uint32 __stdcall QueryDosDeviceW(str16 name, _Out_ void *buf, uint32 cch)',
  ) as unknown as NativeFn
  const defineDosDevice = k32.func(
    'int __stdcall DefineDosDeviceW(uint32 flags, str16 name, str16 target)',
  ) as unknown as NativeFn
  const universalName = koffi
    .load('mpr.dll')
    .func(
      'uint32 __stdcall WNetGetUniversalNameW(str16 path, uint32 level, _Out_ void *buf, _Inout_ uint32 *size)',
    ) as unknown as NativeFn
  return {
    QueryDosDeviceW: (drive) => {
      const buf = Buffer.alloc(4096 * 2)
      const n = queryDosDevice(drive, buf, 4096) as number
      if (n === 0) return { ret: null, err: getLastError() }
      // A list of NUL-terminated names; the first is the current mapping.
      return {
        ret:
          buf
            .subarray(0, n * 2)
            .toString('utf16le')
            .split('\0')[0] ?? '',
        err: 0,
      }
    },
    DefineDosDeviceW: (flags, drive, target) => {
      const ret = defineDosDevice(flags, drive, target) as number
      return { ret, err: ret ? 0 : getLastError() }
    },
    WNetGetUniversalNameW: (path) => {
      const size = [4096]
      for (let tries = 0; tries < 2; tries++) {
        // UNIVERSAL_NAME_INFOW { LPWSTR lpUniversalName } with the string after it in the same memory.
        const mem = koffi.alloc('uint8', size[0] ?? 4096)
        try {
          const r = universalName(path, UNIVERSAL_NAME_INFO_LEVEL, mem, size) as number
          if (r === ERROR_MORE_DATA) continue
          if (r !== 0) return { ret: null, err: r }
          const text = koffi.decode(mem, 0, 'void *')
          return { ret: text ? (koffi.decode(text, 'char16_t', -1) as string) : null, err: 0 }
        } finally {
          koffi.free(mem)
        }
      }
      return { ret: null, err: ERROR_MORE_DATA }
    },
  }
}
