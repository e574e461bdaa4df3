import { describe, expect, it } from 'vitest'

import { validateWindowsName } from '../../../electron/engine/platform/win32/codec/names'
import { LinkError } from '../../../shared/errors'

function rejection(name: string): LinkError | undefined {
  try {
    validateWindowsName(name)
  } catch (e) {
    if (e instanceof LinkError) return e
    throw e
  }
  return undefined
}

describe('validateWindowsName', () => {
  it.each([
    'file.txt',
    'My Documents',
    'résumé 2024.pdf',
    '文件',
    '😀.png',
    '.gitignore',
    'a..b',
    'CONSOLE',
    'COM10',
    'LPT0',
    'con-artist.txt',
    'auxiliary',
    'x'.repeat(255),
    'nul_',
    'COM0',
  ])('accepts %j', (name) => {
    expect(rejection(name)).toBeUndefined()
  })

  it.each([
    ['', /empty/],
    ['.', /names a folder/],
    ['..', /names a folder/],
    ['a\0b', /NUL character/],
    ['tab\there', /control character U\+0009/],
    ['line\x1fend', /U\+001F/],
    ...[...'<>:"/\\|?*'].map((c) => [`a${c}b`, /contains the character/] as [string, RegExp]),
    ['CON', /reserved device name/],
    ['con', /reserved device name/],
    ['Prn.txt', /reserved device name/],
    ['AUX.tar.gz', /reserved device name/],
    ['nul', /reserved device name/],
    ['COM1', /reserved device name/],
    ['com9.log', /reserved device name/],
    ['LPT5', /reserved device name/],
    ['COM¹', /reserved device name/],
    ['lpt³.txt', /reserved device name/],
    ['CON.', /reserved device name|ends with/],
    ['name.', /ends with a dot or a space/],
    ['name ', /ends with a dot or a space/],
    ['x'.repeat(256), /256 characters long, the limit is 255/],
  ])('rejects %j', (name, why) => {
    const e = rejection(name)
    expect(e?.code).toBe('INVALID_NAME')
    expect(e?.message).toMatch(why)
  })

  it('counts UTF-16 units, not code points (128 emoji = 256 units)', () => {
    expect(rejection('😀'.repeat(127))).toBeUndefined()
    expect(rejection('😀'.repeat(128))?.code).toBe('INVALID_NAME')
  })
})
