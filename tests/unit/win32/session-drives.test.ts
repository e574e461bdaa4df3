/** Mapped and subst drives become paths the elevated helper's session can see, or are refused. */
import { describe, expect, it } from 'vitest'

import { sessionIndependentPath, sessionIndependentRequest } from '../../../electron/elevation/win32/session-drives'
import type { Drives } from '../../../electron/engine/platform/win32/bindings/drives'
import { LinkError } from '../../../shared/errors'

/** This session's drives, as QueryDosDeviceW and WNetGetUniversalNameW answer for them. */
function session(devices: Record<string, string>, shares: Record<string, string | number> = {}): Drives {
  return {
    QueryDosDeviceW: (drive) => (devices[drive] ? { ret: devices[drive]!, err: 0 } : { ret: null, err: 2 }),
    WNetGetUniversalNameW: (p) => {
      const share = shares[p.slice(0, 2).toUpperCase()]
      if (share === undefined) return { ret: null, err: 2250 }
      return typeof share === 'number' ? { ret: null, err: share } : { ret: `${share}${p.slice(2)}`, err: 0 }
    },
    DefineDosDeviceW: () => ({ ret: 0, err: 1 }),
  }
}

const drives = session(
  {
    'C:': '\\Device\\HarddiskVolume3',
    'S:': '\\??\\C:\\Users\\ann\\work',
    'T:': '\\??\\S:\\nested',
    'U:': '\\??\\UNC\\srv\\share\\sub',
    'L:': '\\??\\L:\\loop',
    'Z:': '\\Device\\LanmanRedirector\\;Z:0000000000012345\\srv\\share',
    'Y:': '\\Device\\LanmanRedirector\\;Y:0000000000012345\\gone\\share',
  },
  { 'Z:': '\\\\srv\\share', 'Y:': 1201 },
)

const code = (fn: () => unknown): string => {
  try {
    fn()
  } catch (e) {
    return e instanceof LinkError ? e.code : 'not a LinkError'
  }
  return 'no error'
}

describe('sessionIndependentPath', () => {
  it.each([
    ['C:\\data\\x.txt', 'C:\\data\\x.txt'], // local volume: unchanged
    ['\\\\srv\\share\\x', '\\\\srv\\share\\x'], // already UNC
    ['S:\\x\\link', 'C:\\Users\\ann\\work\\x\\link'], // subst
    ['S:\\', 'C:\\Users\\ann\\work\\'],
    ['T:\\y', 'C:\\Users\\ann\\work\\nested\\y'], // subst onto a subst drive
    ['U:\\y', '\\\\srv\\share\\sub\\y'], // subst onto a share
    ['Z:\\dir\\f.txt', '\\\\srv\\share\\dir\\f.txt'], // mapped network drive
    ['\\\\?\\S:\\x', 'C:\\Users\\ann\\work\\x'], // extended form
  ])('%s → %s', (from, to) => {
    expect(sessionIndependentPath(from, drives)).toBe(to)
  })

  it('refuses a mapped drive whose share cannot be named, saying why', () => {
    let message = ''
    try {
      sessionIndependentPath('Y:\\f.txt', drives)
    } catch (e) {
      message = (e as Error).message
    }
    expect(code(() => sessionIndependentPath('Y:\\f.txt', drives))).toBe('UNSUPPORTED_ON_PLATFORM')
    expect(message).toMatch(/network drive mapped for you only.*another session/)
  })

  it('refuses a subst loop instead of following it for ever', () => {
    expect(code(() => sessionIndependentPath('L:\\x', drives))).toBe('INVALID_ARGUMENT')
  })
})

describe('sessionIndependentRequest', () => {
  it('converts every path of a request, and leaves a relative target as given', () => {
    expect(
      sessionIndependentRequest(
        { op: 'create', req: { type: 'symbolic', target: 'Z:\\t', link: 'S:\\l', relative: true } },
        drives,
      ),
    ).toEqual({
      op: 'create',
      req: { type: 'symbolic', target: '\\\\srv\\share\\t', link: 'C:\\Users\\ann\\work\\l', relative: true },
    })
    expect(sessionIndependentRequest({ op: 'retarget', req: { path: 'S:\\l', target: '..\\t' } }, drives)).toEqual({
      op: 'retarget',
      req: { path: 'C:\\Users\\ann\\work\\l', target: '..\\t' },
    })
    expect(sessionIndependentRequest({ op: 'remove', path: 'T:\\n' }, drives)).toEqual({
      op: 'remove',
      path: 'C:\\Users\\ann\\work\\nested\\n',
    })
  })
})
