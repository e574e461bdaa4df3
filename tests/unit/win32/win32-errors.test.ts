import { describe, expect, it } from 'vitest'

import { win32Error } from '../../../electron/engine/platform/win32/codec/win32-errors'
import { APP_ERROR_CODES } from '../../../shared/errors'

describe('Win32 error → AppError', () => {
  it.each([
    [1, 'UNSUPPORTED_FS'],
    [2, 'NOT_FOUND'],
    [3, 'NOT_FOUND'],
    [5, 'ACCESS_DENIED'],
    [17, 'CROSS_DEVICE'],
    [32, 'ACCESS_DENIED'],
    [50, 'UNSUPPORTED_FS'],
    [80, 'ALREADY_EXISTS'],
    [87, 'INVALID_ARGUMENT'],
    [123, 'INVALID_NAME'],
    [145, 'ALREADY_EXISTS'],
    [183, 'ALREADY_EXISTS'],
    [206, 'PATH_TOO_LONG'],
    [267, 'NOT_A_DIRECTORY'],
    [1142, 'TOO_MANY_LINKS'],
    [1223, 'CANCELLED'],
    [303, 'NOT_FOUND'],
    [1314, 'PRIVILEGE_REQUIRED'],
    [1463, 'ACCESS_DENIED'],
    [1920, 'ACCESS_DENIED'],
    [1921, 'LINK_LOOP'],
    [4390, 'NOT_A_LINK'],
    [4392, 'UNKNOWN'],
    [99999, 'UNKNOWN'],
  ])('%i → %s', (err, code) => {
    const e = win32Error(err, 'C:\\data\\x.txt')
    expect(e.code).toBe(code)
    expect(APP_ERROR_CODES).toContain(e.code)
    expect(e.message).toContain('C:\\data\\x.txt')
    expect(e.path).toBe('C:\\data\\x.txt')
  })

  it('shows plain paths, not \\\\?\\ forms', () => {
    const e = win32Error(2, '\\\\?\\C:\\a\\b')
    expect(e.message).toBe('C:\\a\\b does not exist.')
    expect(e.path).toBe('C:\\a\\b')
  })

  it('reads 3 on a long path without \\\\?\\ as PATH_TOO_LONG', () => {
    const long = `C:\\${'d\\'.repeat(140)}f`
    expect(win32Error(3, long).code).toBe('PATH_TOO_LONG')
    expect(win32Error(3, `\\\\?\\${long}`).code).toBe('NOT_FOUND')
    expect(win32Error(3, 'C:\\short\\f').code).toBe('NOT_FOUND')
  })

  it('explains privilege errors with the way out', () => {
    expect(win32Error(1314, 'C:\\l').message).toMatch(/administrator rights or Developer Mode/)
  })

  it('never blames Linkscope for damaged link data, nor calls every privilege error a symlink one', () => {
    expect(win32Error(4392, 'C:\\l').message).not.toMatch(/Linkscope bug/)
    expect(win32Error(1314, 'C:\\l').message).toMatch(/^Windows requires a privilege for this at C:\\l/)
    expect(win32Error(303, 'C:\\l').message).toMatch(/being deleted/)
    expect(win32Error(1463, 'C:\\l').message).toMatch(/SymlinkEvaluation/)
  })

  it('names unknown codes', () => {
    expect(win32Error(12345, 'C:\\l').message).toBe('Windows error 12345 at C:\\l.')
  })
})
