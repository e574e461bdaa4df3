// The focused row keeps its place on screen when rows are inserted above or below it, or it moves in a
// new order; a row that was scrolled away is not pulled back, and nothing scrolls when it did not move.
import { describe, expect, it } from 'vitest'

import { anchoredScrollTop } from '../../../renderer/components/scroll-anchor'

const rowHeight = 28
const view = (scrollTop: number) => ({ scrollTop, height: 280, rowHeight })
/** The row's height on screen: its top less the scroll. */
const onScreen = (index: number, scrollTop: number): number => index * rowHeight - scrollTop

describe('anchoredScrollTop', () => {
  it('scrolls down by the rows inserted above the focused row, so it stays where it was on screen', () => {
    const top = anchoredScrollTop(3, 3 + 40, view(0))
    expect(top).toBe(40 * rowHeight)
    expect(onScreen(43, top!)).toBe(onScreen(3, 0))
  })

  it('keeps a row that moved up (rows removed or re-sorted above it) at its place too', () => {
    const top = anchoredScrollTop(120, 115, view(114 * rowHeight))
    expect(top).toBe(109 * rowHeight)
    expect(onScreen(115, top!)).toBe(onScreen(120, 114 * rowHeight))
  })

  it('keeps a row that is cut by the top or bottom edge (it is still under the cursor)', () => {
    expect(anchoredScrollTop(0, 5, view(rowHeight - 1))).toBe(rowHeight - 1 + 5 * rowHeight)
    expect(anchoredScrollTop(10, 12, view(1))).toBe(1 + 2 * rowHeight)
  })

  it('does nothing when the row did not move, or was not on screen', () => {
    expect(anchoredScrollTop(7, 7, view(0))).toBeNull()
    expect(anchoredScrollTop(10, 50, view(0))).toBeNull() // just below the box: 10 × 28 = 280
    expect(anchoredScrollTop(2, 50, view(3 * rowHeight))).toBeNull() // scrolled past
    expect(anchoredScrollTop(-1, 4, view(0))).toBeNull()
    expect(anchoredScrollTop(4, -1, view(0))).toBeNull()
  })

  it('never asks for a negative scroll', () => {
    expect(anchoredScrollTop(3, 0, view(10))).toBe(0)
  })
})
