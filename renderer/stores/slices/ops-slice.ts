/**
 * Link operations: drop / create / remove / retarget / rename, their per-item report, and an undo stack
 * for this run (the pick tray is picks-slice). Every operation refreshes the folder so counts stay true, and selects
 * what it made.
 */
import type { Result } from '../../../shared/errors'
import type { Job } from '../../../shared/ipc/contract'
import type { LinkEntry } from '../../../shared/types/link'
import type {
  CreateLinkRequest,
  DropAs,
  RemoveOptions,
  RemoveResult,
  RetargetRequest,
  RetargetResult,
} from '../../../shared/types/ops'
import type { Candidate } from '../../../shared/types/scan'
import { basenameOf, dirnameOf, type Sep } from '../../lib/paths'
import type { AppSlice } from '../app-store'
import {
  DROP_TITLES,
  elevatedError,
  type OpDone,
  type OpReport,
  type OpVerb,
  removalNote,
  type ReportItem,
} from './op-report'
import { otherNameOf, searchRootFor } from './other-names'
import { retargetEach } from './retarget-each'
import { runUndo, type UndoOp, undoSubject } from './undo'

export type { OpDone, OpReport, OpVerb, ReportItem } from './op-report'
export type { UndoOp } from './undo'

export type OpsSlice = {
  /** Look a path up (null when it does not exist or cannot be read). */
  statPath(path: string): Promise<LinkEntry | null>
  /** Repair suggestions for a broken link, searched under root (a walk: cancel it when no longer wanted). */
  repairCandidates(link: string, root: string): Job<Candidate[]>
  /** PRIVILEGE_REQUIRED's other choice: make the link with administrator rights. */
  createElevated(req: CreateLinkRequest): Promise<Result<LinkEntry | null>>
  report: OpReport | null
  undoStack: UndoOp[]
  busy: boolean
  /** the name a removal is working on now (a hard-link name can take a while: its other name is looked up first) */
  removing: { path: string; index: number; total: number } | null
  /** Drop given sources (a report's "do it this way instead" for refused items). */
  dropSources(sources: string[], dir: string, as: DropAs): Promise<void>
  createLink(req: CreateLinkRequest): Promise<Result<LinkEntry>>
  /** `options.readOnlyToo`: the person chose "Remove anyway" for read-only names (Windows) */
  removeLinks(paths: string[], options?: RemoveOptions): Promise<void>
  retarget(req: RetargetRequest): Promise<Result<RetargetResult>>
  /** Retarget several links in one go: one report, one undo entry each; `purpose` ends the title. */
  retargetMany(reqs: RetargetRequest[], purpose: string): Promise<void>
  rename(path: string, newName: string): Promise<Result<LinkEntry>>
  /** Undo the last operation; asked while one is running, it runs right after that one ends. */
  undo(): Promise<void>
  /** Ctrl+Z came while an operation was running: the undo waits for it (said in its progress line). */
  undoQueued: boolean
  dismissReport(): void
  /** Hear every finished operation and successful undo; returns the way to stop listening. */
  onOpDone(listener: (done: OpDone) => void): () => void
}

let reportIds = 0

export const createOpsSlice: AppSlice<OpsSlice> = (api) => (set, get) => {
  const sep = (): Sep => get().info?.sep ?? '/'
  const listeners = new Set<(done: OpDone) => void>()
  const announce = (done: OpDone): void => {
    for (const l of listeners) l(done)
  }
  const report = (verb: OpVerb, title: string, items: ReportItem[], drop?: { as: DropAs; dir: string }): void => {
    const made: OpReport = {
      id: ++reportIds,
      verb,
      title,
      items,
      ...(drop ? { dropAs: drop.as, dropDir: drop.dir } : {}),
    }
    set({ report: made })
    announce({ type: 'report', report: made })
  }
  const pushUndo = (...ops: UndoOp[]): void => set({ undoStack: [...get().undoStack, ...ops] })
  /** Show what an operation made, selected: here after a refresh, or by opening the folder it went into. */
  const refreshSelecting = async (paths: string[]): Promise<void> => {
    const dir = get().dir
    if (!dir) return
    const here = paths.filter((p) => dirnameOf(p, sep()) === dir)
    const elsewhere = paths.length > 0 && here.length === 0 ? dirnameOf(paths[0]!, sep()) : null
    if (elsewhere)
      await get().openDirectory(
        elsewhere,
        paths.filter((p) => dirnameOf(p, sep()) === elsewhere),
      )
    else await get().refresh(here.length > 0 ? here : undefined)
  }
  const busy = async <T>(work: () => Promise<T>): Promise<T> => {
    set({ busy: true })
    try {
      return await work()
    } finally {
      const queued = get().undoQueued
      set({ busy: false, removing: null, undoQueued: false })
      // an undo asked for meanwhile undoes what just ended, as if pressed a moment later
      if (queued) void get().undo()
    }
  }

  return {
    async statPath(path) {
      const r = await api.links.stat(path)
      return r.ok ? r.value : null
    },
    repairCandidates: (link, root) => api.scan.candidates(() => {}, link, root),
    async createElevated(req) {
      return busy(async () => {
        const r = await api.links.elevate([{ op: 'create', req }])
        const error = elevatedError(r)
        if (error) {
          report('create', 'Could not make the link as administrator', [{ source: req.target, ok: false, error }])
          return { ok: false as const, error }
        }
        pushUndo({ kind: 'create', path: req.link })
        const made = await get().statPath(req.link)
        report(
          'create',
          `Made “${basenameOf(req.link, sep())}” with administrator rights`,
          made ? [{ source: req.target, ok: true, entry: made }] : [],
        )
        await refreshSelecting([req.link])
        return { ok: true as const, value: made }
      })
    },
    report: null,
    undoStack: [],
    undoQueued: false,
    busy: false,
    removing: null,
    async dropSources(sources, dir, as) {
      if (sources.length === 0) return
      await busy(async () => {
        const r = await api.links.drop({ sources, dir, as })
        if (!r.ok) {
          report(
            'drop',
            `Could not drop as ${DROP_TITLES[as]}`,
            sources.map((source) => ({ source, ok: false, error: r.error })),
            { as, dir },
          )
          return
        }
        const made = r.value.filter((i): i is Extract<typeof i, { ok: true }> => i.ok)
        pushUndo(...made.map((i): UndoOp => ({ kind: 'create', path: i.entry.path })))
        const refused = r.value.length - made.length
        report(
          'drop',
          `Dropped as ${DROP_TITLES[as]}: ${made.length} made${refused ? `, ${refused} refused` : ''}`,
          r.value,
          { as, dir },
        )
        await refreshSelecting(made.map((i) => i.entry.path))
      })
    },

    async createLink(req) {
      return busy(async () => {
        const r = await api.links.create(req)
        if (r.ok) {
          pushUndo({ kind: 'create', path: r.value.path })
          report('create', `Made “${r.value.name}”`, [{ source: req.target, ok: true, entry: r.value }])
          await refreshSelecting([r.value.path])
        }
        return r
      })
    },

    async removeLinks(paths, options) {
      await busy(async () => {
        const items: ReportItem[] = []
        for (const [index, p] of paths.entries()) {
          set({ removing: { path: p, index, total: paths.length } })
          const before = get().entries.find((e) => e.path === p)
          // The engine names a sibling in the same folder; names elsewhere are searched for first.
          const known =
            before && before.kind === 'file' && before.links > 1
              ? await otherNameOf(api, p, searchRootFor(get().info, p))
              : undefined
          const r: Result<RemoveResult> = await (options ? api.links.remove(p, options) : api.links.remove(p))
          if (!r.ok) {
            items.push({ source: p, ok: false, error: r.error })
            continue
          }
          const { removed } = r.value
          const note = removalNote(r.value)
          const otherName = r.value.otherName ?? known
          pushUndo({ kind: 'remove', removed, ...(otherName ? { otherName } : {}) })
          items.push({ source: p, ok: true, entry: removed, ...(note ? { note } : {}) })
        }
        set({ removing: null })
        const done = items.filter((i) => i.ok).length
        report(
          'remove',
          done === items.length ? `Removed ${done} link${done === 1 ? '' : 's'}` : `Removed ${done} of ${items.length}`,
          items,
        )
        await get().refresh()
      })
    },

    async retarget(req) {
      return busy(async () => {
        const r = await api.links.retarget(req)
        if (r.ok) {
          pushUndo({ kind: 'retarget', path: r.value.entry.path, previousTarget: r.value.previousTarget })
          report('retarget', `Retargeted “${r.value.entry.name}”`, [
            {
              source: req.path,
              ok: true,
              entry: r.value.entry,
              note: `It pointed to “${r.value.previousTarget}”.`,
            },
          ])
          await refreshSelecting([r.value.entry.path])
        }
        return r
      })
    },

    async rename(path, newName) {
      return busy(async () => {
        const r = await api.links.rename(path, newName)
        if (r.ok) {
          pushUndo({ kind: 'rename', from: path, to: r.value.path })
          await refreshSelecting([r.value.path])
        }
        return r
      })
    },

    async undo() {
      const stack = get().undoStack
      const op = stack[stack.length - 1]
      if (get().busy) {
        set({ undoQueued: true })
        return
      }
      if (!op) return
      await busy(async () => {
        const { r, title, select } = await runUndo(api, op, sep())
        if (r.ok) {
          set({ undoStack: get().undoStack.slice(0, -1) })
          announce({ type: 'undone', op })
          report('undo', title, [])
        } else {
          report('undo', 'Could not undo', [{ source: undoSubject(op), ok: false, error: r.error }])
        }
        await refreshSelecting(select)
      })
    },

    async retargetMany(reqs, purpose) {
      const { items, undo } = await busy(() => retargetEach(api, reqs))
      const made = items.filter((i) => i.ok).length
      pushUndo(...undo)
      report(
        'retarget',
        made === items.length
          ? `Retargeted ${made} link${made === 1 ? '' : 's'} ${purpose}`
          : `Retargeted ${made} of ${items.length}`,
        items,
      )
      if (get().dir) void get().refresh()
    },

    dismissReport() {
      set({ report: null })
    },
    onOpDone(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
