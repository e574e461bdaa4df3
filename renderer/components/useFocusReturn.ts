/**
 * A menu or dialog gives the focus back to where it came from when it closes (by Escape, a click
 * outside or its own buttons), so the keyboard carries on from there. When that place is gone (a row
 * that was removed), the list that was open takes the focus instead of the page.
 */
import { useLayoutEffect } from 'react'

/** Where the focus goes when its origin no longer exists: the body of the list on screen. */
const FALLBACK = '.table .tbody'

export function useFocusReturn(open: boolean, container: React.RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    if (!open) return
    const from = document.activeElement
    const origin = from instanceof HTMLElement && from !== document.body ? from : null
    // the menu or dialog is on screen by now: the node that will close is this one
    const box = container.current
    return () => {
      // only when the focus was inside what closed, or was dropped with it; never steal it from elsewhere
      const now = document.activeElement
      const lost = !now || now === document.body || !now.isConnected || (box?.contains(now) ?? false)
      if (!lost) return
      const target = origin?.isConnected ? origin : document.querySelector<HTMLElement>(FALLBACK)
      target?.focus({ preventScroll: true })
    }
  }, [open, container])
}
