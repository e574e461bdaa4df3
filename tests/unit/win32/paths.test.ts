import { describe, expect, it } from 'vitest'

import {
  baseName,
  isDriveRoot,
  joinVolumeRelative,
  junctionNames,
  parentDir,
  resolveLxTarget,
  resolveStoredTarget,
  toDisplay,
  toExtended,
} from '../../../electron/engine/platform/win32/codec/paths'
import { LinkError } from '../../../shared/errors'

const code = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (e) {
    return e instanceof LinkError ? e.code : `not a LinkError: ${String(e)}`
  }
  return undefined
}

describe('toExtended', () => {
  it.each([
    ['C:\\Users\\me', '\\\\?\\C:\\Users\\me'],
    ['c:/Users/me/', '\\\\?\\C:\\Users\\me'],
    ['C:\\Users\\\\me\\\\', '\\\\?\\C:\\Users\\me'],
    ['C:\\a\\.\\b\\..\\c', '\\\\?\\C:\\a\\c'],
    ['C:\\', '\\\\?\\C:\\'],
    ['C:', '\\\\?\\C:\\'],
    ['d:\\\\', '\\\\?\\D:\\'],
    ['C:\\a\\..\\..', '\\\\?\\C:\\'],
    ['\\\\?\\C:\\x\\y', '\\\\?\\C:\\x\\y'],
    ['\\??\\C:\\x', '\\\\?\\C:\\x'],
    ['\\\\server\\share\\dir\\', '\\\\?\\UNC\\server\\share\\dir'],
    ['//server/share/dir', '\\\\?\\UNC\\server\\share\\dir'],
    ['\\\\?\\UNC\\server\\share\\x', '\\\\?\\UNC\\server\\share\\x'],
    ['\\??\\UNC\\server\\share\\x', '\\\\?\\UNC\\server\\share\\x'],
    ['\\\\?\\Volume{3f2504e0-4f89-11d3-9a0c-0305e82c3301}\\', '\\\\?\\Volume{3f2504e0-4f89-11d3-9a0c-0305e82c3301}\\'],
  ])('%s → %s', (input, out) => {
    expect(toExtended(input)).toBe(out)
  })

  it('keeps long paths whole', () => {
    const long = `C:\\${'segment\\'.repeat(60)}end.txt`
    expect(long.length).toBeGreaterThan(260)
    expect(toExtended(long)).toBe(`\\\\?\\${long}`)
  })

  it('refuses paths that depend on a current directory', () => {
    expect(code(() => toExtended('relative\\x'))).toBe('INVALID_ARGUMENT')
    expect(code(() => toExtended('C:relative'))).toBe('INVALID_ARGUMENT')
    expect(code(() => toExtended('\\rooted\\x'))).toBe('INVALID_ARGUMENT')
    expect(code(() => toExtended(''))).toBe('INVALID_ARGUMENT')
    expect(code(() => toExtended('\\\\server'))).toBe('INVALID_ARGUMENT')
  })
})

describe('toDisplay', () => {
  it.each([
    ['\\\\?\\C:\\x', 'C:\\x'],
    ['\\??\\C:\\x', 'C:\\x'],
    ['\\\\?\\UNC\\srv\\share\\x', '\\\\srv\\share\\x'],
    ['\\??\\UNC\\srv\\share', '\\\\srv\\share'],
    ['C:/a/b', 'C:\\a\\b'],
    ['\\??\\Volume{3f2504e0-4f89-11d3-9a0c-0305e82c3301}\\', '\\\\?\\Volume{3f2504e0-4f89-11d3-9a0c-0305e82c3301}\\'],
    // a shadow-copy link keeps an absolute form; lower-case unc is still a share (Go's normaliseLinkPath)
    ['\\??\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1\\', '\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1\\'],
    ['\\??\\unc\\srv\\share', '\\\\srv\\share'],
  ])('%s → %s', (input, out) => {
    expect(toDisplay(input)).toBe(out)
  })

  it('passes device paths with no plain form to Windows unchanged, never as relative text', () => {
    const shadow = '\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1\\x'
    expect(toExtended(shadow)).toBe(shadow)
    expect(toExtended('\\??\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1\\x')).toBe(shadow)
  })
})

describe('roots, names and parents', () => {
  it('recognises drive roots in every form', () => {
    for (const p of ['C:\\', 'C:', 'c:/', '\\\\?\\C:\\', '\\??\\D:\\', 'C:\\\\']) expect(isDriveRoot(p)).toBe(true)
    for (const p of ['C:\\x', '\\\\srv\\share', 'C:x']) expect(isDriveRoot(p)).toBe(false)
  })

  it('takes base names and parents of any form', () => {
    expect(baseName('\\\\?\\C:\\dir\\file.txt')).toBe('file.txt')
    expect(baseName('C:\\dir\\sub\\')).toBe('sub')
    expect(baseName('C:\\')).toBe('C:\\')
    expect(parentDir('\\\\?\\C:\\dir\\file.txt')).toBe('C:\\dir')
    expect(parentDir('C:\\dir')).toBe('C:\\')
  })
})

describe('junction names', () => {
  it('builds \\??\\ substitute and plain print names', () => {
    expect(junctionNames('C:\\t')).toEqual({ substituteName: '\\??\\C:\\t', printName: 'C:\\t' })
    expect(junctionNames('c:/data/dir/')).toEqual({ substituteName: '\\??\\C:\\data\\dir', printName: 'C:\\data\\dir' })
    expect(junctionNames('\\\\?\\D:\\x')).toEqual({ substituteName: '\\??\\D:\\x', printName: 'D:\\x' })
  })

  it('keeps the trailing backslash only for a bare drive root', () => {
    expect(junctionNames('E:')).toEqual({ substituteName: '\\??\\E:\\', printName: 'E:\\' })
    expect(junctionNames('E:\\')).toEqual({ substituteName: '\\??\\E:\\', printName: 'E:\\' })
  })

  it('refuses UNC and relative targets', () => {
    expect(code(() => junctionNames('\\\\srv\\share\\x'))).toBe('INVALID_ARGUMENT')
    // past the 16 KiB buffer with both names: the print name is left empty, then PATH_TOO_LONG
    const long = `C:\\${'a\\'.repeat(2500)}t`
    expect(junctionNames(long)).toEqual({ substituteName: `\\??\\${long}`, printName: '' })
    expect(junctionNames(`C:\\${'a\\'.repeat(2000)}t`).printName).toBe(`C:\\${'a\\'.repeat(2000)}t`)
    expect(code(() => junctionNames(`C:\\${'a\\'.repeat(4200)}t`))).toBe('PATH_TOO_LONG')
    expect(code(() => junctionNames('..\\x'))).toBe('INVALID_ARGUMENT')
  })
})

describe('resolving stored targets', () => {
  it('resolves relative symlink text against the link folder', () => {
    expect(resolveStoredTarget('C:\\a\\b\\link', '..\\c\\f.txt', true)).toBe('C:\\a\\c\\f.txt')
    expect(resolveStoredTarget('C:\\a\\link', 'f.txt', true)).toBe('C:\\a\\f.txt')
    expect(resolveStoredTarget('C:\\a\\link', 'sub/dir/', true)).toBe('C:\\a\\sub\\dir')
  })

  it('resolves rooted text against the link drive', () => {
    expect(resolveStoredTarget('D:\\a\\link', '\\x\\y', true)).toBe('D:\\x\\y')
  })

  it('turns absolute NT text into a plain path', () => {
    expect(resolveStoredTarget('C:\\a\\link', '\\??\\E:\\x', false)).toBe('E:\\x')
    expect(resolveStoredTarget('C:\\a\\link', '\\??\\UNC\\srv\\share\\x', false)).toBe('\\\\srv\\share\\x')
  })

  it('maps WSL targets where Windows can see them', () => {
    expect(resolveLxTarget('C:\\w\\link', '/mnt/d/data/x')).toBe('D:\\data\\x')
    expect(resolveLxTarget('C:\\w\\link', '/mnt/c')).toBe('C:\\')
    expect(resolveLxTarget('C:\\w\\sub\\link', '../x/y')).toBe('C:\\w\\x\\y')
    expect(resolveLxTarget('C:\\w\\link', '/usr/bin/env')).toBeNull()
    expect(resolveLxTarget('C:\\w\\link', '')).toBeNull()
  })

  it('joins volume-relative names from FindFirstFileNameW', () => {
    expect(joinVolumeRelative('C:\\', '\\dir\\f.txt')).toBe('C:\\dir\\f.txt')
    expect(joinVolumeRelative('\\\\?\\C:\\mnt\\vol\\', '\\f.txt')).toBe('C:\\mnt\\vol\\f.txt')
  })
})
