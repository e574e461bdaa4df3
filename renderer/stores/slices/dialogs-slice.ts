/** The one dialog open at a time, and the context menu. */
import type { Capabilities } from '../../../shared/types/app'
import type { LinkEntry } from '../../../shared/types/link'
import type { AppSlice } from '../app-store'

export type OpsDialog =
  | { type: 'create'; dir: string; target?: string }
  | { type: 'retarget'; entry: LinkEntry }
  | { type: 'remove'; entries: LinkEntry[] }
  | { type: 'rename'; entry: LinkEntry }
  | { type: 'names'; entry: LinkEntry }
  | { type: 'links-into'; entry: LinkEntry }

/** A context menu: on entries (the selection) or on the folder's empty area (entry null); `drop`: the menu a drag and drop opens; `find`: on the Find results' selection. */
export type MenuState = {
  x: number
  y: number
  entry: LinkEntry | null
  /** `caps`: what can be made in `dir` when it is not the open folder */
  drop?: { sources: string[]; dir: string; caps?: Capabilities }
  find?: boolean
}

export type DialogsSlice = {
  dialog: OpsDialog | null
  menu: MenuState | null
  openDialog(d: OpsDialog): void
  closeDialog(): void
  openMenu(m: MenuState): void
  closeMenu(): void
  /** Delete key: confirm removing the selected links. */
  requestRemoveSelected(): void
  /** F2: rename the focused entry. */
  requestRename(): void
}

export const createDialogsSlice: AppSlice<DialogsSlice> = () => (set, get) => ({
  dialog: null,
  menu: null,
  openDialog(d) {
    set({ dialog: d, menu: null })
  },
  closeDialog() {
    set({ dialog: null })
  },
  openMenu(m) {
    set({ menu: m })
  },
  closeMenu() {
    set({ menu: null })
  },
  requestRemoveSelected() {
    const entries = get().entries.filter((e) => get().selected.has(e.path))
    if (entries.length > 0) set({ dialog: { type: 'remove', entries }, menu: null })
  },
  requestRename() {
    const { focus, selected } = get()
    const path = focus && selected.has(focus) ? focus : selected.size === 1 ? [...selected][0] : undefined
    const entry = get().entries.find((e) => e.path === path)
    if (entry) set({ dialog: { type: 'rename', entry }, menu: null })
  },
})
