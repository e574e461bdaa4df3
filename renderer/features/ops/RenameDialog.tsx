/** F2: rename an entry in place (never over an existing name). */
import { useState } from 'react'

import type { AppError } from '../../../shared/errors'
import { visibleName } from '../../../shared/names'
import type { LinkEntry } from '../../../shared/types/link'
import { Dialog, RefusalBox } from '../../components/Dialog'
import { explainOpError } from '../../lib/explain'
import { useApp, useAppStore } from '../../stores/store-context'

export function RenameDialog({ entry }: { entry: LinkEntry }) {
  const store = useAppStore()
  const busy = useApp((s) => s.busy)
  const [name, setName] = useState(entry.name)
  const [error, setError] = useState<AppError | null>(null)
  const n = name.trim()
  const problem = !n ? 'Give it a name.' : /[\\/]/.test(n) ? 'A name cannot contain / or \\.' : null
  const submit = async (): Promise<void> => {
    if (problem || n === entry.name) {
      store.getState().closeDialog()
      return
    }
    const r = await store.getState().rename(entry.path, n)
    if (r.ok) store.getState().closeDialog()
    else setError(r.error)
  }
  const refusal = error ? explainOpError(error, 'rename') : null
  return (
    <Dialog
      title={`Rename “${visibleName(entry.name)}”`}
      onClose={() => store.getState().closeDialog()}
      footer={
        <>
          <button type="button" className="btn" onClick={() => store.getState().closeDialog()}>
            Cancel
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={busy || problem !== null}
            onClick={() => void submit()}
          >
            Rename
          </button>
        </>
      }
    >
      <form
        onSubmit={(ev) => {
          ev.preventDefault()
          void submit()
        }}
      >
        <label className="field">
          <span>New name</span>
          <input
            aria-label="New name"
            value={name}
            spellCheck={false}
            onChange={(ev) => setName(ev.target.value)}
            onFocus={(ev) => {
              const dot = entry.name.lastIndexOf('.')
              ev.target.setSelectionRange(0, dot > 0 ? dot : entry.name.length)
            }}
          />
        </label>
      </form>
      {entry.kind === 'file' && entry.links > 1 ? (
        <p className="muted">
          Only this name changes; the file’s other {entry.links - 1} name{entry.links === 2 ? '' : 's'} stay as they
          are.
        </p>
      ) : null}
      {entry.kind === 'symlink' && entry.target && !entry.target.startsWith('/') ? (
        <p className="muted">The link stays in this folder, so its relative target keeps working.</p>
      ) : null}
      {problem && n !== '' ? <p className="plan-problem">✕ {problem}</p> : null}
      {refusal ? <RefusalBox reason={refusal.reason} wayOut={refusal.wayOut} detail={error?.message} /> : null}
    </Dialog>
  )
}
