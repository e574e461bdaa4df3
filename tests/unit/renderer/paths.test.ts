// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'

import { basenameOf, crumbsOf, dirnameOf, joinPath, relativePath } from '../../../renderer/lib/paths'

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
