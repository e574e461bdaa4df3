/**
 * The address bar's breadcrumbs: every folder from the root down, each a button. When the path is too
 * long, the folders in the middle fold into a "…" menu (walked with the arrow keys; Escape gives the
 * focus back to its button), and the root and the last folders stay whole.
 */
import '../../styles/breadcrumbs.css'

import { useEffect, useRef, useState } from 'react'

import { useMeasured } from '../../components/measure'
import { Shown } from '../../components/Shown'
import { collapseCrumbs, estimateCrumbWidth } from '../../lib/crumb-collapse'
import type { Crumb } from '../../lib/paths'

const widthOf = (el: HTMLElement): number => el.clientWidth

/** What a crumb accepts dropped on it (rows dragged to make links there), by the folder it names. */
export type CrumbDrop = (path: string) => React.DOMAttributes<HTMLElement>

function CrumbButton({
  c,
  current,
  first,
  onOpen,
  drop,
}: {
  c: Crumb
  current: boolean
  first: boolean
  onOpen: (path: string) => void
  drop?: CrumbDrop
}) {
  return (
    <span className="crumb-wrap">
      {!first && c.label !== '' ? (
        <span className="crumb-sep" aria-hidden>
          ›
        </span>
      ) : null}
      <button
        type="button"
        className={`crumb${current ? ' current' : ''}`}
        aria-current={current ? 'location' : undefined}
        onClick={() => onOpen(c.path)}
        {...drop?.(c.path)}
      >
        <Shown text={c.label} />
      </button>
    </span>
  )
}

function FoldMenu({ folded, onOpen }: { folded: Crumb[]; onOpen: (path: string) => void }) {
  const [open, setOpen] = useState<{ left: number; top: number } | null>(null)
  const button = useRef<HTMLButtonElement>(null)
  const list = useRef<HTMLUListElement>(null)
  const close = (): void => {
    setOpen(null)
    button.current?.focus()
  }
  // fixed, under its button: the breadcrumbs clip what overflows them
  const toggle = (): void =>
    setOpen((o) => {
      const r = button.current?.getBoundingClientRect()
      return o || !r ? null : { left: r.left, top: r.bottom + 4 }
    })
  useEffect(() => {
    if (!open) return
    list.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus()
    const outside = (ev: MouseEvent): void => {
      if (!list.current?.contains(ev.target as Node) && ev.target !== button.current) setOpen(null)
    }
    window.addEventListener('mousedown', outside)
    return () => window.removeEventListener('mousedown', outside)
  }, [open])
  return (
    <span className="crumb-wrap crumb-fold">
      <span className="crumb-sep" aria-hidden>
        ›
      </span>
      <button
        ref={button}
        type="button"
        className="crumb"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-label={`${folded.length} more folder${folded.length === 1 ? '' : 's'} above`}
        title="Folders above"
        onClick={toggle}
      >
        …
      </button>
      {open ? (
        <ul
          ref={list}
          className="menu crumb-menu"
          role="menu"
          aria-label="Folders above"
          style={open}
          onKeyDown={(ev) => {
            const items = [...ev.currentTarget.querySelectorAll<HTMLElement>('[role=menuitem]')]
            const at = items.indexOf(document.activeElement as HTMLElement)
            if (ev.key === 'Escape') {
              ev.preventDefault()
              ev.stopPropagation()
              close()
            } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
              ev.preventDefault()
              items[(at + (ev.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus()
            }
          }}
        >
          {folded.map((c) => (
            <li key={c.path} role="none">
              <button
                type="button"
                role="menuitem"
                className="menu-item"
                onClick={() => {
                  setOpen(null)
                  onOpen(c.path)
                }}
              >
                <span className="menu-text">
                  <span className="menu-label">
                    <Shown text={c.label} />
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </span>
  )
}

export function Breadcrumbs({
  crumbs,
  onOpen,
  drop,
}: {
  crumbs: Crumb[]
  onOpen: (path: string) => void
  drop?: CrumbDrop
}) {
  const nav = useRef<HTMLElement>(null)
  const room = useMeasured(nav, widthOf)
  const { head, folded, tail } =
    room > 0 ? collapseCrumbs(crumbs, room, estimateCrumbWidth) : { head: crumbs, folded: [], tail: [] }
  const last = crumbs[crumbs.length - 1]
  const draw = (c: Crumb, i: number): React.ReactNode => (
    <CrumbButton key={c.path} c={c} first={i === 0} current={c === last} onOpen={onOpen} drop={drop} />
  )
  return (
    <nav aria-label="Breadcrumbs" className="crumbs" ref={nav}>
      {head.map(draw)}
      {folded.length > 0 ? <FoldMenu folded={folded} onOpen={onOpen} /> : null}
      {tail.map((c) => draw(c, 1))}
    </nav>
  )
}
