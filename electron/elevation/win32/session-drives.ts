/**
 * Paths the elevated helper can see. The helper runs in the administrator's logon session, where the
 * user's mapped network drives and `subst` drives do not exist (or are another user's): "Z:\x" would
 * be NOT_FOUND there, or something else. So, before elevating, a subst drive is replaced by the folder
 * it stands for and a mapped drive by its \\server\share path; a mapped drive whose share cannot be
 * named is refused, saying why. Local drives and UNC paths pass unchanged.
 */
import { LinkError } from '../../../shared/errors'
import type { ElevatedRequest } from '../../../shared/types/ops'
import { type Drives, drives } from '../../engine/platform/win32/bindings/drives'
import { toDisplay } from '../../engine/platform/win32/codec/paths'

const ERROR_NOT_CONNECTED = 2250
const ERROR_BAD_DEVICE = 1200
/** subst drives may name folders on other subst drives; never loop */
const MAX_HOPS = 8
const DRIVE_PATH = /^([a-zA-Z]):(\\.*)?$/
const NETWORK_DEVICE = /^\\Device\\(LanmanRedirector|Mup|WebDavRedirector|RdpDr|[A-Za-z]*Redirector)\\/i

export function sessionIndependentPath(p: string, d: Drives = drives()): string {
  let current = toDisplay(p)
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const m = DRIVE_PATH.exec(current)
    if (!m) return current // UNC, or not a full path (the engine refuses it later)
    const drive = `${m[1]!.toUpperCase()}:`
    const rest = m[2] ?? '\\'
    const unc = d.WNetGetUniversalNameW(current)
    if (unc.ret !== null) return unc.ret
    const device = d.QueryDosDeviceW(drive)
    const notNetwork = unc.err === ERROR_NOT_CONNECTED || unc.err === ERROR_BAD_DEVICE
    if (!notNetwork || (device.ret !== null && NETWORK_DEVICE.test(device.ret))) {
      throw new LinkError(
        'UNSUPPORTED_ON_PLATFORM',
        `${toDisplay(p)} is on ${drive}, a network drive mapped for you only (Windows error ${unc.err} naming its share): ` +
          'administrator rights run in another session that does not see it. Open the folder by its \\\\server\\share path and try again.',
        toDisplay(p),
      )
    }
    if (device.ret === null || !device.ret.startsWith('\\??\\')) return current // a local volume (or no such drive: NOT_FOUND later)
    // subst: "\??\C:\folder" or "\??\UNC\srv\share\folder"
    current = `${toDisplay(device.ret).replace(/\\+$/, '')}${rest}`
  }
  throw new LinkError(
    'INVALID_ARGUMENT',
    `${toDisplay(p)} goes through more than ${MAX_HOPS} substituted drives.`,
    toDisplay(p),
  )
}

/** The same request with every path on a mapped or subst drive replaced by one the helper can see. */
export function sessionIndependentRequest(r: ElevatedRequest, d: Drives = drives()): ElevatedRequest {
  const at = (p: string): string => sessionIndependentPath(p, d)
  const maybe = (p: string): string => (DRIVE_PATH.test(toDisplay(p)) ? at(p) : p) // relative targets stay as given
  switch (r.op) {
    case 'create':
      return { op: 'create', req: { ...r.req, target: maybe(r.req.target), link: at(r.req.link) } }
    case 'remove':
      return { op: 'remove', path: at(r.path) }
    case 'retarget':
      return { op: 'retarget', req: { ...r.req, path: at(r.req.path), target: maybe(r.req.target) } }
  }
}
