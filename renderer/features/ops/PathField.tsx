/**
 * A path typed in a link dialog: folder names complete as in the address bar (arrows, Tab, Enter, a
 * click), and Browse picks a folder (the system's dialog in the desktop app, a folder list in the page
 * in browser mode).
 */
import { useId, useState } from 'react'

import { isRelativeTarget } from '../../lib/explain'
import { dirnameOf } from '../../lib/paths'
import { useApp, useAppStore } from '../../stores/store-context'
import { CompletionList, useAddressCompletion } from '../actions/useAddressCompletion'
import { FolderPicker } from './FolderPicker'

export function PathField({
  label,
  value,
  onChange,
  from,
  placeholder,
  note,
}: {
  label: string
  value: string
  onChange: (path: string) => void
  /** where Browse starts when the field holds no absolute path */
  from: string
  placeholder?: string
  /** the line under the field (what the typed path is) */
  note: React.ReactNode
}) {
  const store = useAppStore()
  const sep = useApp((s) => s.info?.sep ?? '/')
  const desktop = useApp((s) => s.info?.mode === 'electron')
  const listId = useId()
  // completion follows typing only: a dialog opening on a filled field shows no list
  const [typing, setTyping] = useState(false)
  const [picking, setPicking] = useState(false)
  const completion = useAddressCompletion(typing ? value : '', onChange, (p) => {
    onChange(p)
    setTyping(false)
  })
  const typed = value.trim()
  const start = typed && !isRelativeTarget(typed) ? (dirnameOf(typed, sep) ?? typed) : from

  const browse = async (): Promise<void> => {
    if (!desktop) return setPicking((on) => !on)
    const chosen = await store.getState().chooseFolder(start)
    if (chosen) onChange(chosen)
  }
  return (
    <div className="field">
      <label htmlFor={`${listId}-input`}>{label}</label>
      <div className="path-field">
        <div className="completing">
          <input
            id={`${listId}-input`}
            className="mono"
            value={value}
            spellCheck={false}
            placeholder={placeholder}
            aria-autocomplete="list"
            aria-controls={completion.items.length > 0 ? listId : undefined}
            onChange={(ev) => {
              onChange(ev.target.value)
              setTyping(true)
            }}
            onBlur={() => setTyping(false)}
            onKeyDown={(ev) => {
              if (completion.onKeyDown(ev)) ev.stopPropagation()
            }}
          />
          <CompletionList id={listId} items={completion.items} active={completion.active} onOpen={onChange} />
        </div>
        <button
          type="button"
          className="btn"
          aria-expanded={desktop ? undefined : picking}
          onClick={() => void browse()}
        >
          Browse…
        </button>
      </div>
      <small className="muted">{note}</small>
      {picking ? (
        <FolderPicker
          start={start}
          onCancel={() => setPicking(false)}
          onChoose={(folder) => {
            onChange(folder)
            setPicking(false)
          }}
        />
      ) : null}
    </div>
  )
}
