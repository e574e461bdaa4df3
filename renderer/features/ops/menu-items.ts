/**
 * What the right-click menu offers, by what it is for. On the empty area: drop into or create in the
 * open folder. On entries: using them as link sources, acting on a link's target, the names of a
 * file, and removing. Pure over the app state: ContextMenu draws it.
 */
import type { LinkEntry } from '../../../shared/types/link'
import { isNameLink } from '../../../shared/types/link'
import type { DropAs } from '../../../shared/types/ops'
import { isBroken, isFolderLike } from '../../lib/format'
import { CHOICE_LABELS, choiceHint, dropDisabledReason } from '../../lib/link-plan'
import { volumeWord } from '../../lib/volume-word'
import type { AppState } from '../../stores/app-store'
import { entryActionItems, folderActionItems } from '../actions/action-items'
import { compareItem, treeMenuItems } from '../trees/tree-menu-items'

export type MenuItem =
  | {
      label: string
      run?: () => void
      disabled?: string | false
      hint?: string
      shortcut?: string
      danger?: boolean
      children?: MenuItem[]
    }
  | 'separator'

const DROPS: DropAs[] = ['hard', 'symbolic-relative', 'symbolic-absolute', 'junction']

/** The "Drop here as ▸" submenu for one folder. */
function dropItem(s: AppState, dir: string, label: string): MenuItem {
  const caps = s.info?.capabilities ?? { junctions: false, symlinks: 'yes' as const, reveal: false }
  const n = s.picked.length
  return {
    label,
    disabled: n === 0 ? 'Pick one or more sources first (right-click › Pick as link source).' : false,
    hint: n > 0 ? `${n} picked source${n === 1 ? '' : 's'}` : undefined,
    children: DROPS.map((as) => {
      const why = dropDisabledReason(as, caps)
      return {
        label: CHOICE_LABELS[as],
        hint: why ?? choiceHint(as),
        disabled: why ?? false,
        run: () => void s.dropPicked(dir, as),
      }
    }),
  }
}

/** The empty area of the open folder. */
export function folderMenu(s: AppState, dir: string): MenuItem[] {
  return [
    dropItem(s, dir, 'Drop here as'),
    { label: 'Create link here…', run: () => s.openDialog({ type: 'create', dir }) },
    {
      label: 'Scan this folder',
      hint: 'Broken links and hard-link groups in everything below it',
      run: () => s.startScan(dir),
    },
    compareItem(s, dir),
    'separator',
    ...folderActionItems(s, dir),
    'separator',
    { label: 'Refresh', shortcut: 'F5', run: () => void s.refresh() },
  ]
}

/** Making links from the entry: pick it, drop or create into it (a folder), or link to it. */
function sourceItems(s: AppState, entry: LinkEntry): MenuItem[] {
  const items: MenuItem[] = []
  if (isFolderLike(entry)) {
    items.push(dropItem(s, entry.path, `Drop into “${entry.name}” as`))
    items.push({
      label: `Create link in “${entry.name}”…`,
      run: () => s.openDialog({ type: 'create', dir: entry.path }),
    })
    if (entry.kind === 'dir') items.push({ label: `Scan “${entry.name}”`, run: () => s.startScan(entry.path) })
    if (entry.kind === 'dir')
      items.push({
        label: `Move to another ${volumeWord()}…`,
        hint: 'Copy, verify, and leave a link in its place',
        run: () => s.openMoveDialog({ type: 'move', entry }),
      })
    if (entry.kind === 'dir') items.push(...treeMenuItems(s, entry.path))
  }
  const dir = s.dir
  if (dir)
    items.push({ label: 'Create link to this…', run: () => s.openDialog({ type: 'create', dir, target: entry.path }) })
  return items
}

/** A link's target: open it, copy it, point the link elsewhere. */
function targetItems(s: AppState, entry: LinkEntry): MenuItem[] {
  if (!isNameLink(entry)) return []
  const items: MenuItem[] = [
    {
      label: 'Open target',
      disabled: isBroken(entry) ? 'The target does not exist.' : false,
      run: () => void s.openEntry(entry),
    },
    { label: 'Copy target path', run: () => void s.copyPaths([entry], 'target') },
  ]
  if (entry.kind === 'symlink' || entry.kind === 'junction')
    items.push({ label: 'Retarget…', run: () => s.openDialog({ type: 'retarget', entry }) })
  if ((entry.kind === 'symlink' || entry.kind === 'junction') && entry.targetKind === 'dir')
    items.push({
      label: 'Move back…',
      hint: 'Put the folder back in place of this link',
      run: () => s.openMoveDialog({ type: 'move-back', entry }),
    })
  return items
}

/** The entry's names: a file's other names, the links that lead here, renaming, the file manager. */
function nameItems(s: AppState, entry: LinkEntry): MenuItem[] {
  const items: MenuItem[] = []
  if (entry.kind === 'file') {
    items.push({
      label: 'Show all names',
      hint: entry.links > 1 ? `${entry.links} names` : 'only one name',
      run: () => s.openDialog({ type: 'names', entry }),
    })
    if (entry.links > 1)
      items.push({
        label: 'Make independent',
        hint: 'A copy of its own: editing it no longer changes the other names',
        run: () => void s.splitFile(entry.path),
      })
  }
  items.push({
    label: 'Links pointing here…',
    hint:
      entry.kind === 'dir'
        ? 'Links into this folder: the ones a move or delete would break'
        : 'Links to this file: the ones a move or delete would break',
    run: () => s.openDialog({ type: 'links-into', entry }),
  })
  items.push({ label: 'Rename…', shortcut: 'F2', run: () => s.openDialog({ type: 'rename', entry }) })
  if (s.info?.capabilities.reveal) items.push({ label: 'Show in file manager', run: () => void s.reveal(entry.path) })
  return items
}

/** Removing the selection, or why it cannot be removed. */
function removeItem(s: AppState, entry: LinkEntry, selection: LinkEntry[]): MenuItem {
  const removable = selection.some((e) => isNameLink(e) || (e.kind === 'file' && e.links > 1))
  return {
    label: selection.length > 1 ? 'Remove links…' : 'Remove link…',
    shortcut: 'Del',
    danger: true,
    disabled: removable
      ? false
      : entry.kind === 'file'
        ? 'This is the file’s only name: removing it would delete the data.'
        : 'Not a link: Linkscope only removes links.',
    run: () => s.requestRemoveSelected(),
  }
}

/** The selected entries (right-clicked on `entry`); one entry gets everything, several only what applies to all. */
export function entryMenu(s: AppState, entry: LinkEntry): MenuItem[] {
  const selection = s.entries.filter((e) => s.selected.has(e.path))
  const many = selection.length > 1
  const pick: MenuItem = {
    label: many ? `Pick ${selection.length} as link sources` : 'Pick as link source',
    run: () => void s.pickSources(selection.map((e) => e.path)),
  }
  const single = many
    ? ['separator' as const]
    : [...sourceItems(s, entry), 'separator' as const, ...targetItems(s, entry), ...nameItems(s, entry)]
  return [
    pick,
    ...single,
    'separator',
    ...entryActionItems(s, entry, selection),
    'separator',
    removeItem(s, entry, selection),
  ]
}

export function menuItems(s: AppState, entry: LinkEntry | null): MenuItem[] {
  if (entry) return entryMenu(s, entry)
  return s.dir ? folderMenu(s, s.dir) : []
}
