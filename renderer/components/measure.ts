/** Watching an element's width, and following a pointer drag: what the resizable parts share. */
import { useLayoutEffect, useState } from 'react'

/** `measure(el)` now and whenever the element resizes (a page without ResizeObserver keeps the first). */
export function useMeasured<E extends HTMLElement>(ref: React.RefObject<E | null>, measure: (el: E) => number): number {
  const [w, setW] = useState(0)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    const update = (): void => setW(measure(el))
    update()
    if (typeof ResizeObserver === 'undefined') return
    const seen = new ResizeObserver(update)
    seen.observe(el)
    return () => seen.disconnect()
  }, [ref, measure])
  return w
}

/** Follow a drag that starts on `ev`: `onMove` hears how far the pointer has moved sideways. */
export function followDrag(ev: React.PointerEvent<HTMLElement>, onMove: (dx: number) => void): void {
  const el = ev.currentTarget
  const x0 = ev.clientX
  el.setPointerCapture(ev.pointerId)
  const move = (e: PointerEvent): void => onMove(e.clientX - x0)
  const up = (): void => {
    el.removeEventListener('pointermove', move)
    el.removeEventListener('pointerup', up)
    el.removeEventListener('pointercancel', up)
  }
  el.addEventListener('pointermove', move)
  el.addEventListener('pointerup', up)
  el.addEventListener('pointercancel', up)
}
