/** The toolbar's "Scan this folder": the open folder's whole tree, and a way back to the last scan's results. */
import { useApp, useAppStore } from '../../stores/store-context'

export function ScanButton() {
  const store = useAppStore()
  const dir = useApp((s) => s.dir)
  const lastRoot = useApp((s) => s.scanRoot)
  const running = useApp((s) => s.scanStatus === 'running')
  return (
    <div className="scan-buttons">
      {lastRoot && lastRoot !== dir ? (
        <button
          type="button"
          className="btn"
          title={`Back to the results for ${lastRoot}`}
          onClick={() => store.getState().showScan()}
        >
          {running ? 'Scanning…' : 'Last scan'}
        </button>
      ) : null}
      <button
        type="button"
        className="btn scan-button"
        disabled={!dir}
        title="Find broken links and hard-link groups in this folder and everything below it"
        onClick={() => {
          if (dir) store.getState().startScan(dir)
        }}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
          <circle cx="7" cy="7" r="4.5" />
          <path d="M10.5 10.5l3 3M5 7h4M7 5v4" />
        </svg>
        Scan this folder
      </button>
    </div>
  )
}
