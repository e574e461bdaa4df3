// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'

import { basenameOf, crumbsOf, dirnameOf, joinPath, relativePath, typedPath } from '../../../renderer/lib/paths'

describe('POSIX paths', () => {
  it('splits into breadcrumbs from the root', () => {
    expect(crumbsOf('/home/ana/', '/')).toEqual([
      { label: '/', path: '/' },
      { label: 'home', path: '/home' },
      { label: 'ana', path: '/home/ana' },
    ])
    expect(crumbsOf('/', '/')).toEqual([{ label: '/', path: '/' }])
  })
  it('joins, finds parents and names', () => {
    expect(joinPath('/', 'a', '/')).toBe('/a')
    expect(joinPath('/a/', 'b', '/')).toBe('/a/b')
    expect(dirnameOf('/a/b', '/')).toBe('/a')
    expect(dirnameOf('/a', '/')).toBe('/')
    expect(dirnameOf('/', '/')).toBeNull()
    expect(basenameOf('/a/b c', '/')).toBe('b c')
  })
  it('makes relative paths for previews', () => {
    expect(relativePath('/r/links', '/r/docs/a.txt', '/')).toBe('../docs/a.txt')
    expect(relativePath('/r', '/r/a.txt', '/')).toBe('a.txt')
  })
})

describe('Windows paths', () => {
  it('handles drive and UNC roots', () => {
    expect(crumbsOf('C:\\Users\\Ana', '\\').map((c) => c.path)).toEqual(['C:\\', 'C:\\Users', 'C:\\Users\\Ana'])
    expect(crumbsOf('\\\\srv\\share\\x', '\\').map((c) => c.label)).toEqual(['\\\\srv\\share\\', 'x'])
    expect(dirnameOf('C:\\Users', '\\')).toBe('C:\\')
    expect(dirnameOf('C:\\', '\\')).toBeNull()
    expect(joinPath('C:\\', 'a', '\\')).toBe('C:\\a')
  })
})

describe('typed paths (the address bar)', () => {
  it('expands ~ to the home folder, only as a whole first step', () => {
    expect(typedPath('~', '/srv', '/home/ana', '/')).toBe('/home/ana')
    expect(typedPath('~/docs/', '/srv', '/home/ana', '/')).toBe('/home/ana/docs')
    expect(typedPath('~bob', '/srv', '/home/ana', '/')).toBe('/srv/~bob')
  })
  it('starts a relative path from the open folder and walks . and .. no higher than the root', () => {
    expect(typedPath('../b/./c', '/x/a', '/h', '/')).toBe('/x/b/c')
    expect(typedPath('../../../..', '/x/a', '/h', '/')).toBe('/')
    expect(typedPath('/etc//alternatives/', '/x', '/h', '/')).toBe('/etc/alternatives')
    expect(typedPath('docs', null, '/h', '/')).toBe('docs')
  })
  it('keeps a Windows drive or share as the root', () => {
    expect(typedPath('..\\Temp', 'C:\\Users\\ana', 'C:\\Users\\ana', '\\')).toBe('C:\\Users\\Temp')
    expect(typedPath('~\\Desktop', 'D:\\', 'C:\\Users\\ana', '\\')).toBe('C:\\Users\\ana\\Desktop')
    expect(typedPath('\\\\srv\\share\\a\\..', null, 'C:\\', '\\')).toBe('\\\\srv\\share\\')
  })
})
