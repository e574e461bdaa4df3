/** The context menu's tree tools for a folder: compare it with another, copy it with its links. */
import type { LinkEntry } from '../../../shared/types/link'
import { dirnameOf, joinPath } from '../../lib/paths'
import type { AppState } from '../../stores/app-store'
import type { MenuItem } from '../ops/menu-items'

export function treeMenuItems(s: AppState, folder: LinkEntry): MenuItem[] {
  const sep = s.info?.sep ?? '/'
  const parent = dirnameOf(folder.path, sep) ?? folder.path
  return [
    {
      label: 'Compare with…',
      hint: 'Path by path: one file, equal bytes, or different',
      run: () => s.showCompare(folder.path, ''),
    },
    {
      label: 'Copy with links…',
      hint: 'Hard-link groups and links kept',
      run: () => s.openTreeCopy(folder.path, joinPath(parent, `${folder.name} (copy)`, sep)),
    },
  ]
}
