/** The scan header's "Exclude" and "Depth" fields: what the next scan leaves out (scan-limits.ts reads them). */
import { useApp, useAppStore } from '../../stores/store-context'

export function ScanLimitsFields() {
  const store = useAppStore()
  const exclude = useApp((s) => s.scanExclude)
  const maxDepth = useApp((s) => s.scanMaxDepth)
  const running = useApp((s) => s.scanStatus === 'running')
  const s = store.getState
  return (
    <>
      <label
        className="scan-field"
        title="Folders and entries to leave out, by name (node_modules, *.tmp) or by path below the scanned folder (build/cache), separated by commas; an excluded folder is not entered"
      >
        Exclude{' '}
        <input
          className="mono"
          aria-label="Exclude"
          spellCheck={false}
          placeholder="node_modules, *.tmp"
          value={exclude}
          disabled={running}
          onChange={(e) => s().setScanLimits({ scanExclude: e.target.value })}
        />
      </label>
      <label
        className="scan-field"
        title="How deep to go: 1 lists only the scanned folder's own entries; empty, no limit"
      >
        Depth{' '}
        <input
          type="number"
          min={1}
          step={1}
          className="scan-depth"
          aria-label="Depth"
          placeholder="all"
          value={maxDepth}
          disabled={running}
          onChange={(e) => s().setScanLimits({ scanMaxDepth: e.target.value })}
        />
      </label>
    </>
  )
}
