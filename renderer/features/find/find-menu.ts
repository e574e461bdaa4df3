/**
 * The right-click menu on Find results: it acts on the selected results (the right-clicked one joins
 * them, as in the explorer): show one in its folder, pick them as link sources, copy their paths,
 * export them, show one in the file manager.
 */
import { ENTRY_COLUMNS } from '../../lib/export-lists'
import type { AppState } from '../../stores/app-store'
import { entryActionItems } from '../actions/action-items'
import type { MenuItem } from '../ops/menu-items'

export function findMenuItems(s: AppState): MenuItem[] {
  const selection = s.chosenFound()
  const entry = s.found.find((e) => e.path === s.findSelection.focus) ?? selection[0]
  if (!entry) return []
  const many = selection.length > 1
  const rows = many ? `${selection.length} selected results` : 'this result'
  const items: MenuItem[] = [
    { label: 'Show in its folder', shortcut: 'Enter', run: () => void s.openFound(entry) },
    'separator',
    {
      label: many ? `Pick ${selection.length} as link sources` : 'Pick as link source',
      run: () => void s.pickSources(selection.map((e) => e.path)),
    },
    ...entryActionItems(s, entry, selection),
    {
      label: 'Export selection',
      hint: `${rows}, as a file`,
      children: [
        { label: 'CSV', run: () => void s.exportList('find-selection', 'csv', ENTRY_COLUMNS, selection) },
        { label: 'JSON', run: () => void s.exportList('find-selection', 'json', ENTRY_COLUMNS, selection) },
      ],
    },
  ]
  if (s.info?.capabilities.reveal)
    items.push({
      label: 'Show in file manager',
      hint: many ? 'the one right-clicked' : undefined,
      run: () => void s.reveal(entry.path),
    })
  return items
}
