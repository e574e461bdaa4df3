import { describe, expect, it } from 'vitest'

import { validateName, validatePathText } from '../../../electron/engine/ops/names-rules'
import { LinkError } from '../../../shared/errors'

const codeOf = (fn: () => void): string | undefined => {
  try {
    fn()
    return undefined
  } catch (e) {
    expect(e).toBeInstanceOf(LinkError)
    return (e as LinkError).code
  }
}

describe('POSIX name rules', () => {
  it.each([[''], ['.'], ['..'], ['a/b'], ['/'], ['nul\0inside']])('refuses %j as INVALID_NAME', (name) => {
    expect(codeOf(() => validateName(name, undefined, 'posix'))).toBe('INVALID_NAME')
  })

  it.each([
    ['a.txt'],
    ['CON'],
    ['trailing.'],
    ['trailing '],
    ['a:b'],
    ['what?'],
    ['back\\slash'],
    ['new\nline'],
    ['...'],
    ['-dash'],
  ])('accepts %j (legal on POSIX)', (name) => {
    expect(codeOf(() => validateName(name, undefined, 'posix'))).toBeUndefined()
  })

  it('counts the 255-byte limit in bytes, and attaches the path when given', () => {
    expect(codeOf(() => validateName('é'.repeat(127) + 'x', undefined, 'posix'))).toBeUndefined() // 255 bytes
    let thrown: LinkError | undefined
    try {
      validateName('é'.repeat(128), '/d/x', 'posix')
    } catch (e) {
      thrown = e as LinkError
    }
    expect(thrown).toMatchObject({ code: 'PATH_TOO_LONG', path: '/d/x' })
    expect(thrown?.message).toContain('256 bytes')
  })

  it('refuses a path over 4095 bytes, or with a NUL, and accepts one of 4095', () => {
    expect(codeOf(() => validatePathText('/' + 'a'.repeat(4094), 'posix'))).toBeUndefined()
    expect(codeOf(() => validatePathText('/' + 'a'.repeat(4095), 'posix'))).toBe('PATH_TOO_LONG')
    expect(codeOf(() => validatePathText('/a\0b', 'posix'))).toBe('INVALID_NAME')
  })
})

describe('Windows name rules (through the Win32 codec)', () => {
  it.each([
    ['CON'],
    ['nul.txt'],
    ['com1'],
    ['LPT9.log'],
    ['trailing.'],
    ['trailing '],
    ['a<b'],
    ['a>b'],
    ['a:b'],
    ['a"b'],
    ['a|b'],
    ['a?b'],
    ['a*b'],
    ['a\\b'],
    ['a/b'],
    [''],
    ['.'],
    ['..'],
    ['nul\0inside'],
  ])('refuses %j as INVALID_NAME', (name) => {
    expect(codeOf(() => validateName(name, 'C:\\d\\x', 'win32'))).toBe('INVALID_NAME')
  })

  it('accepts ordinary names, and counts the 255 limit in UTF-16 units (a too-long name is PATH_TOO_LONG)', () => {
    expect(codeOf(() => validateName('report (final).docx', undefined, 'win32'))).toBeUndefined()
    expect(codeOf(() => validateName('CONSOLE.txt', undefined, 'win32'))).toBeUndefined()
    expect(codeOf(() => validateName('é'.repeat(255), undefined, 'win32'))).toBeUndefined()
    expect(codeOf(() => validateName('é'.repeat(256), undefined, 'win32'))).toBe('PATH_TOO_LONG')
    expect(codeOf(() => validatePathText('C:\\' + 'a'.repeat(32764), 'win32'))).toBeUndefined()
    expect(codeOf(() => validatePathText('C:\\' + 'a'.repeat(32765), 'win32'))).toBe('PATH_TOO_LONG')
  })
})
