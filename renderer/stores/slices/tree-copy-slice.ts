/**
 * *Copy with links…*: a folder copied with its link structure (or cloned as hard links), with progress in
 * files and bytes, a cancel (the engine removes the partial copy), and the summary with what it reported.
 */
import type { AppError } from '../../../shared/errors'
import type { Job } from '../../../shared/ipc/contract'
import type { CopyProgress, CopyResult } from '../../../shared/types/trees'
import type { AppSlice } from '../app-store'

export type TreeCopyStatus = 'editing' | 'running' | 'done' | 'cancelled' | 'failed'

export type TreeCopyDialog = {
  src: string
  dst: string
  clone: boolean
  status: TreeCopyStatus
  progress: CopyProgress | null
  result: CopyResult | null
  error: AppError | null
}

export type TreeCopySlice = {
  treeCopy: TreeCopyDialog | null
  /** Open the dialog for a folder; the destination starts as a sibling named after it. */
  openTreeCopy(src: string, dst: string): void
  setTreeCopyOptions(dst: string, clone: boolean): void
  startTreeCopy(): void
  cancelTreeCopy(): void
  closeTreeCopy(): void
}

export const createTreeCopySlice: AppSlice<TreeCopySlice> = (api) => (set, get) => {
  let job: Job<CopyResult> | null = null
  const update = (part: Partial<TreeCopyDialog>): void => {
    const d = get().treeCopy
    if (d) set({ treeCopy: { ...d, ...part } })
  }
  return {
    treeCopy: null,
    openTreeCopy(src, dst) {
      if (job) return
      set({
        menu: null,
        treeCopy: { src, dst, clone: false, status: 'editing', progress: null, result: null, error: null },
      })
    },
    setTreeCopyOptions(dst, clone) {
      if (get().treeCopy?.status === 'editing' || get().treeCopy?.status === 'failed')
        update({ dst, clone, status: 'editing', error: null })
    },
    startTreeCopy() {
      const d = get().treeCopy
      if (!d || job || !d.dst.trim()) return
      update({ status: 'running', progress: null, result: null, error: null })
      const mine = api.trees.copy(
        (items) => {
          const last = items[items.length - 1]
          if (job === mine && last) update({ progress: last })
        },
        d.src,
        d.dst.trim(),
        d.clone,
      )
      job = mine
      void mine.done.then((r) => {
        if (job !== mine) return
        job = null
        if (r.ok) update({ status: 'done', result: r.value })
        else if (r.error.code === 'CANCELLED') update({ status: 'cancelled' })
        else update({ status: 'failed', error: r.error })
      })
    },
    cancelTreeCopy() {
      job?.cancel()
    },
    closeTreeCopy() {
      if (job) return
      const done = get().treeCopy?.status === 'done'
      set({ treeCopy: null })
      if (done) void get().refresh()
    },
  }
}
