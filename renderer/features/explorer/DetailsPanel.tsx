/** Everything known about the selection, with a plain-language explanation of what it is. */
import { useEffect } from 'react'

import { visibleName } from '../../../shared/names'
import type { LinkEntry } from '../../../shared/types/link'
import { Field } from '../../components/Field'
import { KindIcon } from '../../components/KindIcon'
import { Shown } from '../../components/Shown'
import { SidePanel } from '../../components/SidePanel'
import { explainEntry } from '../../lib/explain'
import {
  formatCount,
  formatDate,
  formatSize,
  iconKindOf,
  isBroken,
  isFolderLike,
  isHardLinked,
  kindLabel,
  statusLabel,
} from '../../lib/format'
import { basenameOf, dirnameOf } from '../../lib/paths'
import { entriesSoFar } from '../../stores/slices/listing-slice'
import { useApp, useAppStore } from '../../stores/store-context'
import { useThroughFile } from './useThroughFile'

const targetIs = (k: LinkEntry['targetKind']): string =>
  k === null ? 'unreachable' : k === 'dir' ? 'a folder' : 'a file'

/** The link's own fields: what it stores, where that leads, and whether it gets there. */
function LinkFields({ e, through }: { e: LinkEntry; through: string | null }) {
  return (
    <>
      {e.target !== undefined ? (
        <Field label="Target (as stored)" mono>
          <Shown text={e.target} path />
        </Field>
      ) : null}
      {e.target !== undefined ? <ChainField entry={e} through={through} /> : null}
      {e.targetKind !== undefined ? <Field label="Target is">{targetIs(e.targetKind)}</Field> : null}
      {e.status !== 'n/a' ? (
        <Field label="Status">
          {statusLabel(e)}
          {through ? ' (through a file)' : ''}
        </Field>
      ) : null}
    </>
  )
}

/** Each hop from the link to its end, each one opening its folder in the explorer with it selected. */
function ChainField({ entry, through }: { entry: LinkEntry; through: string | null }) {
  const store = useAppStore()
  const sep = useApp((s) => s.info?.sep ?? '/')
  const state = useApp((s) => s.chain)
  useEffect(() => {
    void store.getState().loadChain(entry.path)
  }, [store, entry.path, entry.target])
  const chain = state?.path === entry.path ? state.chain : undefined
  if (!chain)
    return entry.resolved !== undefined ? (
      <Field label="Resolves to" mono>
        <Shown text={entry.resolved} path />
      </Field>
    ) : null
  const show = (p: string): void => {
    const dir = dirnameOf(p, sep)
    store.getState().showExplorer()
    if (dir) void store.getState().openDirectory(dir, [p])
  }
  const hops = chain.hops.slice(1)
  const last = hops[hops.length - 1]
  const end =
    chain.end === 'target' ? (
      chain.final !== undefined && chain.final !== last ? (
        <>
          its real path is <Shown text={chain.final} path />
        </>
      ) : null
    ) : through ? (
      <>
        which cannot exist: <Shown text={basenameOf(through, sep)} /> is a file, not a folder
      </>
    ) : chain.end === 'missing' ? (
      'which does not exist'
    ) : chain.end === 'loop' ? (
      'which leads back: the links loop'
    ) : (
      'which could not be read further'
    )
  return (
    <Field label={hops.length > 1 ? `Resolves to (${hops.length} hops)` : 'Resolves to'} mono>
      <ol className="chain" aria-label="Where the link leads, hop by hop">
        {hops.map((h, i) => (
          <li key={i}>
            {/* named by the path itself: its folder names are inline blocks, which a name from content spaces out */}
            <button
              type="button"
              className="link mono"
              title="Show it in the explorer"
              aria-label={visibleName(h)}
              onClick={() => show(h)}
            >
              <Shown text={h} path />
            </button>
          </li>
        ))}
      </ol>
      {end ? <span className={`chain-end${chain.end === 'target' ? '' : ' is-bad'}`}>{end}</span> : null}
    </Field>
  )
}

function EntryHead({ e }: { e: LinkEntry }) {
  return (
    <div className="details-head">
      <KindIcon kind={iconKindOf(e)} />
      <div>
        <h2 title={visibleName(e.name)}>
          <Shown text={e.name} />
        </h2>
        <div className="details-kind">
          {kindLabel(e)}
          {e.status !== 'n/a' ? (
            <span className={`status status-${e.status}${isBroken(e) ? ' is-bad' : ''}`}>{statusLabel(e)}</span>
          ) : null}
          {isHardLinked(e) ? <span className="pill pill-hard">{e.links} names</span> : null}
        </div>
      </div>
    </div>
  )
}

export function EntryDetails({ entry: e, actions }: { entry: LinkEntry; actions?: React.ReactNode }) {
  const through = useThroughFile(e)
  return (
    <div className="details-body">
      <EntryHead e={e} />
      <div className="explain">
        {explainEntry(e, through).map((p, i) => (
          <p key={i}>
            <Shown text={p} />
          </p>
        ))}
      </div>
      {actions}
      <dl className="fields">
        <Field label="Path" mono>
          <Shown text={e.path} path />
        </Field>
        <Field label="Kind">{kindLabel(e)}</Field>
        {/* only a file's link count means names; a folder's counts "." and its subfolders' "..", a link's is its own */}
        {e.kind === 'file' ? (
          <Field label="Names">
            {e.links}
            {e.links > 1 ? ' (hard links)' : ' (no other name)'}
          </Field>
        ) : null}
        <LinkFields e={e} through={through} />
        {/* a folder's own size is its list of names (4 KiB here); what it holds is "Measure size" above */}
        {isFolderLike(e) ? null : (
          <Field label="Size">
            {formatSize(e.size)}
            {e.size >= 1024 ? ` (${formatCount(e.size)} bytes)` : ''}
            {e.kind === 'file' ? '' : ' (the link itself: the path it stores)'}
          </Field>
        )}
        <Field label="Modified">{formatDate(e.mtimeMs)}</Field>
        <Field label="File ID" mono>
          {e.id || '—'}
        </Field>
        <Field label="Hidden">{e.hidden ? 'yes' : 'no'}</Field>
        <Field label="Read-only">{e.readonly ? 'yes' : 'no'}</Field>
      </dl>
    </div>
  )
}

export function DetailsPanel({ actions }: { actions?: (e: LinkEntry) => React.ReactNode }) {
  const selected = useApp((s) => s.selected)
  const focus = useApp((s) => s.focus)
  const entries = useApp((s) => s.entries)
  const stats = useApp((s) => s.stats)
  const total = useApp(entriesSoFar)
  const dir = useApp((s) => s.dir)
  const listError = useApp((s) => s.listError)
  // "Links" alone would read as the Names column's count; say which links are counted
  const linksWord = useApp((s) => (s.info?.platform === 'win32' ? 'Symlinks and junctions' : 'Symlinks'))
  const path = focus && selected.has(focus) ? focus : selected.size === 1 ? [...selected][0] : null
  const entry = path ? entries.find((e) => e.path === path) : undefined

  return (
    <SidePanel id="details" label="Details">
      {selected.size > 1 ? (
        <div className="details-body">
          <h2>{selected.size} selected</h2>
          <p className="muted">
            Right-click to pick them as link sources, or press Delete to remove the links among them.
          </p>
        </div>
      ) : entry ? (
        <EntryDetails entry={entry} actions={actions?.(entry)} />
      ) : (
        <div className="details-body">
          <h2 className="muted">No selection</h2>
          <p className="muted">Select an entry to see its kind, its names and where it points.</p>
          {dir && !listError ? (
            <dl className="fields">
              <Field label="Folder" mono>
                <Shown text={dir} path />
              </Field>
              <Field label="Entries">{formatCount(total)}</Field>
              <Field label={linksWord}>{formatCount(stats.links)}</Field>
              <Field label="Hard-linked files">{formatCount(stats.hardLinked)}</Field>
              <Field label="Broken links">{formatCount(stats.broken)}</Field>
            </dl>
          ) : null}
        </div>
      )}
    </SidePanel>
  )
}
