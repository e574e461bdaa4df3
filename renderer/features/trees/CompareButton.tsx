/** The toolbar's "Compare folders": the open folder as A; B is typed in the view. */
import { useApp, useAppStore } from '../../stores/store-context'

export function CompareButton() {
  const store = useAppStore()
  const dir = useApp((s) => s.dir)
  return (
    <div className="scan-buttons">
      <button
        type="button"
        className="btn compare-button"
        disabled={!dir}
        title="Compare this folder with another, path by path by identity, and link files with equal bytes"
        onClick={() => {
          const s = store.getState()
          if (dir) s.showCompare(dir, s.compareA === dir ? s.compareB : '')
        }}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
          <rect x="1.5" y="2.5" width="5.5" height="11" rx="1" />
          <rect x="9" y="2.5" width="5.5" height="11" rx="1" />
        </svg>
        Compare folders
      </button>
    </div>
  )
}
