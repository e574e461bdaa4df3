import { describe, expect, it } from 'vitest'

import {
  brokenListText,
  brokenOrder,
  filterBroken,
  filterGroups,
  groupFolder,
  namesElsewhere,
  REASON_LABELS,
  sortBroken,
  sortGroups,
} from '../../../../renderer/lib/scan-rows'
import { mergeSorted, nextSort } from '../../../../renderer/lib/sorted'
import type { BrokenLink } from '../../../../shared/types/scan'
import { broken, group } from '../../../fakes/scan-fake'

const REASONS = ['missing', 'loop', 'through-file', 'denied'] as const

function randomLinks(n: number, seed: number): BrokenLink[] {
  let a = seed
  const rand = (): number => {
    a = (a * 1103515245 + 12345) % 2147483648
    return a / 2147483648
  }
  return Array.from({ length: n }, (_, i) =>
    broken(
      `/r/d${Math.floor(rand() * 40)}/s${Math.floor(rand() * 40)}/l${i}`,
      `t${Math.floor(rand() * 9)}`,
      REASONS[Math.floor(rand() * 4)]!,
    ),
  )
}

describe('scan rows', () => {
  it('a list to copy: a header, then path, target as stored and reason per line; tabs and line breaks in names are quoted', () => {
    const links = [broken('/r/a', '../gone.txt', 'missing'), broken('/r/odd\tname', 'say "hi"\nthere', 'loop')]
    expect(brokenListText(links)).toBe(
      'Path\tTarget\tReason\n' + '/r/a\t../gone.txt\tMissing target\n' + '"/r/odd\tname"\t"say ""hi""\nthere"\tLoop\n',
    )
  })

  it('merging sorted batches gives exactly the full sort, for every column and direction', () => {
    const all = randomLinks(600, 7)
    for (const column of ['name', 'path', 'target', 'reason'] as const) {
      for (const desc of [false, true]) {
        const sort = { column, desc }
        let merged: BrokenLink[] = []
        for (let i = 0; i < all.length; i += 97) merged = mergeSorted(merged, all.slice(i, i + 97), brokenOrder(sort))
        expect(merged.map((l) => l.path)).toEqual(sortBroken(all, sort).map((l) => l.path))
      }
    }
  })

  it('paths sort with numbers in order (s2 before s10), and the reason words filter', () => {
    const list = [
      broken('/r/s10/x', 'a', 'missing'),
      broken('/r/s2/x', 'a', 'loop'),
      broken('/r/s1/x', 'a', 'through-file'),
    ]
    expect(sortBroken(list, { column: 'path', desc: false }).map((l) => l.path)).toEqual([
      '/r/s1/x',
      '/r/s2/x',
      '/r/s10/x',
    ])
    expect(filterBroken(list, 'through').map((l) => l.path)).toEqual(['/r/s1/x'])
    expect(Object.values(REASON_LABELS)).toEqual(['Missing target', 'Loop', 'Through a file', 'Denied'])
  })

  it('groups: names elsewhere never negative, sort by it, filter by path or "elsewhere"', () => {
    const gs = [
      group('a', 4, ['/r/x', '/r/y'], 10),
      group('b', 2, ['/r/z', '/r/w'], 99),
      group('c', 1, ['/r/q', '/r/p'], 5),
    ]
    expect(gs.map(namesElsewhere)).toEqual([2, 0, 0])
    expect(sortGroups(gs, { column: 'elsewhere', desc: true }, '/').map((g) => g.id)[0]).toBe('a')
    expect(sortGroups(gs, { column: 'size', desc: true }, '/').map((g) => g.id)).toEqual(['b', 'a', 'c'])
    expect(filterGroups(gs, 'elsewhere').map((g) => g.id)).toEqual(['a'])
    expect(filterGroups(gs, '/r/w').map((g) => g.id)).toEqual(['b'])
    expect(nextSort({ column: 'size', desc: true }, 'size')).toEqual({ column: 'size', desc: false })
    expect(nextSort({ column: 'size', desc: true }, 'name')).toEqual({ column: 'name', desc: false })
  })

  it('groups that share a name are told apart by their folder, relative order by the folder of the first name', () => {
    const gs = [
      group('a', 2, ['/r/pkg/b/index.js', '/r/x/index.js'], 1),
      group('b', 2, ['/r/pkg/a/index.js', '/r/y/index.js'], 1),
      group('c', 2, ['/r/pkg/a10/index.js', '/r/z/index.js'], 1),
      group('d', 2, ['/r/pkg/a2/index.js', '/r/w/index.js'], 1),
    ]
    expect(gs.map((g) => groupFolder(g, '/'))).toEqual(['/r/pkg/b', '/r/pkg/a', '/r/pkg/a10', '/r/pkg/a2'])
    expect(sortGroups(gs, { column: 'folder', desc: false }, '/').map((g) => g.id)).toEqual(['b', 'd', 'c', 'a'])
    expect(sortGroups(gs, { column: 'folder', desc: true }, '/').map((g) => g.id)).toEqual(['a', 'c', 'd', 'b'])
    expect(groupFolder(group('w', 2, ['C:\\r\\x\\f.txt'], 1), '\\')).toBe('C:\\r\\x')
  })
})
