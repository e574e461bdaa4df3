/**
 * Drag and drop to make links, as Explorer and Link Shell Extension users know it: drag entries onto a
 * folder row (or a breadcrumb) and a menu asks which kind of link to make there; with Alt held the drop
 * makes symbolic links, with Ctrl+Shift hard links, without asking (Explorer's Alt-drag makes
 * shortcuts). Every drop goes through the same drop operation as Pick › Drop here, with its refusals.
 */
import type { Capabilities } from '../../../shared/types/app'
import type { LinkEntry } from '../../../shared/types/link'
import type { DropAs } from '../../../shared/types/ops'
import { isFolderLike } from '../../lib/format'
import { CHOICE_LABELS, choiceHint, dropDisabledReason } from '../../lib/link-plan'
import type { AppState } from '../../stores/app-store'
import type { MenuItem } from '../ops/menu-items'

/** What a drag from Linkscope carries: its paths, as JSON (no other page or program sends this type). */
export const DRAG_TYPE = 'application/x-linkscope-paths'
const DROPS: DropAs[] = ['hard', 'symbolic-relative', 'symbolic-absolute', 'junction']
const DROP_CLASS = 'is-drop-target'

/** The kind of link a modifier asks for, or null: ask with the menu. */
export function dropByModifier(ev: {
  altKey: boolean
  ctrlKey: boolean
  shiftKey: boolean
  metaKey: boolean
}): DropAs | null {
  if (ev.altKey && !ev.ctrlKey && !ev.shiftKey) return 'symbolic-relative'
  if ((ev.ctrlKey || ev.metaKey) && ev.shiftKey && !ev.altKey) return 'hard'
  return null
}

/** The paths a drop carries, if it is a Linkscope drag; anything malformed is no drop. */
export function draggedPaths(data: string): string[] | null {
  try {
    const v = JSON.parse(data) as unknown
    return Array.isArray(v) && v.length > 0 && v.every((p) => typeof p === 'string' && p.length > 0)
      ? (v as string[])
      : null
  } catch {
    return null
  }
}

/** The menu a drop without a modifier opens: each kind of link, disabled where `dir` (`caps`: its own answer) cannot hold it. */
export function dropMenuItems(
  s: AppState,
  sources: readonly string[],
  dir: string,
  caps: Capabilities = s.info?.capabilities ?? { junctions: false, symlinks: 'yes', reveal: false },
): MenuItem[] {
  return DROPS.map((as) => {
    const why = dropDisabledReason(as, caps)
    return {
      label: CHOICE_LABELS[as],
      hint: why ?? choiceHint(as),
      disabled: why ?? false,
      run: () => void s.dropSources([...sources], dir, as),
    }
  })
}

/**
 * Opens the drop menu for `dir`. A subfolder row or a crumb can be on another volume than the open folder
 * (a mounted folder, a junction to a FAT32 stick), so a folder other than the open one is asked first.
 */
async function openDropMenu(s: () => AppState, at: { x: number; y: number }, sources: string[], dir: string) {
  const caps = dir === s().dir ? null : await s().capabilitiesOf(dir)
  s().openMenu({ ...at, entry: null, drop: { sources, dir, ...(caps ? { caps } : {}) } })
}

/** Where the drag started: the selection if the row is in it, else the row alone. */
function dragStart(s: () => AppState, e: LinkEntry, ev: React.DragEvent): void {
  const st = s()
  const paths = st.selected.has(e.path)
    ? st.entries.filter((x) => st.selected.has(x.path)).map((x) => x.path)
    : [e.path]
  ev.dataTransfer.setData(DRAG_TYPE, JSON.stringify(paths))
  ev.dataTransfer.effectAllowed = 'all'
}

/** Handlers that make an element a drop target for folder `dir`. */
export function dropTargetProps(s: () => AppState, dir: string) {
  const carries = (ev: React.DragEvent): boolean => ev.dataTransfer.types.includes(DRAG_TYPE)
  return {
    onDragOver: (ev: React.DragEvent<HTMLElement>) => {
      if (!carries(ev)) return
      ev.preventDefault()
      ev.dataTransfer.dropEffect = 'link'
      ev.currentTarget.classList.add(DROP_CLASS)
    },
    onDragLeave: (ev: React.DragEvent<HTMLElement>) => {
      ev.currentTarget.classList.remove(DROP_CLASS)
    },
    onDrop: (ev: React.DragEvent<HTMLElement>) => {
      ev.currentTarget.classList.remove(DROP_CLASS)
      const sources = draggedPaths(ev.dataTransfer.getData(DRAG_TYPE))
      if (!sources) return
      ev.preventDefault()
      // a folder dropped on itself makes nothing
      const into = sources.filter((p) => p !== dir)
      if (into.length === 0) return
      const as = dropByModifier(ev)
      if (as) void s().dropSources(into, dir, as)
      else void openDropMenu(s, { x: ev.clientX, y: ev.clientY }, into, dir)
    },
  }
}

/** A table row: draggable, and a drop target when it is a folder (or a link to one). */
export function rowDragProps(s: () => AppState, e: LinkEntry) {
  return {
    draggable: true,
    onDragStart: (ev: React.DragEvent) => dragStart(s, e, ev),
    ...(isFolderLike(e) ? dropTargetProps(s, e.path) : {}),
  }
}
