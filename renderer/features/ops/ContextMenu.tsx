/**
 * The right-click menu as drawn: placed inside the window, walked with the keyboard, submenus beside
 * their items. What it offers is menu-items.ts. Disabled items say why, in the menu itself.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react'

import { visibleName } from '../../../shared/names'
import { useFocusReturn } from '../../components/useFocusReturn'
import { useApp, useAppStore } from '../../stores/store-context'
import { dropMenuItems } from '../actions/link-drag'
import { findMenuItems } from '../find/find-menu'
import { type MenuItem, menuItems } from './menu-items'

/** Menus keep this far from the window's edges. */
const MARGIN = 8

/** A submenu beside its item, moved up (or to the other side) as far as it must to stay in the window. */
function Submenu({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  const [fit, setFit] = useState<{ dy: number; flip: boolean }>({ dy: 0, flip: false })
  useLayoutEffect(() => {
    const r = ref.current?.getBoundingClientRect()
    if (!r) return
    const over = r.bottom - (window.innerHeight - MARGIN)
    setFit({ dy: over > 0 ? -Math.min(over, r.top - MARGIN) : 0, flip: r.right > window.innerWidth - MARGIN })
  }, [])
  return (
    <div
      ref={ref}
      className={`submenu${fit.flip ? ' flip' : ''}`}
      style={fit.dy ? { transform: `translateY(${fit.dy}px)` } : undefined}
    >
      {children}
    </div>
  )
}

function MenuList({
  items,
  onDone,
  label,
  onBack,
}: {
  items: MenuItem[]
  onDone: () => void
  label: string
  onBack?: () => void
}) {
  const [open, setOpen] = useState<number | null>(null)
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([])
  return (
    <ul
      className="menu"
      role="menu"
      aria-label={label}
      onKeyDown={(ev) => {
        // Up/Down walk this menu's items; Left closes a submenu (the parent item takes the focus back).
        const mine = [...ev.currentTarget.querySelectorAll<HTMLElement>(':scope > li > [role=menuitem]')]
        const at = mine.indexOf(document.activeElement as HTMLElement)
        if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
          if (at < 0) return
          ev.preventDefault()
          ev.stopPropagation()
          mine[(at + (ev.key === 'ArrowDown' ? 1 : mine.length - 1)) % mine.length]?.focus()
        } else if (ev.key === 'ArrowLeft' && onBack) {
          ev.preventDefault()
          ev.stopPropagation()
          onBack()
        }
      }}
    >
      {items.map((item, i) =>
        item === 'separator' ? (
          <li key={i} className="menu-sep" role="separator" />
        ) : (
          <li key={i} className="menu-li" role="none" onMouseEnter={() => setOpen(item.children ? i : null)}>
            <button
              type="button"
              role="menuitem"
              className={`menu-item${item.danger ? ' danger' : ''}`}
              aria-disabled={item.disabled ? true : undefined}
              aria-haspopup={item.children ? 'menu' : undefined}
              aria-expanded={item.children ? open === i : undefined}
              title={item.disabled || undefined}
              onClick={() => {
                if (item.disabled) return
                // Opening only (hover may have opened it a moment before the click lands).
                if (item.children) {
                  setOpen(i)
                  return
                }
                onDone()
                item.run?.()
              }}
              ref={(el) => {
                itemRefs.current[i] = el
              }}
              onKeyDown={(ev) => {
                if ((ev.key === 'ArrowRight' || ev.key === 'Enter') && item.children && !item.disabled) {
                  ev.preventDefault()
                  setOpen(i)
                  // focus the submenu's first item once it is drawn
                  const li = ev.currentTarget.parentElement
                  requestAnimationFrame(() => li?.querySelector<HTMLElement>('.submenu [role=menuitem]')?.focus())
                }
              }}
            >
              <span className="menu-text">
                <span className="menu-label">{item.label}</span>
                {item.disabled ? (
                  <span className="menu-hint why">{item.disabled}</span>
                ) : item.hint ? (
                  <span className="menu-hint">{item.hint}</span>
                ) : null}
              </span>
              {item.shortcut ? <span className="menu-shortcut">{item.shortcut}</span> : null}
              {item.children ? (
                <span className="menu-more" aria-hidden>
                  ▸
                </span>
              ) : null}
            </button>
            {item.children && open === i && !item.disabled ? (
              <Submenu>
                <MenuList
                  items={item.children}
                  onDone={onDone}
                  label={item.label}
                  onBack={() => {
                    setOpen(null)
                    itemRefs.current[i]?.focus()
                  }}
                />
              </Submenu>
            ) : null}
          </li>
        ),
      )}
    </ul>
  )
}

export function ContextMenu() {
  const store = useAppStore()
  const menu = useApp((s) => s.menu)
  const ref = useRef<HTMLDivElement>(null)
  const [pos, setPos] = useState<{ x: number; y: number } | null>(null)
  useFocusReturn(menu !== null, ref)

  // Keep the menu inside the window.
  useLayoutEffect(() => {
    if (!menu || !ref.current) {
      setPos(null)
      return
    }
    const r = ref.current.getBoundingClientRect()
    setPos({
      x: Math.max(MARGIN, Math.min(menu.x, window.innerWidth - r.width - MARGIN)),
      y: Math.max(MARGIN, Math.min(menu.y, window.innerHeight - r.height - MARGIN)),
    })
  }, [menu])

  useEffect(() => {
    if (!menu) return
    const close = (ev: Event): void => {
      if (ev instanceof KeyboardEvent && ev.key !== 'Escape') return
      if (ev instanceof MouseEvent && ref.current?.contains(ev.target as Node)) return
      store.getState().closeMenu()
    }
    window.addEventListener('mousedown', close)
    window.addEventListener('keydown', close)
    window.addEventListener('blur', close)
    ref.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus()
    return () => {
      window.removeEventListener('mousedown', close)
      window.removeEventListener('keydown', close)
      window.removeEventListener('blur', close)
    }
  }, [menu, store])

  if (!menu) return null
  const items = menu.drop
    ? dropMenuItems(store.getState(), menu.drop.sources, menu.drop.dir, menu.drop.caps)
    : menu.find
      ? findMenuItems(store.getState())
      : menuItems(store.getState(), menu.entry)
  if (items.length === 0) return null
  return (
    <div
      ref={ref}
      className="context-menu"
      style={{ left: (pos ?? menu).x, top: (pos ?? menu).y }}
      onContextMenu={(ev) => ev.preventDefault()}
    >
      <MenuList
        items={items}
        onDone={() => store.getState().closeMenu()}
        label={
          menu.drop
            ? `Make ${menu.drop.sources.length === 1 ? 'a link' : 'links'} here as`
            : menu.find
              ? 'Actions for the selected results'
              : menu.entry
                ? `Actions for ${visibleName(menu.entry.name)}`
                : 'Actions for this folder'
        }
      />
    </div>
  )
}
