/**
 * The elevated helper's protocol, pure and shared by both ends. The app sends one batch; the helper
 * accepts only the allow-listed link operations below, each with what the app saw when the person
 * approved it: a fingerprint of each path, and the identity of each folder the operation acts in. The
 * helper refuses any operation whose paths or folders changed since (a swapped symbolic link or folder
 * must not turn an approved "remove this link" into something else).
 */
import * as path from 'node:path'

import { type AppError, LinkError } from '../../shared/errors'
import { createLinkRequestOf, elevatedOps, MAX_BATCH, retargetRequestOf } from '../../shared/ipc/contract'
import { arrayOf, bool, obj, oneOf, optional, pathArg, str, type Validator } from '../../shared/ipc/validate'
import { sameLinkIdentity } from '../../shared/types/link'
import type { CreateLinkRequest, ElevatedRequest, RetargetRequest } from '../../shared/types/ops'

/** What a path looked like: absent, or its identity, kind and link text. */
export type Fingerprint = { exists: false } | { exists: true; id: string; kind: string; target?: string }

/** A folder an operation acts in, with its identity as the app saw it. */
export type FolderPin = { path: string; id: string }

export type ElevatedOp =
  | { op: 'create'; req: CreateLinkRequest; seen: { target: Fingerprint; link: Fingerprint }; folders: FolderPin[] }
  | { op: 'remove'; path: string; seen: Fingerprint; folders: FolderPin[] }
  | { op: 'retarget'; req: RetargetRequest; seen: Fingerprint; folders: FolderPin[] }

export type ElevatedBatch = { token: string; ops: ElevatedOp[] }
export type ElevatedResult = { ok: true } | { ok: false; error: AppError }
export type ElevatedReply = { results: ElevatedResult[] } | { refused: AppError }

/** Longest request line the helper reads: 1000 operations of long paths, no more. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024
export const MAX_OPS = MAX_BATCH

/** The folders an operation acts in: the link's, and for a hard link the source's too. */
export function foldersOf(r: ElevatedRequest): string[] {
  switch (r.op) {
    case 'create':
      return [
        ...new Set(
          r.req.type === 'hard' ? [path.dirname(r.req.link), path.dirname(r.req.target)] : [path.dirname(r.req.link)],
        ),
      ]
    case 'remove':
      return [path.dirname(r.path)]
    case 'retarget':
      return [path.dirname(r.req.path)]
  }
}

/** The paths an operation acts on, whose fingerprints the helper compares. */
export function pathsOf(r: ElevatedRequest): string[] {
  switch (r.op) {
    case 'create':
      return [r.req.target, r.req.link]
    case 'remove':
      return [r.path]
    case 'retarget':
      return [r.req.path]
  }
}

/** An operation with what its paths and folders look like now, as `look` tells (a missing folder is left out). */
export function describeOp(r: ElevatedRequest, look: (p: string) => Fingerprint): ElevatedOp {
  const folders: FolderPin[] = []
  for (const dir of foldersOf(r)) {
    const f = look(dir)
    if (f.exists) folders.push({ path: dir, id: f.id })
  }
  switch (r.op) {
    case 'create':
      return { op: 'create', req: r.req, seen: { target: look(r.req.target), link: look(r.req.link) }, folders }
    case 'remove':
      return { op: 'remove', path: r.path, seen: look(r.path), folders }
    case 'retarget':
      return { op: 'retarget', req: r.req, seen: look(r.req.path), folders }
  }
}

/**
 * An absolute, normalised path: the helper has no working folder that means anything to the person
 * (under pkexec it is root's), and a path the engine would rewrite (`a/../b`, a trailing separator)
 * would no longer match the folders the app pinned.
 */
export const absolutePathArg: Validator<string> = {
  describe: 'an absolute path',
  check(value, name) {
    const p = pathArg.check(value, name)
    const api = /^[A-Za-z]:[\\/]|^\\\\/.test(p) ? path.win32 : path.posix
    if (!api.isAbsolute(p) || api.resolve(p) !== p)
      throw new LinkError(
        'INVALID_ARGUMENT',
        `${name} must be an absolute path without "." or ".." parts (got ${p.slice(0, 200)}).`,
      )
    return p
  },
}

const fingerprint: Validator<Fingerprint> = {
  describe: 'a fingerprint',
  check(value, name) {
    const base = obj({
      exists: bool,
      id: optional(str(200)),
      kind: optional(str(40)),
      target: optional(str(32767)),
    }).check(value, name)
    if (!base.exists) return { exists: false }
    if (base.id === undefined || base.kind === undefined)
      throw new LinkError('INVALID_ARGUMENT', `${name} lacks id or kind.`)
    return { exists: true, id: base.id, kind: base.kind, ...(base.target !== undefined ? { target: base.target } : {}) }
  },
}
const folders = arrayOf(obj({ path: absolutePathArg, id: str(200) }), 2, 0)

const opValidator: Validator<ElevatedOp> = elevatedOps<ElevatedOp>(
  {
    create: obj({
      op: oneOf(['create'] as const),
      req: createLinkRequestOf(absolutePathArg),
      seen: obj({ target: fingerprint, link: fingerprint }),
      folders,
    }),
    remove: obj({ op: oneOf(['remove'] as const), path: absolutePathArg, seen: fingerprint, folders }),
    retarget: obj({
      op: oneOf(['retarget'] as const),
      req: retargetRequestOf(absolutePathArg),
      seen: fingerprint,
      folders,
    }),
  },
  (op, name) => {
    throw new LinkError(
      'FORBIDDEN',
      `${name} asks for "${String(op).slice(0, 40)}", which the elevated helper does not do.`,
    )
  },
)

/** The request line as JSON, and its token: read before anything else in the request is looked at. */
export function tokenOf(line: string): { raw: unknown; token: string | null } {
  let raw: unknown
  try {
    raw = JSON.parse(line)
  } catch {
    return { raw: undefined, token: null }
  }
  const token =
    typeof raw === 'object' && raw !== null && Object.hasOwn(raw, 'token') ? (raw as { token: unknown }).token : null
  return { raw, token: typeof token === 'string' && token.length <= 200 ? token : null }
}

/** Check a parsed request (after its token) into a batch, or throw a typed error. */
export const parseBatch = (raw: unknown): ElevatedBatch =>
  obj({ token: str(200), ops: arrayOf(opValidator, MAX_OPS) }).check(raw, 'request')

export const sameFingerprint = (a: Fingerprint, b: Fingerprint): boolean =>
  a.exists === b.exists && (!a.exists || (b.exists && sameLinkIdentity(a, b)))
