/**
 * SetProcessMitigationPolicy / GetProcessMitigationPolicy (kernel32, Windows 8 and later), for the
 * elevated helper's RedirectionGuard. Each policy is a 32-bit flags word; optional exports, so a
 * system without them answers ERROR_PROC_NOT_FOUND (127) instead of failing to load.
 */
import { loadKoffi } from './koffi-loader'
import type { Call } from './native-types'

const ERROR_PROC_NOT_FOUND = 127

export type Mitigation = {
  SetProcessMitigationPolicy(policy: number, flags: number): Call<number>
  /** this process's flags for `policy`; ret 0 when Windows cannot say */
  GetProcessMitigationPolicy(policy: number): Call<number> & { flags: number }
}

let cached: Mitigation | undefined

export function mitigation(): Mitigation {
  cached ??= bind()
  return cached
}

function bind(): Mitigation {
  const koffi = loadKoffi()
  const k32 = koffi.load('kernel32.dll')
  try {
    koffi.type('HANDLE')
  } catch {
    koffi.pointer('HANDLE', koffi.opaque())
  }
  const getLastError = k32.func('uint32 __stdcall GetLastError()') as unknown as () => number
  const optional = (decl: string): ((...a: unknown[]) => number) | null => {
    try {
      return k32.func(decl) as unknown as (...a: unknown[]) => number
    } catch {
      return null
    }
  }
  const set = optional('int __stdcall SetProcessMitigationPolicy(int policy, void *buf, uintptr_t size)')
  const get = optional(
    'int __stdcall GetProcessMitigationPolicy(HANDLE process, int policy, _Out_ void *buf, uintptr_t size)',
  )
  const getCurrentProcess = k32.func('HANDLE __stdcall GetCurrentProcess()') as unknown as () => unknown
  return {
    SetProcessMitigationPolicy: (policy, flags) => {
      if (!set) return { ret: 0, err: ERROR_PROC_NOT_FOUND }
      const buf = Buffer.alloc(4)
      buf.writeUInt32LE(flags >>> 0)
      const ret = set(policy, buf, 4)
      return { ret, err: ret ? 0 : getLastError() }
    },
    GetProcessMitigationPolicy: (policy) => {
      if (!get) return { ret: 0, err: ERROR_PROC_NOT_FOUND, flags: 0 }
      const buf = Buffer.alloc(4)
      const ret = get(getCurrentProcess(), policy, buf, 4)
      return { ret, err: ret ? 0 : getLastError(), flags: buf.readUInt32LE(0) }
    },
  }
}
