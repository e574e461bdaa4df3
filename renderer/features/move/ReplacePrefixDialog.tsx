/**
 * *Replace prefix…* on selected broken links (the scan view): every chosen link whose target lies under
 * OLD is pointed at the same place under NEW. A preview table first (link, old target, new target, will
 * it resolve), nothing changed until Apply; then one Undo puts the whole batch back.
 */
import { useState } from 'react'

import type { AppError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import type { PrefixRecord } from '../../../shared/types/move'
import { Dialog } from '../../components/Dialog'
import { Shown } from '../../components/Shown'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../stores/store-context'
import { MoveRefusal } from './MoveParts'

/** The folder part the chosen links' targets share: what was most likely moved. */
function commonFolder(links: LinkEntry[]): string {
  const dirs = links.map((l) => (l.resolved ?? '').split('/').slice(0, -1))
  if (dirs.length === 0 || dirs.some((d) => d.length === 0)) return ''
  let n = (dirs[0] as string[]).length
  for (const d of dirs) {
    let i = 0
    while (i < n && d[i] === (dirs[0] as string[])[i]) i++
    n = i
  }
  return (dirs[0] as string[]).slice(0, n).join('/') || '/'
}

type Step = 'edit' | 'previewed' | 'applied' | 'undone'

export function ReplacePrefixDialog({ links }: { links: LinkEntry[] }) {
  const store = useAppStore()
  const api = store.getState().moveApi
  const [oldPrefix, setOld] = useState(() => commonFolder(links))
  const [newPrefix, setNew] = useState('')
  const [rows, setRows] = useState<PrefixRecord[]>([])
  const [step, setStep] = useState<Step>('edit')
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const paths = links.map((l) => l.path)
  const call = async (dryRun: boolean): Promise<void> => {
    setBusy(true)
    const r = await api.prefix(paths, oldPrefix.trim(), newPrefix.trim(), dryRun)
    setBusy(false)
    if (!r.ok) {
      setError(r.error)
      return
    }
    setError(null)
    setRows(r.value)
    setStep(dryRun ? 'previewed' : 'applied')
  }
  const undo = async (): Promise<void> => {
    setBusy(true)
    const r = await api.undoPrefix(rows.map(({ path, oldTarget, action }) => ({ path, oldTarget, action })))
    setBusy(false)
    if (!r.ok) {
      setError(r.error)
      return
    }
    if (r.value.length > 0)
      setError({
        code: r.value[0]?.code ?? 'UNKNOWN',
        message: `${r.value.length} link(s) could not be put back: ${r.value[0]?.detail ?? ''}`,
      })
    setStep('undone')
  }
  const close = (): void => {
    store.getState().closeMoveDialog()
    if (step === 'applied' || step === 'undone') {
      const s = store.getState()
      if (s.scanRoot) s.startScan(s.scanRoot)
    }
  }
  const done = rows.filter((r) => r.action === 'retargeted').length
  const ready = rows.filter((r) => r.action === 'would-retarget').length
  const locked = step === 'applied' || step === 'undone'
  const footer = (
    <PrefixFooter
      step={step}
      busy={busy}
      ready={ready}
      done={done}
      canPreview={!!oldPrefix.trim() && !!newPrefix.trim()}
      close={close}
      preview={() => void call(true)}
      apply={() => void call(false)}
      undo={() => void undo()}
    />
  )
  return (
    <Dialog
      title={`Replace prefix in ${formatCount(links.length)} link${links.length === 1 ? '' : 's'}`}
      wide
      onClose={close}
      footer={footer}
    >
      <label className="field">
        <span>Old prefix</span>
        <input
          type="text"
          className="mono"
          aria-label="Old prefix"
          value={oldPrefix}
          disabled={locked}
          onChange={(ev) => {
            setOld(ev.target.value)
            setStep('edit')
          }}
        />
      </label>
      <label className="field">
        <span>New prefix</span>
        <input
          type="text"
          className="mono"
          aria-label="New prefix"
          value={newPrefix}
          disabled={locked}
          placeholder="/where/it/is/now"
          onChange={(ev) => {
            setNew(ev.target.value)
            setStep('edit')
          }}
        />
      </label>
      {rows.length > 0 ? <PrefixTable rows={rows} /> : null}
      <p className="muted" data-testid="prefix-status">
        {statusText(step, rows.length, ready, done)}
      </p>
      {error ? <MoveRefusal error={error} /> : null}
    </Dialog>
  )
}

function statusText(step: Step, rows: number, ready: number, done: number): string {
  switch (step) {
    case 'edit':
      return 'Nothing changes until you apply the preview. Relative links stay relative.'
    case 'previewed':
      return `${formatCount(ready)} of ${formatCount(rows)} would be retargeted; nothing has changed yet.`
    case 'applied':
      return `${formatCount(done)} retargeted. Undo puts the whole batch back.`
    case 'undone':
      return 'The batch was put back as it was.'
  }
}

function PrefixFooter(p: {
  step: Step
  busy: boolean
  ready: number
  done: number
  canPreview: boolean
  close(): void
  preview(): void
  apply(): void
  undo(): void
}) {
  return (
    <>
      <button type="button" className="btn" onClick={p.close}>
        Close
      </button>
      {p.step === 'edit' || p.step === 'previewed' ? (
        <button type="button" className="btn" disabled={p.busy || !p.canPreview} onClick={p.preview}>
          Preview
        </button>
      ) : null}
      {p.step === 'previewed' ? (
        <button type="button" className="btn primary" disabled={p.busy || p.ready === 0} onClick={p.apply}>
          Apply to {formatCount(p.ready)} link{p.ready === 1 ? '' : 's'}
        </button>
      ) : null}
      {p.step === 'applied' && p.done > 0 ? (
        <button type="button" className="btn" disabled={p.busy} onClick={p.undo}>
          Undo
        </button>
      ) : null}
    </>
  )
}

function PrefixTable({ rows }: { rows: PrefixRecord[] }) {
  return (
    <table className="prefix-table" aria-label="Replace prefix preview">
      <thead>
        <tr>
          <th>Link</th>
          <th>Old target</th>
          <th>New target</th>
          <th>Will resolve</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.path} className={r.action === 'failed' ? 'refused' : undefined}>
            <td className="mono">
              <Shown text={r.path} />
            </td>
            <td className="mono">
              <Shown text={r.oldTarget} />
            </td>
            <td className="mono">
              {r.action === 'failed' ? (
                <span className="muted">
                  <Shown text={r.detail ?? ''} />
                </span>
              ) : (
                <Shown text={r.newTarget} />
              )}
            </td>
            <td>{r.action === 'failed' ? '—' : r.resolves ? 'yes' : 'no'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
