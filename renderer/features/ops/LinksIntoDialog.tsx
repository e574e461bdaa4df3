/**
 * "Links pointing here": every link that leads to this file or into this folder, found by walking the
 * drive (nothing on disk records links by their target). Before moving or deleting something, these are
 * the links that would break.
 */
import { useEffect } from 'react'
import type { LinkEntry } from '../../../shared/types/link'
import { explainOpError } from '../../lib/explain'
import { formatCount, isBroken, statusLabel } from '../../lib/format'
import { useApp, useAppStore } from '../../stores/store-context'
import { Dialog } from './Dialog'
import { ShowInFolderButton } from './ShowInFolderButton'

function summaryOf(found: number, outside: number, what: string, entries: number, root: string): string {
  const looked = `${formatCount(entries)} entries under ${root} looked at.`
  if (found === 0) return `No link leads to ${what}: moving or deleting it breaks none there (${looked})`
  const inside = found - outside
  const lead = `${formatCount(found)} link${found === 1 ? ' leads' : 's lead'} to ${what}${inside > 0 ? `, ${formatCount(inside)} of them inside it` : ''}.`
  const breaks = outside === 0 ? ' They move with it.' : ` Moving or deleting it would break ${outside === 1 ? 'the one' : `the ${formatCount(outside)}`} outside it.`
  return `${lead}${breaks} (${looked})`
}

export function LinksIntoDialog({ entry }: { entry: LinkEntry }) {
  const store = useAppStore()
  const state = useApp((s) => s.linksInto)
  const sep = useApp((s) => s.info?.sep ?? '/')
  useEffect(() => {
    store.getState().findLinksInto(entry.path)
    return () => store.getState().stopLinksInto()
  }, [entry.path, store])
  const close = (): void => store.getState().closeDialog()
  const found = state?.found ?? []
  const prefix = entry.path.endsWith(sep) ? entry.path : entry.path + sep
  // links inside the place itself go with it when it moves; the ones outside are what would break
  const inside = (l: LinkEntry): boolean => l.path.startsWith(prefix)
  const outside = found.filter((l) => !inside(l))
  const ordered = [...outside, ...found.filter(inside)]
  const where = state?.result?.root ?? state?.root
  const what = entry.kind === 'dir' ? 'this folder or into it' : 'this file'
  return (
    <Dialog title={`Links pointing to “${entry.name}”`} wide onClose={close} footer={<button type="button" className="btn primary" onClick={close}>Close</button>}>
      <p className="muted" data-testid="links-into-status">
        {!state?.done ? <><span className="spinner small" aria-hidden /> Looking at every link{where ? ` under ${where}` : ' on this drive'}… {formatCount(found.length)} found so far</> : null}
        {state?.done && state.result ? summaryOf(found.length, outside.length, what, state.result.entries, state.result.root) : null}
      </p>
      {state?.done && state.root ? (
        <p className="plan-note">
          Searched under <span className="mono">{state.root}</span> only.{' '}
          <button type="button" className="link" onClick={() => store.getState().findLinksInto(entry.path, true)}>Search the whole drive</button>
        </p>
      ) : null}
      {state?.error ? <p className="plan-problem">{explainOpError(state.error, 'open').reason} <span className="mono">{state.error.message}</span></p> : null}
      <ul className="names-list links-into-list">
        {ordered.map((l) => (
          <li key={l.path}>
            <ShowInFolderButton path={l.path} />
            <span className="muted mono"> → {l.target}</span>
            {isBroken(l) ? <span className={`status status-${l.status} is-bad`}> {statusLabel(l)}</span> : null}
            {inside(l) ? <span className="muted"> (inside it)</span> : null}
          </li>
        ))}
      </ul>
    </Dialog>
  )
}
