/**
 * Find by name: a glob over the tree below a folder, results streamed into the shared table. Enter (or
 * a double-click) on a result opens its folder with it selected; Escape goes back to the explorer.
 */
import '../../styles/actions.css'

import { useEffect } from 'react'

import { Shown } from '../../components/Shown'
import { ENTRY_COLUMNS } from '../../lib/export-lists'
import { formatCount } from '../../lib/format'
import { useApp, useAppStore } from '../../stores/store-context'
import { ExportButtons } from '../actions/ExportButtons'
import { FindTable } from './FindTable'

function FindStatusLine() {
  const status = useApp((s) => s.findStatus)
  const count = useApp((s) => s.found.length)
  const summary = useApp((s) => s.findSummary)
  const error = useApp((s) => s.findError)
  const byTarget = useApp((s) => s.findMatch === 'target')
  if (status === 'idle' && byTarget)
    return (
      <p className="muted find-status">
        Type a target or a pattern, matched against each link&apos;s stored target as <code>find -lname</code> does:{' '}
        <code>*</code> any characters (<code>/</code> too), <code>?</code> one, <code>[abc]</code> one of.
      </p>
    )
  if (status === 'idle')
    return (
      <p className="muted find-status">
        Type a name or a pattern: <code>*</code> any characters, <code>?</code> one, <code>[abc]</code> one of,{' '}
        <code>**</code> any folders (with a <code>/</code>, the pattern matches paths below the folder).
      </p>
    )
  if (status === 'error')
    return (
      <p className="find-status is-bad" role="alert">
        <Shown text={error?.message ?? 'The search failed.'} />
      </p>
    )
  if (status === 'running')
    return (
      <p className="find-status" role="status">
        Searching… {formatCount(count)} found
      </p>
    )
  const s = summary!
  return (
    <p className="find-status" role="status" data-testid="find-summary">
      {status === 'cancelled' ? 'Stopped: ' : ''}
      {formatCount(s.found)} found among {formatCount(s.entries)} entries in {s.ms} ms
      {s.truncated ? ` (the first ${formatCount(count)} are shown)` : ''}
      {s.errors > 0 ? `; ${formatCount(s.errors)} could not be read` : ''}
    </p>
  )
}

/** Match the pattern against names, or against links' stored targets (find -lname). */
function FindMatchChoice() {
  const store = useAppStore()
  const match = useApp((s) => s.findMatch)
  return (
    <select
      aria-label="Match"
      className="find-match"
      value={match}
      title="Names: each entry's name (or path below the folder). Targets: each link's stored target, where * spans folders too"
      onChange={(ev) => store.getState().setFindMatch(ev.target.value === 'target' ? 'target' : 'name')}
    >
      <option value="name">Name matches</option>
      <option value="target">Target matches</option>
    </select>
  )
}

export function FindView() {
  const store = useAppStore()
  const root = useApp((s) => s.findRoot)
  const pattern = useApp((s) => s.findPattern)
  const ignoreCase = useApp((s) => s.findIgnoreCase)
  const match = useApp((s) => s.findMatch)
  const status = useApp((s) => s.findStatus)
  const found = useApp((s) => s.found)
  const s = store.getState
  useEffect(() => {
    const onKey = (ev: KeyboardEvent): void => {
      if (ev.key !== 'Escape' || s().menu || s().dialog) return
      if (s().findStatus === 'running') s().cancelFind()
      else s().showExplorer()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [s])
  return (
    <div className="scan-view find-view">
      <header className="toolbar scan-toolbar">
        <button
          type="button"
          className="btn back-button"
          onClick={() => s().showExplorer()}
          title="Back to the explorer (Esc)"
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
            <path d="M10 3L5 8l5 5" />
          </svg>
          Explorer
        </button>
        <h1 className="scan-title">
          <span className="muted">{match === 'target' ? 'Find links by target in' : 'Find by name in'}</span>{' '}
          <span className="mono">
            <Shown text={root ?? '—'} />
          </span>
        </h1>
        <span className="spacer" />
      </header>
      <form
        className="find-form"
        onSubmit={(ev) => {
          ev.preventDefault()
          s().startFind()
        }}
      >
        <input
          aria-label="Name or pattern"
          className="find-input"
          autoFocus
          spellCheck={false}
          placeholder={match === 'target' ? '*/node_modules/*, /etc/alternatives/*' : '*.txt, report?.md, src/**/*.ts'}
          value={pattern}
          onChange={(ev) => s().setFindPattern(ev.target.value)}
        />
        <FindMatchChoice />
        <label className="check">
          <input type="checkbox" checked={ignoreCase} onChange={(ev) => s().setFindIgnoreCase(ev.target.checked)} />{' '}
          Ignore case
        </label>
        {status === 'running' ? (
          <button type="button" className="btn" onClick={() => s().cancelFind()}>
            Cancel
          </button>
        ) : (
          <button type="submit" className="btn primary" disabled={pattern === '' || !root}>
            Find
          </button>
        )}
        {found.length > 0 ? (
          <ExportButtons what="the results" baseName="find-results" columns={ENTRY_COLUMNS} rows={() => s().found} />
        ) : null}
      </form>
      <FindStatusLine />
      <main className="main scan-main">
        <FindTable />
      </main>
    </div>
  )
}
