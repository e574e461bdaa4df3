/**
 * True once `on` has stayed true for `ms`: work that ends quickly shows no busy sign (it would only
 * flicker); work that takes longer shows one.
 */
import { useEffect, useState } from 'react'

/** How long work runs before a busy sign shows. */
export const BUSY_AFTER_MS = 200

export function useDelayed(on: boolean, ms = BUSY_AFTER_MS): boolean {
  const [shown, setShown] = useState(false)
  useEffect(() => {
    if (!on) {
      setShown(false)
      return
    }
    const t = setTimeout(() => setShown(true), ms)
    return () => clearTimeout(t)
  }, [on, ms])
  return on && shown
}
