import * as path from 'node:path'

import { describe, expect, it } from 'vitest'

import { isUnder } from '../../../electron/engine/scan/points-into'

describe('isUnder (does a resolved target lie in a place?)', () => {
  it('POSIX: the place itself and below it, whole components only, case counts', () => {
    expect(isUnder('/data', '/data', '/', false)).toBe(true)
    expect(isUnder('/data/docs/a.txt', '/data', '/', false)).toBe(true)
    expect(isUnder('/data2', '/data', '/', false)).toBe(false)
    expect(isUnder('/Data/x', '/data', '/', false)).toBe(false)
    expect(isUnder('/data/x', '/data/', '/', false)).toBe(true) // a trailing separator on the place
    expect(isUnder('/anything', '/', '/', false)).toBe(true) // everything is under the root
  })

  it('Windows: case does not count, and the \\\\?\\ and \\??\\ forms name the same place (junctions store \\??\\)', () => {
    expect(isUnder('c:\\Data\\Docs', 'C:\\data', '\\', true)).toBe(true)
    expect(isUnder('\\\\?\\C:\\data\\x', 'C:\\data', '\\', true)).toBe(true)
    expect(isUnder('\\??\\C:\\data', 'C:\\data', '\\', true)).toBe(true)
    expect(isUnder('C:\\data2', 'C:\\data', '\\', true)).toBe(false)
    expect(isUnder('D:\\data', 'C:\\data', '\\', true)).toBe(false)
    expect(isUnder('C:\\x', 'C:\\', '\\', true)).toBe(true)
    // a UNC long path keeps its form: \\?\UNC\server\share is not C:
    expect(isUnder('\\\\?\\UNC\\srv\\share\\data', 'C:\\data', '\\', true)).toBe(false)
    // what path.win32.resolve makes of a relative junction-free target
    expect(isUnder(path.win32.resolve('C:\\links', '..\\data\\docs'), 'C:\\data', '\\', true)).toBe(true)
  })
})
