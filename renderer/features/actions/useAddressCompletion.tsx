/**
 * Completion for the typed address: as the path is typed, the subfolders that complete it are listed
 * under the field. Arrows move through them, Tab completes to the chosen one (and lists its own
 * subfolders), Enter opens the chosen one, Escape closes the list, a click opens.
 */
import { useEffect, useRef, useState } from 'react'

import { visibleName } from '../../../shared/names'
import { useAppStore } from '../../stores/store-context'

/** How long typing must pause before the engine is asked (a fast typist sends one request, not ten). */
const TYPE_PAUSE_MS = 120

export type AddressCompletion = {
  items: string[]
  active: number
  /** Handle a key in the field; true when the completion used it. */
  onKeyDown(ev: React.KeyboardEvent<HTMLInputElement>): boolean
}

export function useAddressCompletion(
  text: string,
  setText: (t: string) => void,
  open: (path: string) => void,
): AddressCompletion {
  const store = useAppStore()
  const [items, setItems] = useState<string[]>([])
  const [active, setActive] = useState(-1)
  const asked = useRef('')
  useEffect(() => {
    asked.current = text
    if (text.trim() === '') {
      setItems([])
      return
    }
    const timer = setTimeout(() => {
      void store
        .getState()
        .completeFolder(text.trim())
        .then((found) => {
          if (asked.current !== text) return
          // the folder typed in full is no completion of itself
          setItems(found.filter((f) => f !== text))
          setActive(-1)
        })
    }, TYPE_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [store, text])

  const sep = store.getState().info?.sep ?? '/'
  return {
    items,
    active,
    onKeyDown(ev) {
      if (items.length === 0) return false
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        const last = items.length - 1
        setActive((a) => (ev.key === 'ArrowDown' ? (a >= last ? 0 : a + 1) : a <= 0 ? last : a - 1))
        ev.preventDefault()
        return true
      }
      if (ev.key === 'Tab' && !ev.shiftKey) {
        const chosen = items[Math.max(0, active)]!
        setText(chosen.endsWith(sep) ? chosen : chosen + sep)
        ev.preventDefault()
        return true
      }
      if (ev.key === 'Enter' && active >= 0) {
        open(items[active]!)
        ev.preventDefault()
        return true
      }
      if (ev.key === 'Escape') {
        setItems([])
        ev.preventDefault()
        return true
      }
      return false
    },
  }
}

/** The list under the field; a mouse press opens (before the field's blur would close the list). */
export function CompletionList({
  items,
  active,
  onOpen,
  id = 'address-completions',
}: {
  items: string[]
  active: number
  onOpen: (path: string) => void
  /** the list's element id, for the field's aria-controls (the dialogs have their own) */
  id?: string
}) {
  if (items.length === 0) return null
  return (
    <ul id={id} className="address-completions" role="listbox" aria-label="Folders">
      {items.map((p, i) => (
        <li
          key={p}
          role="option"
          aria-selected={i === active}
          onMouseDown={(ev) => {
            ev.preventDefault()
            onOpen(p)
          }}
        >
          {visibleName(p)}
        </li>
      ))}
    </ul>
  )
}
