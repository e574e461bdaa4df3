/**
 * Folder sizes: bytes in names (every name counted) and bytes of data (each file once), measured by
 * sizes-only scans. Two ways in, one map of results:
 *  - "Measure size" on one folder (the details panel) starts at once;
 *  - "Folder sizes" on the toolbar measures every real folder of the open one, one after another, so the
 *    Size column can show and sort them. It measures again whenever the folder is listed again.
 * Folder links and junctions are not measured: scans never follow links.
 */
import type { AppError } from '../../../shared/errors'
import type { Job } from '../../../shared/ipc/contract'
import type { ScanSummary } from '../../../shared/types/scan'
import type { AppSlice } from '../app-store'
import { streamBuffer } from '../lists/stream-buffer'

export type FolderMeasure = {
  path: string
  status: 'queued' | 'running' | 'done' | 'cancelled' | 'failed'
  entries: number
  apparentBytes: number
  uniqueBytes: number
  /** what removing the folder would free: files whose every name is inside it, each once */
  onlyHereBytes: number
  /** the bytes come from a finished measure (maybe being measured again now); until then only `entries` counts up */
  measured: boolean
  error: AppError | null
}

export type FolderSizesSlice = {
  /** by folder path; kept while the same folder stays open, so a refresh shows the old figures until the new ones come */
  folderSizes: ReadonlyMap<string, FolderMeasure>
  /** the toolbar's "Folder sizes": measure every real folder listed */
  folderSizesOn: boolean
  setFolderSizes(on: boolean): void
  /** (Re)measure the open folder's real folders when folderSizesOn; the listing calls it after each load. */
  measureListedFolders(): void
  /** Measure one folder now (details panel). */
  measureFolder(path: string): void
  cancelMeasure(path: string): void
}

/** Results are gathered and shown at most this often, so a folder of many small subfolders re-sorts a few times, not once per folder. */
export const SIZES_FLUSH_MS = 100

const fresh = (path: string, status: FolderMeasure['status']): FolderMeasure => ({
  path,
  status,
  entries: 0,
  apparentBytes: 0,
  uniqueBytes: 0,
  onlyHereBytes: 0,
  measured: false,
  error: null,
})

export const createFolderSizesSlice: AppSlice<FolderSizesSlice> = (api) => (set, get) => {
  const jobs = new Map<string, Job<ScanSummary>>()
  let queue: string[] = []
  let queueJob: string | null = null // the folder the toolbar's queue is measuring now
  let dirMeasured: string | null = null

  let reorder = false // a folder's bytes changed since the last flush: the order by size may have too
  const buffer = streamBuffer<FolderMeasure>(
    (measures) => {
      const next = new Map(get().folderSizes)
      for (const m of measures) next.set(m.path, m)
      set({ folderSizes: next })
      // Progress alone (entries counted so far) moves nothing: a big folder is not re-sorted for it.
      if (reorder && get().sort.column === 'size') get().resort()
      reorder = false
    },
    () => SIZES_FLUSH_MS,
    (m) => m.path,
  )
  const flush = buffer.flush
  /** Gathered for SIZES_FLUSH_MS; flush() shows them at once. */
  const put = (m: FolderMeasure): void => {
    const was = current(m.path)
    if (m.measured !== (was?.measured ?? false) || m.apparentBytes !== (was?.apparentBytes ?? 0)) reorder = true
    buffer.push([m])
  }
  const current = (path: string): FolderMeasure | undefined => buffer.pending(path) ?? get().folderSizes.get(path)

  /** One sizes-only scan of `path`; `then` runs after it ends, however it ends. */
  const run = (path: string, then?: () => void): void => {
    jobs.get(path)?.cancel()
    // Old figures stay on screen while the folder is measured again.
    const was = current(path)
    put({ ...(was?.measured ? was : fresh(path, 'running')), status: 'running', error: null })
    const job = api.scan.run(
      (items) => {
        if (jobs.get(path) !== job) return
        let entries = -1
        for (const i of items) if (i.type === 'progress') entries = i.progress.entries
        const m = current(path)
        // the count so far, unless older figures are on screen: those stay until the new ones are complete
        if (entries >= 0 && m && !m.measured) put({ ...m, entries })
      },
      path,
      { broken: false, hardlinks: false, sizes: true },
    )
    jobs.set(path, job)
    void job.done.then((r) => {
      if (jobs.get(path) !== job) return
      jobs.delete(path)
      const m = current(path) ?? fresh(path, 'running')
      if (!r.ok)
        put({
          ...m,
          status: r.error.code === 'CANCELLED' ? 'cancelled' : 'failed',
          error: r.error.code === 'CANCELLED' ? null : r.error,
        })
      else if (r.value.cancelled) put({ ...m, status: 'cancelled' })
      else
        put({
          ...m,
          status: 'done',
          measured: true,
          entries: r.value.entries,
          apparentBytes: r.value.apparentBytes,
          uniqueBytes: r.value.uniqueBytes,
          onlyHereBytes: r.value.onlyHereBytes ?? r.value.uniqueBytes,
        })
      then?.()
    })
  }

  const next = (): void => {
    queueJob = null
    const path = queue.shift()
    if (path === undefined) return
    if (jobs.has(path)) {
      next()
      return
    } // being measured from the details panel already
    queueJob = path
    run(path, next)
  }

  /** Drop the queue and cancel its folder in hand; figures measured before stay, marked done again. */
  const stopQueue = (): void => {
    for (const p of queueJob ? [queueJob, ...queue] : queue) {
      const m = current(p)
      if (m) put(m.measured ? { ...m, status: 'done' } : { ...m, status: 'cancelled' })
    }
    queue = []
    if (queueJob) {
      const j = jobs.get(queueJob)
      jobs.delete(queueJob)
      j?.cancel()
    }
    queueJob = null
  }

  return {
    folderSizes: new Map(),
    folderSizesOn: false,
    setFolderSizes(on) {
      set({ folderSizesOn: on })
      if (on) {
        get().measureListedFolders()
        return
      }
      stopQueue()
      flush()
      // Figures measured so far stay; the ones queued or half done go.
      const kept = new Map([...get().folderSizes].filter(([, m]) => m.measured || jobs.has(m.path)))
      set({ folderSizes: kept })
      if (get().sort.column === 'size') get().resort()
    },
    measureListedFolders() {
      if (!get().folderSizesOn) return
      const dir = get().dir
      stopQueue()
      // Another folder: the old one's figures go (a refresh of the same folder keeps them until replaced).
      if (dir !== dirMeasured) {
        dirMeasured = dir
        const kept = new Map<string, FolderMeasure>()
        for (const p of jobs.keys()) {
          const m = current(p)
          if (m) kept.set(p, m)
        } // measures still running elsewhere
        buffer.stop()
        set({ folderSizes: kept })
      }
      queue = get()
        .entries.filter((e) => e.kind === 'dir')
        .map((e) => e.path)
      // queued: counted as "to go"; a folder measured before keeps its figures on screen meanwhile
      for (const p of queue) {
        if (!jobs.has(p)) {
          const was = current(p)
          put(was?.measured ? { ...was, status: 'queued' } : fresh(p, 'queued'))
        }
      }
      flush()
      next()
    },
    measureFolder(path) {
      // The click takes the folder over from the queue, which goes on with the next one.
      queue = queue.filter((p) => p !== path)
      if (queueJob === path) queueJob = null
      run(path)
      flush()
      if (queueJob === null && queue.length > 0) next()
    },
    cancelMeasure(path) {
      const j = jobs.get(path)
      if (!j) return
      if (queueJob === path) stopQueue()
      else j.cancel()
    },
  }
}
