/**
 * The elevated helper's protocol, pure and shared by both ends. The app sends one batch; the helper
 * accepts only the allow-listed link operations below, each with a fingerprint of what the app saw when
 * it asked, and refuses any operation whose paths changed since (a swapped symlink must not turn an
 * approved "remove this link" into something else).
 */
import { LinkError, type AppError } from '../../shared/errors'
import { arrayOf, bool, obj, oneOf, optional, pathArg, str, type Validator } from '../../shared/ipc/validate'
import { sameLinkIdentity } from '../../shared/types/link'
import type { CreateLinkRequest, RetargetRequest } from '../../shared/types/ops'

/** What a path looked like: absent, or its identity, kind and link text. */
export type Fingerprint = { exists: false } | { exists: true; id: string; kind: string; target?: string }

export type ElevatedOp =
  | { op: 'create'; req: CreateLinkRequest; seen: { target: Fingerprint; link: Fingerprint } }
  | { op: 'remove'; path: string; seen: Fingerprint }
  | { op: 'retarget'; req: RetargetRequest; seen: Fingerprint }

export const ELEVATED_OPS = ['create', 'remove', 'retarget'] as const

export type ElevatedBatch = { token: string; ops: ElevatedOp[] }
export type ElevatedResult = { ok: true } | { ok: false; error: AppError }
export type ElevatedReply = { results: ElevatedResult[] } | { refused: AppError }

/** Longest request line the helper reads: 1000 operations of long paths, no more. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024
export const MAX_OPS = 1000

const fingerprint: Validator<Fingerprint> = {
  describe: 'a fingerprint',
  check(value, name) {
    const base = obj({ exists: bool, id: optional(str(200)), kind: optional(str(40)), target: optional(str(32767)) }).check(value, name)
    if (!base.exists) return { exists: false }
    if (base.id === undefined || base.kind === undefined) throw new LinkError('INVALID_ARGUMENT', `${name} lacks id or kind.`)
    return { exists: true, id: base.id, kind: base.kind, ...(base.target !== undefined ? { target: base.target } : {}) }
  },
}
const createReq = obj({ type: oneOf(['hard', 'symbolic', 'junction'] as const), target: pathArg, link: pathArg, relative: optional(bool) })
const retargetReq = obj({ path: pathArg, target: pathArg, relative: optional(bool) })

const opValidators: Record<ElevatedOp['op'], Validator<ElevatedOp>> = {
  create: obj({ op: oneOf(['create'] as const), req: createReq, seen: obj({ target: fingerprint, link: fingerprint }) }) as Validator<ElevatedOp>,
  remove: obj({ op: oneOf(['remove'] as const), path: pathArg, seen: fingerprint }) as Validator<ElevatedOp>,
  retarget: obj({ op: oneOf(['retarget'] as const), req: retargetReq, seen: fingerprint }) as Validator<ElevatedOp>,
}

const opValidator: Validator<ElevatedOp> = {
  describe: 'an allowed link operation',
  check(value, name) {
    const op = (value as { op?: unknown } | null)?.op
    if (typeof op !== 'string' || !(ELEVATED_OPS as readonly string[]).includes(op)) {
      throw new LinkError('FORBIDDEN', `${name} asks for "${String(op).slice(0, 40)}", which the elevated helper does not do.`)
    }
    return opValidators[op as ElevatedOp['op']].check(value, name)
  },
}

/** Parse one request line into a batch, or throw a typed error. The token is compared by the caller. */
export function parseBatch(line: string): ElevatedBatch {
  let raw: unknown
  try { raw = JSON.parse(line) } catch { throw new LinkError('INVALID_ARGUMENT', 'The request is not valid JSON.') }
  return obj({ token: str(200), ops: arrayOf(opValidator, MAX_OPS) }).check(raw, 'request')
}

export const sameFingerprint = (a: Fingerprint, b: Fingerprint): boolean =>
  a.exists === b.exists && (!a.exists || (b.exists && sameLinkIdentity(a, b)))
