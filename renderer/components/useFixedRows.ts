/**
 * Windowing for rows of one fixed height: which rows are on screen (and `overscan` more either side),
 * from the scroll box's scrollTop and height alone. A general virtualizer keeps a measurement per row
 * and rebuilds them all whenever the count changes; a list that streams in tens of thousands of rows
 * per redraw would pay for every row each time. Here a redraw costs the same for 100 rows or 100k.
 */
import { useCallback, useLayoutEffect, useState } from 'react'
import { flushSync } from 'react-dom'

import { useMeasured } from './measure'

export type FixedRows = {
  /** the first row to draw, and one past the last */
  first: number
  end: number
  totalSize: number
  scrollToOffset(top: number): void
  /** Scroll as little as needed to show the whole row (nothing when it is on screen already). */
  scrollToIndex(index: number): void
}

const heightOf = (el: HTMLElement): number => el.clientHeight

export function useFixedRows(
  scrollRef: React.RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan: number,
): FixedRows {
  const height = useMeasured(scrollRef, heightOf)
  const [top, setTop] = useState(0)
  const read = useCallback(() => {
    const el = scrollRef.current
    if (el) setTop(el.scrollTop)
  }, [scrollRef])
  useLayoutEffect(() => {
    const el = scrollRef.current
    if (!el) return
    read()
    // drawn in the same frame as the scroll, so fast scrolling never shows an empty stretch
    const onScroll = (): void => flushSync(read)
    el.addEventListener('scroll', onScroll, { passive: true })
    return () => el.removeEventListener('scroll', onScroll)
  }, [scrollRef, read])

  const scrollToOffset = useCallback(
    (top: number) => {
      const el = scrollRef.current
      if (!el) return
      el.scrollTop = top
      read() // in a layout effect this redraws before paint, not one frame later on the scroll event
    },
    [scrollRef, read],
  )
  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current
      if (!el) return
      const top = index * rowHeight
      if (top < el.scrollTop) scrollToOffset(top)
      else if (top + rowHeight > el.scrollTop + el.clientHeight) scrollToOffset(top + rowHeight - el.clientHeight)
    },
    [scrollRef, rowHeight, scrollToOffset],
  )
  return {
    first: Math.max(0, Math.min(count, Math.floor(top / rowHeight) - overscan)),
    end: Math.min(count, Math.ceil((top + height) / rowHeight) + overscan),
    totalSize: count * rowHeight,
    scrollToOffset,
    scrollToIndex,
  }
}
