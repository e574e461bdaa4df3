// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'

import { DEFAULT_SORT, filterEntries, mergeEntries, sortEntries, statsOf } from '../../../renderer/lib/entries'
import { entry } from '../../fakes/fake-api'

const list = [
  entry('/r/b.txt', { size: 5, mtimeMs: 3 }),
  entry('/r/A.txt', { size: 50, mtimeMs: 1, links: 3 }),
  entry('/r/zdir', { kind: 'dir', size: 4096 }),
  entry('/r/link', { kind: 'symlink', target: 'gone', status: 'broken', size: 4, targetKind: null }),
  entry('/r/dlink', { kind: 'symlink', target: 'zdir', status: 'ok', targetKind: 'dir' }),
  entry('/r/file10', { size: 1 }),
  entry('/r/file9', { size: 2 }),
]
const names = (l: readonly { name: string }[]): string[] => l.map((e) => e.name)

describe('sortEntries', () => {
  it('puts folders (and links to folders) first, then names in natural, case-insensitive order', () => {
    expect(names(sortEntries(list, DEFAULT_SORT))).toEqual([
      'dlink',
      'zdir',
      'A.txt',
      'b.txt',
      'file9',
      'file10',
      'link',
    ])
  })
  it('sorts by any column in both directions, folders still first unless turned off', () => {
    expect(names(sortEntries(list, { column: 'size', desc: true, foldersFirst: true })).slice(2)).toEqual([
      'A.txt',
      'b.txt',
      'file9',
      'file10',
      'link',
    ])
    expect(names(sortEntries(list, { column: 'links', desc: true, foldersFirst: false }))[0]).toBe('A.txt')
    expect(names(sortEntries(list, { column: 'status', desc: false, foldersFirst: false }))[0]).toBe('link')
    expect(names(sortEntries(list, { column: 'mtime', desc: false, foldersFirst: false }))[0]).toBe('A.txt')
    expect(names(sortEntries(list, { column: 'target', desc: true, foldersFirst: false })).slice(0, 2)).toEqual([
      'dlink',
      'link',
    ])
    expect(names(sortEntries(list, { column: 'kind', desc: false, foldersFirst: false }))[0]).toBe('b.txt') // "File"
  })
  it('does not change its input', () => {
    const copy = [...list]
    sortEntries(list, { column: 'size', desc: true, foldersFirst: false })
    expect(list).toEqual(copy)
  })
})

describe('mergeEntries', () => {
  it('gives the same order as sorting everything, batch by batch', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      entry(`/r/n${(i * 7919) % 300}`, { kind: i % 11 === 0 ? 'dir' : 'file', size: i % 13 }),
    )
    for (const sort of [DEFAULT_SORT, { column: 'size' as const, desc: true, foldersFirst: true }]) {
      let acc = sortEntries([], sort)
      for (let i = 0; i < many.length; i += 37) acc = mergeEntries(acc, many.slice(i, i + 37), sort)
      expect(names(acc)).toEqual(names(sortEntries(many, sort)))
    }
  })
})

describe('filterEntries and statsOf', () => {
  it('matches names, targets, kinds and status words', () => {
    expect(names(filterEntries(list, 'FILE1'))).toEqual(['file10'])
    expect(names(filterEntries(list, 'gone'))).toEqual(['link'])
    expect(names(filterEntries(list, 'broken'))).toEqual(['link'])
    expect(names(filterEntries(list, 'hard link'))).toEqual(['A.txt'])
    expect(filterEntries(list, '  ')).toBe(list)
  })
  it('counts hard-linked files, broken links and links', () => {
    expect(statsOf(list)).toEqual({ total: 7, hardLinked: 1, broken: 1, links: 2 })
  })
  it('"broken" is one thing: the filter shows what the status bar counts, loops included', () => {
    const withLoop = [...list, entry('/r/loop', { kind: 'symlink', target: 'loop', status: 'loop', targetKind: null })]
    expect(names(filterEntries(withLoop, 'broken'))).toEqual(['link', 'loop'])
    expect(filterEntries(withLoop, 'broken')).toHaveLength(statsOf(withLoop).broken)
    expect(names(filterEntries(withLoop, 'loop'))).toEqual(['loop'])
  })
})
