/** The toolbar's "Find duplicates": the open folder's whole tree, and a way back to the last results. */
import { useApp, useAppStore } from '../../stores/store-context'

export function DupesButton() {
  const store = useAppStore()
  const dir = useApp((s) => s.dir)
  const last = useApp((s) => s.dupesRoots)
  return (
    <div className="scan-buttons">
      {last ? (
        <button
          type="button"
          className="btn"
          title="Back to the duplicates found last"
          onClick={() => store.getState().showDupes()}
        >
          Last duplicates
        </button>
      ) : null}
      <button
        type="button"
        className="btn dupes-button"
        disabled={!dir}
        title="Find files with identical content in this folder and everything below it, and merge them into hard links"
        onClick={() => {
          if (dir) store.getState().findDupes([dir])
        }}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
          <rect x="2.5" y="2.5" width="8" height="9" rx="1" />
          <rect x="5.5" y="4.5" width="8" height="9" rx="1" />
        </svg>
        Find duplicates
      </button>
    </div>
  )
}
