/**
 * Browse, in browser mode: a small folder list inside the dialog (a web page cannot open the system's
 * folder dialog on a server's disk). It lists through the engine, as the address bar's completion does:
 * a click goes into a folder, Up goes out, "Use this folder" fills the field.
 */
import { useEffect, useState } from 'react'

import { visibleName } from '../../../shared/names'
import { Shown } from '../../components/Shown'
import { basenameOf, dirnameOf } from '../../lib/paths'
import { useApp, useAppStore } from '../../stores/store-context'

/** As many folders as one completion answer carries; more are reached by typing. */
const SHOWN_AT_MOST = 200

export function FolderPicker({
  start,
  onChoose,
  onCancel,
}: {
  start: string
  onChoose: (folder: string) => void
  onCancel: () => void
}) {
  const store = useAppStore()
  const sep = useApp((s) => s.info?.sep ?? '/')
  const [at, setAt] = useState(start)
  const [folders, setFolders] = useState<string[] | null>(null)
  useEffect(() => {
    let live = true
    setFolders(null)
    void store
      .getState()
      .completeFolder(at.endsWith(sep) ? at : at + sep)
      .then((found) => {
        if (live) setFolders(found)
      })
    return () => {
      live = false
    }
  }, [store, at, sep])
  const up = dirnameOf(at, sep)
  return (
    <div className="folder-picker" role="group" aria-label="Choose a folder">
      <div className="fp-head">
        <button type="button" className="btn" disabled={!up} onClick={() => up && setAt(up)}>
          Up
        </button>
        <span className="mono fp-at">
          <Shown text={at} path />
        </span>
      </div>
      <ul className="fp-list" aria-label={`Folders in ${visibleName(at)}`}>
        {folders === null ? (
          <li className="muted">Reading…</li>
        ) : folders.length === 0 ? (
          <li className="muted">No folders in here.</li>
        ) : (
          folders.map((f) => (
            <li key={f}>
              <button type="button" className="link" onClick={() => setAt(f)}>
                <Shown text={basenameOf(f, sep)} />
              </button>
            </li>
          ))
        )}
        {folders && folders.length >= SHOWN_AT_MOST ? (
          <li className="muted">Only the first {SHOWN_AT_MOST} are listed: type the path to narrow them.</li>
        ) : null}
      </ul>
      <div className="fp-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="btn primary" onClick={() => onChoose(at)}>
          Use this folder
        </button>
      </div>
    </div>
  )
}
