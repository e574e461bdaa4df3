/**
 * Places, beside the address bar: bookmarked folders and the ones opened lately, each one click (or Enter)
 * away; the open folder is bookmarked from here or with Ctrl+D. The button is the next Tab stop after
 * the address; in the menu, arrows move, Delete removes a bookmark and Escape gives the focus back.
 */
import '../../styles/places.css'

import { useEffect, useRef, useState } from 'react'

import { Shown } from '../../components/Shown'
import { basenameOf } from '../../lib/paths'
import { useApp, useAppStore } from '../../stores/store-context'

type Item = { dir: string; bookmark: boolean }

function PlaceItem({ item, onOpen }: { item: Item; onOpen: (dir: string) => void }) {
  const store = useAppStore()
  const sep = useApp((s) => s.info?.sep ?? '/')
  return (
    <li role="none">
      <button
        type="button"
        role="menuitem"
        className="menu-item"
        title={item.bookmark ? `${item.dir} (Delete removes the bookmark)` : item.dir}
        onClick={() => onOpen(item.dir)}
        onKeyDown={(ev) => {
          if (ev.key !== 'Delete' || !item.bookmark) return
          ev.preventDefault()
          void store.getState().setBookmark(item.dir, false)
        }}
      >
        <span className="menu-text">
          <span className="menu-label">
            <Shown text={basenameOf(item.dir, sep) || item.dir} />
          </span>
          <span className="menu-hint mono">
            <Shown text={item.dir} />
          </span>
        </span>
      </button>
    </li>
  )
}

/** Arrow keys move between the menu's items, wrapping round. */
function moveFocus(ev: React.KeyboardEvent<HTMLElement>): void {
  const items = [...ev.currentTarget.querySelectorAll<HTMLElement>('[role=menuitem]')]
  const at = items.indexOf(document.activeElement as HTMLElement)
  ev.preventDefault()
  items[(at + (ev.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus()
}

export function PlacesMenu() {
  const store = useAppStore()
  const dir = useApp((s) => s.dir)
  const places = useApp((s) => s.places)
  const [open, setOpen] = useState<{ left: number; top: number } | null>(null)
  const button = useRef<HTMLButtonElement>(null)
  const list = useRef<HTMLUListElement>(null)
  const s = store.getState
  const marked = dir !== null && places.bookmarks.includes(dir)
  const close = (): void => {
    setOpen(null)
    button.current?.focus()
  }
  const go = (to: string): void => {
    setOpen(null)
    void s().openDirectory(to)
  }
  const toggle = (): void => {
    const r = button.current?.getBoundingClientRect()
    if (open || !r) {
      setOpen(null)
      return
    }
    void s().loadPlaces()
    setOpen({ left: Math.max(8, r.right - 320), top: r.bottom + 4 })
  }
  useEffect(() => {
    void s().loadPlaces()
    // Ctrl+D bookmarks the open folder (again: removes it), as browsers do for a page
    const onKey = (ev: KeyboardEvent): void => {
      if (!ev.ctrlKey || ev.shiftKey || ev.altKey || ev.key.toLowerCase() !== 'd') return
      const now = s().dir
      if (!now) return
      ev.preventDefault()
      void s().setBookmark(now, !s().places.bookmarks.includes(now))
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [s])
  useEffect(() => {
    if (!open) return
    list.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus()
    const outside = (ev: MouseEvent): void => {
      if (!list.current?.contains(ev.target as Node) && !button.current?.contains(ev.target as Node)) setOpen(null)
    }
    window.addEventListener('mousedown', outside)
    return () => window.removeEventListener('mousedown', outside)
  }, [open])
  const recent = places.recent.filter((d) => d !== dir)
  return (
    <div className="places">
      <button
        ref={button}
        type="button"
        className={`icon-button${marked ? ' is-on' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-label="Places: bookmarks and recent folders"
        title="Bookmarks and recent folders (Ctrl+D bookmarks this folder)"
        onClick={toggle}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden>
          <path d="M4 2.5h8v11L8 10.5l-4 3z" className={marked ? 'filled' : undefined} />
        </svg>
      </button>
      {open ? (
        <ul
          ref={list}
          className="menu places-menu"
          role="menu"
          aria-label="Places"
          style={open}
          onKeyDown={(ev) => {
            if (ev.key === 'Escape') {
              ev.preventDefault()
              ev.stopPropagation()
              close()
            } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') moveFocus(ev)
          }}
        >
          {dir ? (
            <li role="none">
              <button
                type="button"
                role="menuitem"
                className="menu-item"
                onClick={() => void s().setBookmark(dir, !marked)}
              >
                <span className="menu-label">{marked ? 'Remove this folder’s bookmark' : 'Bookmark this folder'}</span>
                <span className="menu-hint">Ctrl+D</span>
              </button>
            </li>
          ) : null}
          <PlaceGroup title="Bookmarks" empty="No bookmarks yet" dirs={places.bookmarks} bookmark onOpen={go} />
          <PlaceGroup title="Recent" empty="No other folder opened yet" dirs={recent} bookmark={false} onOpen={go} />
        </ul>
      ) : null}
    </div>
  )
}

function PlaceGroup(props: {
  title: string
  empty: string
  dirs: string[]
  bookmark: boolean
  onOpen: (dir: string) => void
}) {
  return (
    <>
      <li role="separator" className="menu-sep" />
      <li role="none" className="places-heading">
        <span>{props.title}</span>
        {props.dirs.length === 0 ? <span className="muted"> · {props.empty}</span> : null}
      </li>
      {props.dirs.map((d) => (
        <PlaceItem key={`${props.title}:${d}`} item={{ dir: d, bookmark: props.bookmark }} onOpen={props.onOpen} />
      ))}
    </>
  )
}
