/**
 * The one place that names every channel between the UI and the engine. Main (Electron), browser mode
 * (WebSocket) and the renderer's api are all built from this object, so a channel cannot exist on one
 * side only. Two shapes:
 *  - call:   request → one Result
 *  - stream: request → batches of items pushed as they come, then one Result (the summary); cancellable
 */
import type { Result } from '../errors'
import type { FindOptions, FindSummary, FolderChange } from '../types/actions'
import type { AppEvent, AppInfo, Capabilities, ExplorerMenuState, ListSummary } from '../types/app'
import type {
  DupesItem,
  DupesMergeRequest,
  DupesMergeResult,
  DupesSplitResult,
  DupesSummary,
  DupesUndoResult,
} from '../types/dupes'
import type { LinkChain, LinkEntry } from '../types/link'
import type { LeaveKind, MovePreflight, MoveProgress, MoveResult, PrefixRecord } from '../types/move'
import type {
  CreateLinkRequest,
  DropRequest,
  ElevatedOutcome,
  ElevatedRequest,
  ItemResult,
  RemoveOptions,
  RemoveResult,
  RetargetRequest,
  RetargetResult,
} from '../types/ops'
import type { Places } from '../types/places'
import type { Candidate, LinksIntoResult, NamesResult, ScanItem, ScanOptions, ScanSummary } from '../types/scan'
import type * as T from '../types/trees'
import {
  createLinkRequest,
  dropRequest,
  dupesMergeRequest,
  elevatedRequest,
  findOptions,
  jobId,
  leaveKind,
  MAX_BATCH,
  MAX_DUPES_ROOTS,
  MAX_EXPORT_CHARS,
  prefixUndo,
  removeOptions,
  retargetRequest,
  scanOptions,
  treesLinkPaths,
} from './request-shapes'
import { type AnySpec, call, type CallSpec, stream, type StreamSpec, subscription } from './spec'
import { arrayOf, bool, count, optional, pathArg, str } from './validate'

export {
  createLinkRequestOf,
  ELEVATED_OPS,
  elevatedOps,
  MAX_BATCH,
  MAX_EXPORT_CHARS,
  retargetRequestOf,
} from './request-shapes'
export type { AnySpec, CallSpec, StreamSpec } from './spec'

export const ipcContract = {
  app: {
    info: call<[], AppInfo>('app:info'),
    /** verbs from outside (Explorer, a second start) while the window is open; runs until cancelled */
    events: subscription<[], AppEvent>('app:events'),
    capabilities: call<[dir: string], Capabilities>('app:capabilities', pathArg), // in one folder (its volume)
  },
  /** the picked link sources, kept across restarts so Explorer's "Pick" and "Drop here" can be apart */
  picks: {
    list: call<[], string[]>('picks:list'),
    set: call<[paths: string[]], string[]>('picks:set', arrayOf(pathArg, MAX_BATCH, 0)),
  },
  links: {
    /** one folder's entries, streamed in batches */
    list: stream<[dir: string], LinkEntry, ListSummary>('links:list', pathArg),
    stat: call<[path: string], LinkEntry>('links:stat', pathArg),
    /** where a symbolic link leads, hop by hop, and how that ends */
    chain: call<[path: string], LinkChain>('links:chain', pathArg),
    create: call<[req: CreateLinkRequest], LinkEntry>('links:create', createLinkRequest),
    drop: call<[req: DropRequest], ItemResult[]>('links:drop', dropRequest),
    remove: call<[path: string, options?: RemoveOptions], RemoveResult>(
      'links:remove',
      pathArg,
      optional(removeOptions),
    ),
    retarget: call<[req: RetargetRequest], RetargetResult>('links:retarget', retargetRequest),
    rename: call<[path: string, newName: string], LinkEntry>('links:rename', pathArg, str(1024)),
    /** the same operations with administrator rights, after consent (desktop app only) */
    elevate: call<[ops: ElevatedRequest[]], ElevatedOutcome[]>('links:elevate', arrayOf(elevatedRequest, MAX_BATCH)),
    /** every name of a file: Windows asks the volume; POSIX searches under root */
    names: stream<[path: string, root: string | undefined], string, NamesResult>(
      'links:names',
      pathArg,
      optional(pathArg),
    ),
  },
  scan: {
    run: stream<[root: string, options: ScanOptions], ScanItem, ScanSummary>('scan:run', pathArg, scanOptions),
    /** entries under root named like a broken link's target, closest first (a walk of root, so cancellable; no items) */
    candidates: stream<[link: string, root: string], never, Candidate[]>('scan:candidates', pathArg, pathArg),
    /** links under root (default: the target's drive) that lead to the target or into it */
    linksInto: stream<[target: string, root: string | undefined], LinkEntry, LinksIntoResult>(
      'scan:linksInto',
      pathArg,
      optional(pathArg),
    ),
  },
  settings: {
    explorerMenu: call<[], ExplorerMenuState>('settings:explorerMenu'),
    setExplorerMenu: call<[on: boolean], ExplorerMenuState>('settings:setExplorerMenu', bool),
  },
  jobs: {
    cancel: call<[id: string], boolean>('jobs:cancel', jobId),
  },
  shell: {
    /** show a path in the system file manager (Electron only) */
    reveal: call<[path: string], void>('shell:reveal', pathArg),
    /** Windows' Developer Mode page, where symbolic links stop needing administrator rights (desktop app) */
    openDeveloperSettings: call<[], void>('shell:openDeveloperSettings'),
    /** open a terminal in a folder (or a file's folder) */
    openTerminal: call<[path: string], void>('shell:openTerminal', pathArg),
    /** save text where the user chooses; the chosen path, or null when they cancelled (desktop app: browser mode downloads) */
    saveFile: call<[name: string, content: string], string | null>('shell:saveFile', str(255), str(MAX_EXPORT_CHARS)),
    /** open a file with the system's default app for it */
    openDefault: call<[path: string], void>('shell:openDefault', pathArg),
    /** the system's folder dialog, opened at start; the chosen folder, or null when cancelled (desktop app: browser mode lists folders itself) */
    chooseFolder: call<[start: string], string | null>('shell:chooseFolder', pathArg),
  },
  /** the everyday actions around the explorer (watching, completion, finding by name) */
  actions: {
    /** the open folder's changes, pushed (coalesced) until cancelled or the folder is gone */
    watch: subscription<[dir: string], FolderChange>('actions:watch', pathArg),
    /** the subfolders whose names complete a typed path */
    complete: call<[typed: string], string[]>('actions:complete', pathArg),
    /** entries under root whose name (or path below root), or link target (options.match), matches a glob */
    findByName: stream<[root: string, pattern: string, options: FindOptions], LinkEntry, FindSummary>(
      'actions:findByName',
      pathArg,
      str(1024),
      findOptions,
    ),
  },
  /** move a folder to another drive leaving a link, and back; repoint links by prefix (issue 16) */
  move: {
    /** what a move would do, before anything changes (links searched under linksRoot, default the drive) */
    preview: call<[src: string, destDir: string, leave: LeaveKind, linksRoot: string | undefined], MovePreflight>(
      'move:preview',
      pathArg,
      pathArg,
      leaveKind,
      optional(pathArg),
    ),
    run: stream<
      [src: string, destDir: string, leave: LeaveKind, splitOutside: boolean, linksRoot: string | undefined],
      MoveProgress,
      MoveResult
    >('move:run', pathArg, pathArg, leaveKind, bool, optional(pathArg)),
    previewBack: call<[link: string, linksRoot: string | undefined], MovePreflight>(
      'move:previewBack',
      pathArg,
      optional(pathArg),
    ),
    back: stream<[link: string, splitOutside: boolean, linksRoot: string | undefined], MoveProgress, MoveResult>(
      'move:back',
      pathArg,
      bool,
      optional(pathArg),
    ),
    /** whether a link is one a finished move left */
    madeByMove: call<[path: string], boolean>('move:madeByMove', pathArg),
    /** point the given links that lead into OLD at NEW instead (dryRun: the preview only) */
    prefix: call<[links: string[], oldPrefix: string, newPrefix: string, dryRun: boolean], PrefixRecord[]>(
      'move:prefix',
      arrayOf(pathArg, MAX_BATCH),
      pathArg,
      pathArg,
      bool,
    ),
    /** put a batch's links back as they were; the records that could not be */
    undoPrefix: call<[records: Pick<PrefixRecord, 'path' | 'oldTarget' | 'action'>[]], PrefixRecord[]>(
      'move:undoPrefix',
      arrayOf(prefixUndo, MAX_BATCH),
    ),
  },
  /** duplicate files (issue 15): found groups stay in the engine; merges name them by their id */
  dupes: {
    find: stream<[roots: string[], minSize: number | undefined], DupesItem, DupesSummary>(
      'dupes:find',
      arrayOf(pathArg, MAX_DUPES_ROOTS),
      optional(count),
    ),
    merge: call<[reqs: DupesMergeRequest[]], DupesMergeResult>('dupes:merge', arrayOf(dupesMergeRequest, MAX_BATCH)),
    /** reverts a merge of this session (by its journal, which the engine made) */
    undo: call<[journal: string], DupesUndoResult>('dupes:undo', pathArg),
    /** make each named file an independent copy again */
    split: call<[paths: string[]], DupesSplitResult[]>('dupes:split', arrayOf(pathArg, MAX_BATCH)),
  },
  /** trees with their links (issue 17): a comparison's pairs stay in the engine; *Link these* names them by its
   *  session id and their relative paths (none: all) */
  trees: {
    compare: stream<[a: string, b: string], T.CompareItem, T.CompareViewSummary>('trees:compare', pathArg, pathArg),
    link: call<[session: string, paths: string[] | undefined], T.TreesLinkResult>(
      'trees:link',
      jobId,
      optional(treesLinkPaths),
    ),
    undo: call<[journal: string], T.TreesUndoResult>('trees:undo', pathArg),
    copy: stream<[src: string, dst: string, hardlinkClone: boolean], T.CopyProgress, T.CopyResult>(
      'trees:copy',
      pathArg,
      pathArg,
      bool,
    ),
  },
  /** recent and bookmarked folders (the Places menu), kept across restarts */
  places: {
    list: call<[], Places>('places:list'),
    /** add (on) or remove a folder's bookmark; the places after it */
    bookmark: call<[dir: string, on: boolean], Places>('places:bookmark', pathArg, bool),
  },
} as const

export type Contract = typeof ipcContract
export type Groups = keyof Contract

/** A running stream as the UI sees it. */
export type Job<R> = { readonly id: string; readonly done: Promise<Result<R>>; cancel(): void }

/** What the renderer calls: every call resolves to a Result and never rejects. */
export type Api = {
  [G in Groups]: {
    [M in keyof Contract[G]]: Contract[G][M] extends CallSpec<infer A, infer R>
      ? (...args: A) => Promise<Result<R>>
      : Contract[G][M] extends StreamSpec<infer A, infer I, infer R>
        ? (onItems: (items: I[]) => void, ...args: A) => Job<R>
        : never
  }
}

/** The part of AbortSignal stream handlers use (shared/ sees neither DOM nor Node types). */
export type CancelSignal = {
  readonly aborted: boolean
  addEventListener(type: 'abort', listener: () => void): void
  removeEventListener(type: 'abort', listener: () => void): void
}
export type StreamContext<I> = { emit(items: I[]): void; readonly signal: CancelSignal }

/** What the engine side implements: plain functions that may throw LinkError. */
export type Handlers = {
  [G in Groups]: {
    [M in keyof Contract[G]]: Contract[G][M] extends CallSpec<infer A, infer R>
      ? (...args: A) => Promise<R> | R
      : Contract[G][M] extends StreamSpec<infer A, infer I, infer R>
        ? (ctx: StreamContext<I>, ...args: A) => Promise<R>
        : never
  }
}

/** Visit every spec, in declaration order. */
export function forEachSpec(visit: (group: string, method: string, spec: AnySpec) => void): void {
  for (const [group, methods] of Object.entries(ipcContract)) {
    for (const [method, spec] of Object.entries(methods)) visit(group, method, spec as AnySpec)
  }
}

export const ALL_CHANNELS: readonly string[] = (() => {
  const list: string[] = []
  forEachSpec((_g, _m, spec) => list.push(spec.channel))
  return list
})()

/** The channels that stream until cancelled (subscriptions), by the specs' `endless` mark. */
export const SUBSCRIPTION_CHANNELS: ReadonlySet<string> = (() => {
  const found = new Set<string>()
  forEachSpec((_g, _m, spec) => {
    if (spec.kind === 'stream' && spec.endless) found.add(spec.channel)
  })
  return found
})()

/** Channel the engine side uses to push stream batches: {jobId, items}. */
export const JOB_ITEMS_CHANNEL = 'job:items'

/** The channel that cancels a stream job, whichever side runs it. */
export const JOB_CANCEL_CHANNEL = ipcContract.jobs.cancel.channel

/** An envelope as it arrived, before its arguments are checked: a malformed one reads as no arguments. */
export function rawEnvelope(envelope: unknown): { jobId?: unknown; args: unknown[] } {
  if (typeof envelope !== 'object' || envelope === null) return { args: [] }
  const { jobId, args } = envelope as { jobId?: unknown; args?: unknown }
  return { jobId, args: Array.isArray(args) ? args : [] }
}
