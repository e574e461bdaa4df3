/**
 * Shared koffi type declarations. koffi rejects a second declaration of the same type name in one
 * isolate, and several binding modules need HANDLE, so each type is declared once here, on first use.
 */
import { type Koffi, loadKoffi } from './koffi-loader'

type KoffiType = ReturnType<Koffi['opaque']>

/** What every binding returns: the call's result and GetLastError read right after it, on the same thread. */
export type Call<R> = { ret: R; err: number }

const declared = new Map<string, KoffiType>()

function once(name: string, make: (k: Koffi) => KoffiType): KoffiType {
  const k = loadKoffi()
  let t = declared.get(name)
  if (!t) {
    // kernel32.ts declares HANDLE on its own; reuse whatever the isolate already knows.
    try {
      t = k.type(name) as KoffiType
    } catch {
      t = make(k)
    }
    declared.set(name, t)
  }
  return t
}

export const declareHandle = (): KoffiType => once('HANDLE', (k) => k.pointer('HANDLE', k.opaque()) as KoffiType)

/** x64 layout: nLength@0, lpSecurityDescriptor@8, bInheritHandle@16; 24 bytes. */
export const declareSecurityAttributes = (): KoffiType =>
  once(
    'SECURITY_ATTRIBUTES',
    (k) =>
      k.struct('SECURITY_ATTRIBUTES', {
        nLength: 'uint32',
        lpSecurityDescriptor: 'void *',
        bInheritHandle: 'int',
      }) as KoffiType,
  )

/**
 * SHELLEXECUTEINFOW's fields as koffi declares them; x64 layout checked against the SDK header (112 bytes,
 * hProcess @104). A plain object, so the thread that calls ShellExecuteExW can declare it too.
 */
export const SHELLEXECUTEINFOW_FIELDS: Readonly<Record<string, string>> = {
  cbSize: 'uint32',
  fMask: 'uint32',
  hwnd: 'void *',
  lpVerb: 'str16',
  lpFile: 'str16',
  lpParameters: 'str16',
  lpDirectory: 'str16',
  nShow: 'int',
  hInstApp: 'void *',
  lpIDList: 'void *',
  lpClass: 'str16',
  hkeyClass: 'void *',
  dwHotKey: 'uint32',
  hIconOrMonitor: 'void *',
  hProcess: 'void *',
}

/**
 * OBJECT_ATTRIBUTES with its UNICODE_STRING name, for NtQueryInformationByName. x64: Length@0,
 * RootDirectory@8, ObjectName@16, Attributes@24, SecurityDescriptor@32, SecurityQualityOfService@40;
 * 48 bytes. UNICODE_STRING: Length@0 and MaximumLength@2 in bytes, Buffer@8; 16 bytes.
 */
export const declareObjectAttributes = (): KoffiType =>
  once('LS_OBJECT_ATTRIBUTES', (k) => {
    const name = k.struct('LS_UNICODE_STRING', { Length: 'uint16', MaximumLength: 'uint16', Buffer: 'str16' })
    return k.struct('LS_OBJECT_ATTRIBUTES', {
      Length: 'uint32',
      RootDirectory: 'void *',
      ObjectName: k.pointer(name),
      Attributes: 'uint32',
      SecurityDescriptor: 'void *',
      SecurityQualityOfService: 'void *',
    }) as KoffiType
  })

/** A native function as koffi returns it: callable, with `.async(...args, cb)`. */
export type NativeFn = ((...args: unknown[]) => unknown) & {
  async: (...args: unknown[]) => void
}
