/** A path in a dialog's list: clicked, the dialog closes and the explorer shows the entry selected in its folder. */
import { Shown } from '../../components/Shown'
import { dirnameOf } from '../../lib/paths'
import { useApp, useAppStore } from '../../stores/store-context'

export function ShowInFolderButton({ path }: { path: string }) {
  const store = useAppStore()
  const sep = useApp((s) => s.info?.sep ?? '/')
  return (
    <button
      type="button"
      className="link mono"
      title="Show it in its folder"
      onClick={() => {
        const dir = dirnameOf(path, sep)
        store.getState().closeDialog()
        if (dir) void store.getState().openDirectory(dir, [path])
      }}
    >
      <Shown text={path} />
    </button>
  )
}
