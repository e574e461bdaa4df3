/** "Show all names": every name of a hard-linked file, streamed as they are found. */
import { useEffect } from 'react'

import { visibleName } from '../../../shared/names'
import type { LinkEntry } from '../../../shared/types/link'
import { Dialog } from '../../components/Dialog'
import { basenameOf, dirnameOf } from '../../lib/paths'
import { useApp, useAppStore } from '../../stores/store-context'
import { SearchedUnder, SearchError } from './search-parts'
import { ShowInFolderButton } from './ShowInFolderButton'

const elsewhereText = (found: number, outside: number): string =>
  found > 0 ? `, ${outside} in ${outside === 1 ? 'another folder' : 'other folders'}.` : '.'

export function NamesDialog({ entry }: { entry: LinkEntry }) {
  const store = useAppStore()
  const names = useApp((s) => s.names)
  const sep = useApp((s) => s.info?.sep ?? '/')
  useEffect(() => {
    store.getState().findNames(entry.path)
    return () => store.getState().stopNames()
  }, [entry.path, store])
  const close = (): void => store.getState().closeDialog()
  const found = names?.found ?? []
  const total = names?.result?.links ?? entry.links
  const here = dirnameOf(entry.path, sep)
  const outside = found.filter((p) => dirnameOf(p, sep) !== here).length
  return (
    <Dialog
      title={`All names of “${visibleName(entry.name)}”`}
      wide
      onClose={close}
      footer={
        <button type="button" className="btn primary" onClick={close}>
          Close
        </button>
      }
    >
      <p className="muted">
        {names?.done
          ? `${found.length} of ${total} name${total === 1 ? '' : 's'} found`
          : `Searching… ${found.length} of ${total} found so far`}
        {/* "other folders" than the file's own: from a scan, "outside this folder" read as outside the scanned one */}
        {elsewhereText(found.length, outside)} Every name is the same file: editing one edits all; the data is deleted
        only with the last name.
      </p>
      {names?.done && names.root && found.length < total ? (
        <SearchedUnder
          root={names.root}
          after="; the other names are elsewhere."
          onWholeDrive={() => store.getState().findNames(entry.path, true)}
        />
      ) : null}
      {names?.error ? <SearchError error={names.error} /> : null}
      <ul className="names-list">
        {found.map((p) => (
          <li key={p}>
            <ShowInFolderButton path={p} />
            {p === entry.path ? <span className="muted"> (this one)</span> : null}
            <span className="sr-only">{basenameOf(p, sep)}</span>
          </li>
        ))}
      </ul>
    </Dialog>
  )
}
