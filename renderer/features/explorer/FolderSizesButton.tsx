/** The toolbar's "Folder sizes" toggle: measure every real folder listed, for the Size column. */
import { useApp, useAppStore } from '../../stores/store-context'

export function FolderSizesButton() {
  const store = useAppStore()
  const on = useApp((s) => s.folderSizesOn)
  const dir = useApp((s) => s.dir)
  return (
    <button
      type="button"
      className={`btn sizes-button${on ? ' is-on' : ''}`}
      aria-pressed={on}
      disabled={!dir}
      title={
        on
          ? 'Stop measuring folders (figures measured so far stay)'
          : 'Measure every folder here: bytes in names (each name counted) and bytes of data (each file once, however many names it has)'
      }
      onClick={() => store.getState().setFolderSizes(!on)}
    >
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden>
        <path d="M2.5 13.5h11M4 13.5V9M8 13.5V4M12 13.5V7" />
      </svg>
      Folder sizes
    </button>
  )
}
