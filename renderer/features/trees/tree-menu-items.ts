/** The context menu's tree tools for a folder: compare it with another, copy it with its links. */
import { basenameOf, dirnameOf, joinPath } from '../../lib/paths'
import type { AppState } from '../../stores/app-store'
import type { MenuItem } from '../ops/menu-items'

/** "Compare with…" for a folder: it becomes A (the last comparison stays when it already was A). */
export const compareItem = (s: AppState, folder: string): MenuItem => ({
  label: 'Compare with…',
  hint: 'Path by path: one file, equal bytes, or different',
  run: () => s.showCompare(folder),
})

export function treeMenuItems(s: AppState, folder: string): MenuItem[] {
  const sep = s.info?.sep ?? '/'
  const parent = dirnameOf(folder, sep) ?? folder
  return [
    compareItem(s, folder),
    {
      label: 'Copy with links…',
      hint: 'Hard-link groups and links kept',
      run: () => s.openTreeCopy(folder, joinPath(parent, `${basenameOf(folder, sep)} (copy)`, sep)),
    },
  ]
}
