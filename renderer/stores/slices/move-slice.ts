/**
 * Moving a folder to another drive, moving it back, and *Replace prefix* on broken links (issue 16):
 * which of those dialogs is open, and the move channels for the dialogs to call (each dialog keeps its
 * own steps: preview, run with progress, result).
 */
import type { Api } from '../../../shared/ipc/contract'
import type { LinkEntry } from '../../../shared/types/link'
import type { AppSlice } from '../app-store'

export type MoveDialogState =
  | { type: 'move'; entry: LinkEntry }
  | { type: 'move-back'; entry: LinkEntry }
  | { type: 'replace-prefix'; links: LinkEntry[] }

export type MoveSlice = {
  moveDialog: MoveDialogState | null
  moveApi: Api['move']
  openMoveDialog(d: MoveDialogState): void
  closeMoveDialog(): void
}

export const createMoveSlice: AppSlice<MoveSlice> = (api) => (set) => ({
  moveDialog: null,
  moveApi: api.move,
  openMoveDialog(d) {
    set({ moveDialog: d, menu: null })
  },
  closeMoveDialog() {
    set({ moveDialog: null })
  },
})
