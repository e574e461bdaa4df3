/**
 * advapi32 registry calls for the per-user Explorer verbs (HKCU only: no administrator). Registry
 * functions return their error (LSTATUS) instead of setting GetLastError, so every
 * wrapper returns {ret, err} with err = that status. HKEYs are opaque pointers (BigInt); the
 * predefined roots are sign-extended 32-bit values.
 */
import { loadKoffi } from './koffi-loader'
import { type Call, declareHandle, type NativeFn } from './native-types'

export type HKey = bigint

export const HKEY_CURRENT_USER: HKey = 0xffffffff80000001n
export const KEY_READ = 0x20019
export const KEY_WRITE = 0x20006
export const KEY_ALL_ACCESS = 0xf003f
export const REG_OPTION_NON_VOLATILE = 0
export const REG_SZ = 1
export const REG_EXPAND_SZ = 2
export const ERROR_SUCCESS = 0
export const ERROR_FILE_NOT_FOUND = 2
export const ERROR_MORE_DATA = 234

export type Registry = {
  RegCreateKeyExW(root: HKey, subKey: string, access: number): Call<HKey>
  RegOpenKeyExW(root: HKey, subKey: string, access: number): Call<HKey>
  /** REG_SZ: the string with its terminating NUL, as Windows expects */
  RegSetStringW(key: HKey, name: string, value: string): Call<number>
  /** REG_SZ / REG_EXPAND_SZ value as stored (no expansion); ret null with err 2 when absent */
  RegQueryStringW(key: HKey, name: string): Call<string | null> & { type: number }
  RegDeleteTreeW(root: HKey, subKey: string): Call<number>
  RegCloseKey(key: HKey): Call<number>
}

let cached: Registry | undefined

export function registry(): Registry {
  cached ??= bind()
  return cached
}

function bind(): Registry {
  const koffi = loadKoffi()
  declareHandle()
  const adv = koffi.load('advapi32.dll')
  const f = (decl: string): NativeFn => adv.func(decl) as unknown as NativeFn
  const createKey = f(
    'int32 __stdcall RegCreateKeyExW(HANDLE key, str16 subKey, uint32 reserved, str16 cls, uint32 options, uint32 sam, void *sa, _Out_ HANDLE *result, _Out_ uint32 *disposition)',
  )
  const openKey = f(
    'int32 __stdcall RegOpenKeyExW(HANDLE key, str16 subKey, uint32 options, uint32 sam, _Out_ HANDLE *result)',
  )
  const setValue = f(
    'int32 __stdcall RegSetValueExW(HANDLE key, str16 name, uint32 reserved, uint32 type, const void *data, uint32 size)',
  )
  const queryValue = f(
    'int32 __stdcall RegQueryValueExW(HANDLE key, str16 name, void *reserved, _Out_ uint32 *type, _Out_ void *data, _Inout_ uint32 *size)',
  )
  const deleteTree = f('int32 __stdcall RegDeleteTreeW(HANDLE key, str16 subKey)')
  const closeKey = f('int32 __stdcall RegCloseKey(HANDLE key)')
  const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : 0n)

  return {
    RegCreateKeyExW: (root, subKey, access) => {
      const out: unknown[] = [null]
      const err = createKey(root, subKey, 0, null, REG_OPTION_NON_VOLATILE, access, null, out, [0]) as number
      return { ret: err === 0 ? big(out[0]) : 0n, err }
    },
    RegOpenKeyExW: (root, subKey, access) => {
      const out: unknown[] = [null]
      const err = openKey(root, subKey, 0, access, out) as number
      return { ret: err === 0 ? big(out[0]) : 0n, err }
    },
    RegSetStringW: (key, name, value) => {
      const data = Buffer.from(`${value}\0`, 'utf16le')
      const err = setValue(key, name, 0, REG_SZ, data, data.length) as number
      return { ret: err === 0 ? 1 : 0, err }
    },
    RegQueryStringW: (key, name) => {
      let size = 512
      for (let attempt = 0; attempt < 4; attempt++) {
        const data = Buffer.alloc(size)
        const type = [0]
        const cb = [size]
        const err = queryValue(key, name, null, type, data, cb) as number
        if (err === ERROR_MORE_DATA) {
          size = (cb[0] ?? size) + 2
          continue
        }
        if (err !== 0) return { ret: null, err, type: 0 }
        const t = type[0] ?? 0
        if (t !== REG_SZ && t !== REG_EXPAND_SZ) return { ret: null, err: 0, type: t }
        // The stored size may or may not include the terminating NUL (RegSetValueEx does not enforce it).
        const text = data.subarray(0, cb[0] ?? 0).toString('utf16le')
        return { ret: text.replace(/\0+$/, ''), err: 0, type: t }
      }
      return { ret: null, err: ERROR_MORE_DATA, type: 0 }
    },
    RegDeleteTreeW: (root, subKey) => {
      const err = deleteTree(root, subKey) as number
      return { ret: err === 0 ? 1 : 0, err }
    },
    RegCloseKey: (key) => {
      const err = closeKey(key) as number
      return { ret: err === 0 ? 1 : 0, err }
    },
  }
}
