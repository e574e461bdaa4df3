/**
 * "Links pointing here": every link that leads to this file or into this folder, found by walking the
 * drive (nothing on disk records links by their target). Before moving or deleting something, these are
 * the links that would break.
 */
import { useEffect } from 'react'

import { visibleName } from '../../../shared/names'
import type { LinkEntry } from '../../../shared/types/link'
import { Dialog } from '../../components/Dialog'
import { Shown } from '../../components/Shown'
import { formatCount, isBroken, statusLabel } from '../../lib/format'
import type { LinksIntoState } from '../../stores/slices/links-into-slice'
import { useApp, useAppStore } from '../../stores/store-context'
import { SearchedUnder, SearchError, useWholeWord } from './search-parts'
import { ShowInFolderButton } from './ShowInFolderButton'

function summaryOf(found: number, outside: number, what: string, entries: number, root: string): string {
  const looked = `${formatCount(entries)} entries under ${root} looked at.`
  if (found === 0) return `No link leads to ${what}: moving or deleting it breaks none there (${looked})`
  const inside = found - outside
  const lead = `${formatCount(found)} link${found === 1 ? ' leads' : 's lead'} to ${what}${inside > 0 ? `, ${formatCount(inside)} of them inside it` : ''}.`
  const breaks =
    outside === 0
      ? ' They move with it.'
      : ` Moving or deleting it would break ${outside === 1 ? 'the one' : `the ${formatCount(outside)}`} outside it.`
  return `${lead}${breaks} (${looked})`
}

/** Links inside the place itself go with it when it moves; the ones outside are what would break. */
function insideOf(place: string, sep: string): (l: LinkEntry) => boolean {
  const prefix = place.endsWith(sep) ? place : place + sep
  return (l) => l.path.startsWith(prefix)
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
  const inside = insideOf(entry.path, sep)
  const outside = found.filter((l) => !inside(l))
  const ordered = [...outside, ...found.filter(inside)]
  const what = entry.kind === 'dir' ? 'this folder or into it' : 'this file'
  return (
    <Dialog
      title={`Links pointing to “${visibleName(entry.name)}”`}
      wide
      onClose={close}
      footer={
        <button type="button" className="btn primary" onClick={close}>
          Close
        </button>
      }
    >
      <p className="muted" data-testid="links-into-status">
        <SearchProgress state={state} found={found.length} outside={outside.length} what={what} />
      </p>
      {state?.done && state.root ? (
        <SearchedUnder
          root={state.root}
          after=" only."
          onWholeDrive={() => store.getState().findLinksInto(entry.path, true)}
        />
      ) : null}
      {state?.error ? <SearchError error={state.error} /> : null}
      <ul className="names-list links-into-list">
        {ordered.map((l) => (
          <LinkRow key={l.path} link={l} inside={inside(l)} />
        ))}
      </ul>
    </Dialog>
  )
}

/** While looking: where, and how many so far; once done: what the links found mean for moving it. */
function SearchProgress({
  state,
  found,
  outside,
  what,
}: {
  state: LinksIntoState | null
  found: number
  outside: number
  what: string
}) {
  const whole = useWholeWord()
  if (!state?.done) {
    const where = state?.result?.root ?? state?.root
    return (
      <>
        <span className="spinner small" aria-hidden /> Looking at every link
        {where ? ` under ${where}` : ` on this ${whole}`}… {formatCount(found)} found so far
      </>
    )
  }
  return state.result ? <>{summaryOf(found, outside, what, state.result.entries, state.result.root)}</> : null
}

function LinkRow({ link: l, inside }: { link: LinkEntry; inside: boolean }) {
  return (
    <li>
      <ShowInFolderButton path={l.path} />
      <span className="muted mono">
        {' '}
        → <Shown text={l.target ?? ''} />
      </span>
      {isBroken(l) ? <span className={`status status-${l.status} is-bad`}> {statusLabel(l)}</span> : null}
      {inside ? <span className="muted"> (inside it)</span> : null}
    </li>
  )
}
