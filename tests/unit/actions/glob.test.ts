import { describe, expect, it } from 'vitest'

import { belowRoot, compileGlob, globMatches } from '../../../electron/engine/scan/glob'
import { decodeNameBytes } from '../../../shared/names'

const matches = (pattern: string, name: string, ignoreCase = false, relative = name): boolean =>
  globMatches(compileGlob(pattern, ignoreCase), name, () => relative)

describe('glob', () => {
  it('* ? and sets, anchored at both ends', () => {
    expect(matches('*.txt', 'a.txt')).toBe(true)
    expect(matches('*.txt', 'a.txt.bak')).toBe(false)
    expect(matches('report?.md', 'report1.md')).toBe(true)
    expect(matches('report?.md', 'report12.md')).toBe(false)
    expect(matches('[ab]*.jpg', 'b1.jpg')).toBe(true)
    expect(matches('[ab]*.jpg', 'c1.jpg')).toBe(false)
    expect(matches('[!ab]*', 'c')).toBe(true)
    expect(matches('[a-c]', 'b')).toBe(true)
    expect(matches('[]]', ']')).toBe(true)
  })

  it('takes regular-expression characters literally', () => {
    expect(matches('a+b(1).txt', 'a+b(1).txt')).toBe(true)
    expect(matches('a.b', 'axb')).toBe(false)
    expect(matches('$x^', '$x^')).toBe(true)
    expect(matches('[unclosed', '[unclosed')).toBe(true)
  })

  it('case: exact by default, either with ignoreCase', () => {
    expect(matches('*.TXT', 'a.txt')).toBe(false)
    expect(matches('*.TXT', 'a.txt', true)).toBe(true)
    expect(matches('ÜBER*', 'über.md', true)).toBe(true)
  })

  it('a pattern with / matches the path below the root; ** crosses folders, none included', () => {
    expect(matches('src/**/*.ts', 'x.ts', false, 'src/a/b/x.ts')).toBe(true)
    expect(matches('src/**/*.ts', 'x.ts', false, 'src/x.ts')).toBe(true)
    expect(matches('src/*.ts', 'x.ts', false, 'src/a/x.ts')).toBe(false)
    expect(matches('**/deep', 'deep', false, 'a/b/deep')).toBe(true)
    expect(matches('**', 'anything', false, 'a/b')).toBe(true)
  })

  it('* and ? match a name that is not UTF-8, one raw byte as one character', () => {
    const raw = decodeNameBytes(Uint8Array.from([0x61, 0xff, 0x62]))
    expect(matches('a?b', raw)).toBe(true)
    expect(matches('a*', raw)).toBe(true)
  })

  it('refuses an empty pattern with INVALID_ARGUMENT', () => {
    expect(() => compileGlob('', false)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })

  it('belowRoot is the path under the root without leading separators', () => {
    expect(belowRoot('/r', '/r/a/b')).toBe('a/b')
    expect(belowRoot('/', '/a/b')).toBe('a/b')
  })
})
