// What *Link these* takes from the Compare folders view (pure): same-content files only, the selected
// ones or else all, never a path linked already; and the table's order by state, size or path.
import { describe, expect, it } from 'vitest'

import { NO_SELECTION } from '../../../renderer/stores/lists/list-state'
import { compareOrder, linkable } from '../../../renderer/stores/slices/compare-slice'
import type { CompareRow } from '../../../shared/types/trees'

const rows: CompareRow[] = [
  { path: 'a.txt', state: 'same-content', size: 5, kind: 'file' },
  { path: 'b.txt', state: 'same-content', size: 9, kind: 'file' },
  { path: 'link', state: 'same-content', size: 0, kind: 'symlink' },
  { path: 'c.txt', state: 'differs', size: 3, kind: 'file' },
  { path: 'd.txt', state: 'same-file', size: 1, kind: 'file' },
]
const selected = (...paths: string[]) => ({ ...NO_SELECTION, selected: new Set(paths) })

describe('linkable', () => {
  it('with nothing selected: every same-content file, not links, not other states', () => {
    expect(linkable({ compareRows: rows, compareSelection: NO_SELECTION, compareLinked: new Set() })).toEqual({
      paths: ['a.txt', 'b.txt'],
      all: true,
    })
  })
  it('with a selection: its same-content files only; a selection of none of them falls back to all', () => {
    const sel = selected('b.txt', 'c.txt', 'link')
    expect(linkable({ compareRows: rows, compareSelection: sel, compareLinked: new Set() })).toEqual({
      paths: ['b.txt'],
      all: false,
    })
    expect(linkable({ compareRows: rows, compareSelection: selected('c.txt'), compareLinked: new Set() }).all).toBe(
      true,
    )
  })
  it('never offers a path linked already', () => {
    expect(linkable({ compareRows: rows, compareSelection: NO_SELECTION, compareLinked: new Set(['a.txt']) })).toEqual({
      paths: ['b.txt'],
      all: true,
    })
  })
})

describe('compareOrder', () => {
  it('sorts by state in the engine order, by size, by path, ties by path', () => {
    const by = (column: 'path' | 'state' | 'size', desc = false) =>
      [...rows].sort(compareOrder({ column, desc })).map((r) => r.path)
    expect(by('state')).toEqual(['d.txt', 'a.txt', 'b.txt', 'link', 'c.txt'])
    expect(by('size', true)).toEqual(['b.txt', 'a.txt', 'c.txt', 'd.txt', 'link'])
    expect(by('path')).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt', 'link'])
  })
})
