import { afterEach, describe, expect, it, vi } from 'vitest'

import { NO_SELECTION, selectionOver } from '../../../renderer/stores/lists/list-state'
import { streamBuffer } from '../../../renderer/stores/lists/stream-buffer'

const rows = selectionOver((r: { id: string }) => r.id)
const view = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }))

describe('list selection', () => {
  it('selects one, toggles, and ranges from the anchor in view order', () => {
    const one = rows.select(view, NO_SELECTION, 'b')
    expect(one).toEqual({ selected: new Set(['b']), focus: 'b', anchor: 'b' })
    const range = rows.select(view, one, 'd', 'range')
    expect([...range.selected]).toEqual(['b', 'c', 'd'])
    expect(range.anchor).toBe('b')
    const toggled = rows.select(view, range, 'c', 'toggle')
    expect([...toggled.selected].sort()).toEqual(['b', 'd'])
    // a range without an anchor in view selects the row alone
    expect(rows.select(view, NO_SELECTION, 'e', 'range')).toEqual({ selected: new Set(['e']), focus: 'e', anchor: 'e' })
  })

  it('moves the focus by keys, clamped to the view, and extends with Shift', () => {
    expect(rows.focusTarget(view, null, 'down')).toBe('a')
    expect(rows.focusTarget(view, 'a', 'up')).toBe('a')
    expect(rows.focusTarget(view, 'b', 'pagedown', 2)).toBe('d')
    expect(rows.focusTarget(view, 'b', 'end')).toBe('e')
    expect(rows.focusTarget([], 'b', 'down')).toBeNull()
    const extended = rows.moveFocus(view, rows.select(view, NO_SELECTION, 'b'), 'down', true)
    expect([...extended.selected]).toEqual(['b', 'c'])
    expect(extended.focus).toBe('c')
  })

  it('selects all shown rows, or none when all are; forgets rows no longer listed', () => {
    const all = rows.toggleAll(view, NO_SELECTION)
    expect(all.selected.size).toBe(5)
    expect(rows.toggleAll(view, all).selected.size).toBe(0)
    const pruned = rows.prune(view.slice(0, 2), { selected: new Set(['a', 'd']), focus: 'd', anchor: 'a' })
    expect(pruned).toEqual({ selected: new Set(['a']), focus: null, anchor: 'a' })
  })
})

describe('stream buffer', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('flushes what must show at once, gathers the rest for one later flush, and drops what is stopped', () => {
    vi.useFakeTimers()
    const flushed: number[][] = []
    const buffer = streamBuffer<number>(
      (items) => flushed.push(items),
      () => 100,
    )
    buffer.push([1], true)
    buffer.push([2, 3])
    buffer.push([4])
    expect(flushed).toEqual([[1]])
    vi.advanceTimersByTime(100)
    expect(flushed).toEqual([[1], [2, 3, 4]])
    buffer.push([5])
    buffer.stop()
    vi.advanceTimersByTime(200)
    expect(flushed).toHaveLength(2)
  })

  it('keyed: a newer item replaces a gathered one of the same key, in its place', () => {
    vi.useFakeTimers()
    const flushed: { k: string; v: number }[][] = []
    const buffer = streamBuffer<{ k: string; v: number }>(
      (items) => flushed.push(items),
      () => 50,
      (i) => i.k,
    )
    buffer.push([
      { k: 'a', v: 1 },
      { k: 'b', v: 1 },
    ])
    buffer.push([{ k: 'a', v: 2 }])
    expect(buffer.pending('a')).toEqual({ k: 'a', v: 2 })
    buffer.flush()
    expect(flushed).toEqual([
      [
        { k: 'a', v: 2 },
        { k: 'b', v: 1 },
      ],
    ])
    expect(buffer.pending('a')).toBeUndefined()
  })
})
