/**
 * The one place that names every channel between the UI and the engine. Main (Electron), browser mode
 * (WebSocket) and the renderer's api are all built from this object, so a channel cannot exist on one
 * side only. Two shapes:
 *  - call:   request → one Result
 *  - stream: request → batches of items pushed as they come, then one Result (the summary); cancellable
 */
import type { AppEvent, AppInfo, ExplorerMenuState, ListSummary } from '../types/app'
import type { LinkEntry } from '../types/link'
import type {
  CreateLinkRequest, DropRequest, ElevatedOutcome, ElevatedRequest, ItemResult, RemoveResult, RetargetRequest, RetargetResult,
} from '../types/ops'
import type { Candidate, LinksIntoResult, NamesResult, ScanItem, ScanOptions, ScanSummary } from '../types/scan'
import { arrayOf, bool, obj, oneOf, optional, pathArg, str, type Validator } from './validate'

type Validators<A extends unknown[]> = { [K in keyof A]: Validator<A[K]> }

export type CallSpec<A extends unknown[], R> = {
  readonly kind: 'call'; readonly channel: string; readonly args: Validators<A>; readonly _r?: R
}
export type StreamSpec<A extends unknown[], Item, R> = {
  readonly kind: 'stream'; readonly channel: string; readonly args: Validators<A>; readonly _i?: Item; readonly _r?: R
}
export type AnySpec = CallSpec<any[], unknown> | StreamSpec<any[], unknown, unknown> // eslint-disable-line @typescript-eslint/no-explicit-any

const call = <A extends unknown[], R>(channel: string, ...args: Validators<A>): CallSpec<A, R> =>
  ({ kind: 'call', channel, args })
const stream = <A extends unknown[], Item, R>(channel: string, ...args: Validators<A>): StreamSpec<A, Item, R> =>
  ({ kind: 'stream', channel, args })

/** The most sources one drop may carry. */
export const MAX_BATCH = 1000

const createLinkRequest = obj({
  type: oneOf(['hard', 'symbolic', 'junction'] as const),
  target: pathArg,
  link: pathArg,
  relative: optional(bool),
})
const dropRequest = obj({
  sources: arrayOf(pathArg, MAX_BATCH),
  dir: pathArg,
  as: oneOf(['hard', 'symbolic-relative', 'symbolic-absolute', 'junction'] as const),
})
const retargetRequest = obj({ path: pathArg, target: pathArg, relative: optional(bool) })
/** One operation for the elevated helper: the same shapes as the ordinary calls, and nothing else. */
const elevatedRequest: Validator<ElevatedRequest> = {
  describe: 'a link operation',
  check(value, name) {
    const op = (value as { op?: unknown } | null)?.op
    if (op === 'create') return obj({ op: oneOf(['create'] as const), req: createLinkRequest }).check(value, name)
    if (op === 'remove') return obj({ op: oneOf(['remove'] as const), path: pathArg }).check(value, name)
    if (op === 'retarget') return obj({ op: oneOf(['retarget'] as const), req: retargetRequest }).check(value, name)
    return oneOf(['create', 'remove', 'retarget'] as const).check(op, `${name}.op`) as never
  },
}
const scanOptions = obj({ broken: bool, hardlinks: bool, sizes: optional(bool), crossDevices: optional(bool) })
const jobId = str(64)

export const ipcContract = {
  app: {
    info: call<[], AppInfo>('app:info'),
    /** verbs from outside (Explorer, a second start) while the window is open; runs until cancelled */
    events: stream<[], AppEvent, null>('app:events'),
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
    create: call<[req: CreateLinkRequest], LinkEntry>('links:create', createLinkRequest),
    drop: call<[req: DropRequest], ItemResult[]>('links:drop', dropRequest),
    remove: call<[path: string], RemoveResult>('links:remove', pathArg),
    retarget: call<[req: RetargetRequest], RetargetResult>('links:retarget', retargetRequest),
    rename: call<[path: string, newName: string], LinkEntry>('links:rename', pathArg, str(1024)),
    /** the same operations with administrator rights, after consent (desktop app only) */
    elevate: call<[ops: ElevatedRequest[]], ElevatedOutcome[]>('links:elevate', arrayOf(elevatedRequest, MAX_BATCH)),
    /** every name of a file: Windows asks the volume; POSIX searches under root */
    names: stream<[path: string, root: string | undefined], string, NamesResult>('links:names', pathArg, optional(pathArg)),
  },
  scan: {
    run: stream<[root: string, options: ScanOptions], ScanItem, ScanSummary>('scan:run', pathArg, scanOptions),
    /** entries under root named like a broken link's target, closest first (a walk of root, so cancellable; no items) */
    candidates: stream<[link: string, root: string], never, Candidate[]>('scan:candidates', pathArg, pathArg),
    /** links under root (default: the target's drive) that lead to the target or into it */
    linksInto: stream<[target: string, root: string | undefined], LinkEntry, LinksIntoResult>('scan:linksInto', pathArg, optional(pathArg)),
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
  },
} as const

export type Contract = typeof ipcContract
type Groups = keyof Contract

/** A running stream as the UI sees it. */
export type Job<R> = { readonly id: string; readonly done: Promise<Result<R>>; cancel(): void }

import type { Result } from '../errors'

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

/** Channel the engine side uses to push stream batches: {jobId, items}. */
export const JOB_ITEMS_CHANNEL = 'job:items'
