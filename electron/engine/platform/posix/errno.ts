/** errno → AppError, at the POSIX edge. Messages are plain words naming the path; callers add context. */
import { type AppErrorCode, LinkError } from '../../../../shared/errors'

const CODES: Record<string, [AppErrorCode, (p: string) => string]> = {
  ENOENT: ['NOT_FOUND', (p) => `${p} does not exist.`],
  ENOTDIR: ['NOT_A_DIRECTORY', (p) => `A part of ${p} is not a folder.`],
  EACCES: ['ACCESS_DENIED', (p) => `You do not have permission to do this at ${p}.`],
  EPERM: ['ACCESS_DENIED', (p) => `The system does not allow this at ${p}.`],
  EROFS: ['ACCESS_DENIED', (p) => `${p} is on a read-only file system.`],
  EXDEV: ['CROSS_DEVICE', (p) => `${p} is on a different volume.`],
  EEXIST: ['ALREADY_EXISTS', (p) => `${p} already exists; Linkscope never overwrites.`],
  ENOTEMPTY: ['ALREADY_EXISTS', (p) => `${p} already exists and is not empty; Linkscope never overwrites.`],
  EISDIR: ['IS_DIRECTORY', (p) => `${p} is a folder.`],
  EMLINK: ['TOO_MANY_LINKS', (p) => `${p} already has as many hard links as the file system allows.`],
  ENAMETOOLONG: ['PATH_TOO_LONG', (p) => `The name or path is too long: ${p}`],
  ELOOP: ['LINK_LOOP', (p) => `${p} cannot be reached: symbolic links along the way loop.`],
  ENOTSUP: ['UNSUPPORTED_FS', (p) => `The file system at ${p} does not support this kind of link.`],
  EOPNOTSUPP: ['UNSUPPORTED_FS', (p) => `The file system at ${p} does not support this kind of link.`],
  EINVAL: ['INVALID_ARGUMENT', (p) => `The system refused ${p} as invalid.`],
  EBUSY: ['ACCESS_DENIED', (p) => `${p} is in use.`],
  ENOSPC: ['NO_SPACE', (p) => `There is no space left on the device holding ${p}.`],
  EDQUOT: ['NO_SPACE', (p) => `Your disk quota is used up on the device holding ${p}.`],
}

export function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && typeof (e as NodeJS.ErrnoException).code === 'string'
    ? (e as NodeJS.ErrnoException).code
    : undefined
}

/** Map a node:fs error to a LinkError about `path`; LinkErrors pass through unchanged. */
export function fromErrno(e: unknown, path: string): LinkError {
  if (e instanceof LinkError) return e
  const code = errnoCode(e)
  const known = code ? CODES[code] : undefined
  if (known) return new LinkError(known[0], known[1](path), path)
  const detail = e instanceof Error ? e.message : String(e)
  return new LinkError('UNKNOWN', `Unexpected error at ${path}: ${detail}`, path)
}

/** Run a node:fs call and rethrow its failure as a LinkError about `path`. */
export function fsCall<T>(path: string, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    throw fromErrno(e, path)
  }
}
