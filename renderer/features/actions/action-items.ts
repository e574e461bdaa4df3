/**
 * The context menu's everyday actions, kept together so the menu takes them in one place each: copying
 * paths, the terminal, exporting the folder's list and finding by name.
 */
import type { LinkEntry } from '../../../shared/types/link'
import { isNameLink } from '../../../shared/types/link'
import { ENTRY_COLUMNS } from '../../lib/export-lists'
import { basenameOf } from '../../lib/paths'
import type { AppState } from '../../stores/app-store'
import type { MenuItem } from '../ops/menu-items'

export const COPY_PATH_KEYS = 'Ctrl+Shift+C'

/** For the selected entries: copy their paths (and their targets, for several links), open a file, open a terminal. */
export function entryActionItems(s: AppState, entry: LinkEntry, selection: readonly LinkEntry[]): MenuItem[] {
  const many = selection.length > 1
  const items: MenuItem[] = [
    {
      label: many ? `Copy ${selection.length} paths` : 'Copy path',
      shortcut: COPY_PATH_KEYS,
      run: () => void s.copyPaths(selection, 'path'),
    },
  ]
  const links = selection.filter(isNameLink)
  if (many && links.length > 0)
    items.push({
      label: `Copy ${links.length} target path${links.length === 1 ? '' : 's'}`,
      run: () => void s.copyPaths(links, 'target'),
    })
  // a folder opens here, in Linkscope; a file (or a link to one) in the app the system has for it
  if (!many && entry.kind !== 'dir' && entry.targetKind !== 'dir')
    items.push({ label: 'Open with default app', run: () => void s.openDefault(entry.path) })
  if (!many)
    items.push({
      label: 'Open in terminal',
      hint: entry.kind === 'dir' ? undefined : 'in the folder that holds it',
      run: () => void s.openTerminal(entry.path),
    })
  return items
}

/** For the open folder (the empty area): its path, a terminal there, its list as a file, a search below it. */
export function folderActionItems(s: AppState, dir: string): MenuItem[] {
  const name = basenameOf(dir, s.info?.sep ?? '/') || 'folder'
  const rows = (): readonly LinkEntry[] => s.view
  return [
    { label: 'Copy folder path', run: () => void s.copyText(dir, 'the folder path') },
    { label: 'Open in file manager', run: () => void s.reveal(dir) },
    { label: 'Open in terminal', run: () => void s.openTerminal(dir) },
    {
      label: 'Export list',
      hint: 'the rows shown, as a file',
      children: [
        { label: 'CSV', run: () => void s.exportList(`${name}-list`, 'csv', ENTRY_COLUMNS, rows()) },
        { label: 'JSON', run: () => void s.exportList(`${name}-list`, 'json', ENTRY_COLUMNS, rows()) },
      ],
    },
    { label: 'Find by name here…', shortcut: 'Ctrl+Shift+F', run: () => s.showFind(dir) },
  ]
}
