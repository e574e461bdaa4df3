import * as path from 'node:path'

import { describe, expect, it } from 'vitest'

import { closeness, MAX_CANDIDATES, rankCandidates } from '../../../electron/engine/scan/candidates'

const P = path.posix

describe('closeness of a candidate to where the target was', () => {
  it('counts shared folder names anywhere in the path (a moved subtree keeps them) and the tree distance', () => {
    expect(closeness(P, '/r/photos/2020/a.jpg', '/r/archive/photos/2020/a.jpg')).toEqual({ shared: 3, distance: 5 })
    expect(closeness(P, '/r/photos/2020/a.jpg', '/r/photos/2020/a.jpg')).toEqual({ shared: 3, distance: 0 })
    expect(closeness(P, '/r/photos/2020/a.jpg', '/r/a.jpg')).toEqual({ shared: 1, distance: 2 })
    expect(closeness(P, '/a.jpg', '/x/y/a.jpg')).toEqual({ shared: 0, distance: 2 })
  })

  it('counts a repeated folder name only as often as both paths have it', () => {
    expect(closeness(P, '/x/x/f', '/x/y/f').shared).toBe(1)
    expect(closeness(P, '/x/x/f', '/y/x/x/f').shared).toBe(2)
  })

  it('works with Windows separators', () => {
    expect(closeness(path.win32, 'C:\\r\\photos\\a.jpg', 'C:\\r\\old\\photos\\a.jpg')).toEqual({
      shared: 3,
      distance: 3,
    })
  })
})

describe('ranking candidates', () => {
  const found = (...paths: string[]) => paths.map((p) => ({ path: p, kind: 'file' as const }))

  it('puts more shared names first, then the shorter distance, then the path', () => {
    const ranked = rankCandidates(
      P,
      '/r/photos/2020/a.jpg',
      found('/r/z/a.jpg', '/r/b/a.jpg', '/r/photos/a.jpg', '/r/old/photos/2020/a.jpg', '/r/x/y/z/a.jpg'),
    )
    expect(ranked.map((c) => c.path)).toEqual([
      '/r/old/photos/2020/a.jpg',
      '/r/photos/a.jpg',
      '/r/b/a.jpg',
      '/r/z/a.jpg',
      '/r/x/y/z/a.jpg',
    ])
    expect(ranked.map((c) => c.score)).toEqual([2995, 1999, 997, 997, 995])
  })

  it(`keeps at most ${MAX_CANDIDATES}`, () => {
    const many = found(...Array.from({ length: 50 }, (_, i) => `/r/d${i}/a.jpg`))
    expect(rankCandidates(P, '/r/x/a.jpg', many)).toHaveLength(MAX_CANDIDATES)
    expect(rankCandidates(P, '/r/x/a.jpg', [])).toEqual([])
  })
})
