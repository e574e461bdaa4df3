/** The picked link sources, until cleared: what "Drop here as…" will link. */
import { visibleName } from '../../../shared/names'
import { Shown } from '../../components/Shown'
import { basenameOf } from '../../lib/paths'
import { useApp, useAppStore } from '../../stores/store-context'

export function PickTray() {
  const store = useAppStore()
  const picked = useApp((s) => s.picked)
  const sep = useApp((s) => s.info?.sep ?? '/')
  if (picked.length === 0) return null
  return (
    <section className="tray" aria-label="Picked link sources">
      <span className="tray-title">Picked {picked.length}:</span>
      <ul className="tray-list">
        {picked.map((p) => (
          <li key={p} className="chip" title={visibleName(p)}>
            <span className="chip-name">
              <Shown text={basenameOf(p, sep)} />
            </span>
            <button
              type="button"
              className="chip-x"
              aria-label={`Unpick ${visibleName(basenameOf(p, sep))}`}
              onClick={() => void store.getState().unpick(p)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <span className="tray-hint">Right-click a folder or an empty area › Drop here as…</span>
      <button type="button" className="btn small" onClick={() => void store.getState().clearPicked()}>
        Clear
      </button>
    </section>
  )
}
