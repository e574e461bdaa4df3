/**
 * The shapes of the requests the contract's channels take, as validators: what crosses into main, the
 * engine or the elevated helper is checked against these and nothing else.
 */
import type { ElevatedRequest } from '../types/ops'
import { arrayOf, bool, count, obj, oneOf, optional, pathArg, str, tagged, type Validator } from './validate'

/** The longest export the desktop app's save dialog takes (characters). */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024

/** The most sources one drop may carry. */
export const MAX_BATCH = 1000

/** A create request whose paths pass `path` (the helper asks for absolute ones). */
export const createLinkRequestOf = (path: Validator<string>) =>
  obj({
    type: oneOf(['hard', 'symbolic', 'junction'] as const),
    target: path,
    link: path,
    relative: optional(bool),
  })
/** A retarget request whose paths pass `path`. */
export const retargetRequestOf = (path: Validator<string>) => obj({ path, target: path, relative: optional(bool) })
export const ELEVATED_OPS = ['create', 'remove', 'retarget'] as const
/** The operations the elevated helper does, by name; anything else is refused before its shape is looked at. */
export const elevatedOps = <T>(
  shapes: { [K in (typeof ELEVATED_OPS)[number]]: Validator<T> },
  unknownOp: (op: unknown, name: string) => never,
): Validator<T> => tagged('op', shapes, unknownOp)

export const createLinkRequest = createLinkRequestOf(pathArg)
export const dropRequest = obj({
  sources: arrayOf(pathArg, MAX_BATCH),
  dir: pathArg,
  as: oneOf(['hard', 'symbolic-relative', 'symbolic-absolute', 'junction'] as const),
})
export const retargetRequest = retargetRequestOf(pathArg)
export const removeOptions = obj({ readOnlyToo: optional(bool) })
/** One operation for the elevated helper: the same shapes as the ordinary calls, and nothing else. */
export const elevatedRequest: Validator<ElevatedRequest> = elevatedOps<ElevatedRequest>(
  {
    create: obj({ op: oneOf(['create'] as const), req: createLinkRequest }),
    remove: obj({ op: oneOf(['remove'] as const), path: pathArg }),
    retarget: obj({ op: oneOf(['retarget'] as const), req: retargetRequest }),
  },
  (op, name) => oneOf(ELEVATED_OPS).check(op, `${name}.op`) as never,
)
/** exclude and maxDepth are only shaped here; the engine refuses an empty glob or a depth under 1 (scan-filter.ts) */
export const scanOptions = obj({
  broken: bool,
  hardlinks: bool,
  sizes: optional(bool),
  crossDevices: optional(bool),
  exclude: optional(arrayOf(str(4096), 256, 0)),
  maxDepth: optional(count),
})
export const jobId = str(64)
export const leaveKind = oneOf(['symlink', 'junction'] as const)
export const findOptions = obj({ ignoreCase: bool, match: optional(oneOf(['name', 'target'] as const)) })
/** what an undo of a *Replace prefix* batch needs of each record: the link and the text to put back */
export const prefixUndo = obj({
  path: pathArg,
  oldTarget: str(),
  action: oneOf(['would-retarget', 'retargeted', 'failed'] as const),
})
/** Duplicates: at most this many roots, and groups merged in one request */
export const MAX_DUPES_ROOTS = 64
export const dupesMergeRequest = obj({ group: str(200), keeper: str(200) })
/** Trees: the most relative paths one *Link these* names */
export const MAX_LINK_PATHS = 200_000
export const treesLinkPaths = arrayOf(pathArg, MAX_LINK_PATHS)
