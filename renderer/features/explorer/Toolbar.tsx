/** Back / forward / up / refresh, the address bar (breadcrumbs that turn into a text field) and the filter. */
import { useEffect, useRef, useState } from 'react'

import { crumbsOf } from '../../lib/paths'
import { useApp, useAppStore } from '../../stores/store-context'
import { dropTargetProps } from '../actions/link-drag'
import { CompletionList, useAddressCompletion } from '../actions/useAddressCompletion'
import { DupesButton } from '../dupes/DupesButton'
import { ScanButton } from '../scan/ScanButton'
import { Breadcrumbs } from './Breadcrumbs'
import { FolderSizesButton } from './FolderSizesButton'
import { PlacesMenu } from './PlacesMenu'

function NavButton({
  label,
  keys,
  disabled,
  onClick,
  d,
}: {
  label: string
  keys: string
  disabled: boolean
  onClick: () => void
  d: string
}) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={`${label} (${keys})`}
      disabled={disabled}
      onClick={onClick}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden>
        <path d={d} />
      </svg>
    </button>
  )
}

export function AddressBar() {
  const store = useAppStore()
  const dir = useApp((s) => s.dir)
  const sep = useApp((s) => s.info?.sep ?? '/')
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState('')
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (editing) input.current?.select()
  }, [editing])
  const completion = useAddressCompletion(editing ? text : '', setText, (p) => {
    setEditing(false)
    void store.getState().openDirectory(p)
  })
  useEffect(() => {
    // Ctrl+L / F4 edit the address, as in file managers and browsers.
    const onKey = (ev: KeyboardEvent): void => {
      if ((ev.ctrlKey && ev.key.toLowerCase() === 'l') || ev.key === 'F4') {
        ev.preventDefault()
        setText(store.getState().dir ?? '')
        setEditing(true)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])

  if (editing) {
    return (
      <form
        className="address editing"
        onSubmit={(ev) => {
          ev.preventDefault()
          // "Copy as path" on Windows adds quotes; a pasted path may carry them.
          const p = text
            .trim()
            .replace(/^"(.*)"$/, '$1')
            .trim()
          setEditing(false)
          if (p) void store.getState().openTyped(p)
        }}
      >
        <input
          ref={input}
          aria-label="Address"
          className="address-input"
          value={text}
          spellCheck={false}
          autoFocus
          onChange={(ev) => setText(ev.target.value)}
          onBlur={() => setEditing(false)}
          onKeyDown={(ev) => {
            if (!completion.onKeyDown(ev) && ev.key === 'Escape') setEditing(false)
          }}
          aria-autocomplete="list"
          aria-controls={completion.items.length > 0 ? 'address-completions' : undefined}
        />
        <CompletionList
          items={completion.items}
          active={completion.active}
          onOpen={(p) => {
            setEditing(false)
            void store.getState().openDirectory(p)
          }}
        />
      </form>
    )
  }
  const crumbs = dir ? crumbsOf(dir, sep) : []
  return (
    <div
      className="address"
      onClick={(ev) => {
        if (ev.target === ev.currentTarget) {
          setText(dir ?? '')
          setEditing(true)
        }
      }}
      title="Click to type a path (Ctrl+L)"
    >
      <Breadcrumbs
        crumbs={crumbs}
        onOpen={(p) => {
          void store.getState().openDirectory(p)
        }}
        drop={(p) => dropTargetProps(store.getState, p)}
      />
      <button
        type="button"
        className="address-edit"
        aria-label="Type a path"
        onClick={() => {
          setText(dir ?? '')
          setEditing(true)
        }}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
          <path d="M10.5 2.5l3 3-8 8H2.5v-3z" />
        </svg>
      </button>
    </div>
  )
}

export function Toolbar() {
  const store = useAppStore()
  const canBack = useApp((s) => s.historyIndex > 0)
  const canForward = useApp((s) => s.historyIndex < s.history.length - 1)
  const canUp = useApp((s) => (s.summary ? s.summary.parent !== null : s.dir !== null))
  const filter = useApp((s) => s.filter)
  const loading = useApp((s) => s.loading)
  const s = store.getState
  return (
    <header className="toolbar">
      <div className="nav-buttons">
        <NavButton
          label="Back"
          keys="Alt+Left"
          disabled={!canBack}
          onClick={() => void s().goBack()}
          d="M10 3L5 8l5 5"
        />
        <NavButton
          label="Forward"
          keys="Alt+Right"
          disabled={!canForward}
          onClick={() => void s().goForward()}
          d="M6 3l5 5-5 5"
        />
        <NavButton
          label="Up"
          keys="Alt+Up"
          disabled={!canUp}
          onClick={() => void s().goUp()}
          d="M8 13V3M3.5 7.5L8 3l4.5 4.5"
        />
        <NavButton
          label="Refresh"
          keys="F5"
          disabled={loading}
          onClick={() => void s().refresh()}
          d="M13 8a5 5 0 1 1-1.5-3.5M13 2.5v3h-3"
        />
      </div>
      <AddressBar />
      <PlacesMenu />
      <div className="filter">
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
          <circle cx="7" cy="7" r="4.5" />
          <path d="M10.5 10.5l3 3" />
        </svg>
        <input
          type="search"
          aria-label="Filter"
          placeholder="Filter (name, target, “broken”…)"
          value={filter}
          onChange={(ev) => s().setFilter(ev.target.value)}
          onKeyDown={(ev) => {
            if (ev.key === 'Escape') s().setFilter('')
          }}
        />
      </div>
      <FolderSizesButton />
      <ScanButton />
      <DupesButton />
    </header>
  )
}
