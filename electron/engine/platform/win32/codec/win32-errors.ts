/**
 * Win32 error → AppError at the Windows edge (libuv's errno choice noted where ours differs). Messages are plain words naming the path; callers pass the path the failure is about.
 */
import { type AppErrorCode, LinkError } from '../../../../../shared/errors'
import { toDisplay } from './paths'

export const ERROR_INVALID_FUNCTION = 1
export const ERROR_FILE_NOT_FOUND = 2
export const ERROR_PATH_NOT_FOUND = 3
export const ERROR_ACCESS_DENIED = 5
export const ERROR_INVALID_DRIVE = 15
export const ERROR_NOT_SAME_DEVICE = 17
export const ERROR_NO_MORE_FILES = 18
export const ERROR_WRITE_PROTECT = 19
export const ERROR_NOT_READY = 21
export const ERROR_SHARING_VIOLATION = 32
export const ERROR_HANDLE_EOF = 38
export const ERROR_NOT_SUPPORTED = 50
export const ERROR_BAD_NETPATH = 53
export const ERROR_BAD_NET_NAME = 67
export const ERROR_FILE_EXISTS = 80
export const ERROR_INVALID_PARAMETER = 87
export const ERROR_INSUFFICIENT_BUFFER = 122
export const ERROR_INVALID_NAME = 123
export const ERROR_DIR_NOT_EMPTY = 145
export const ERROR_BAD_PATHNAME = 161
export const ERROR_ALREADY_EXISTS = 183
export const ERROR_FILENAME_EXCED_RANGE = 206
export const ERROR_MORE_DATA = 234
export const ERROR_DELETE_PENDING = 303
export const ERROR_DIRECTORY = 267
export const ERROR_CANT_ACCESS_FILE = 1920
export const ERROR_CANT_RESOLVE_FILENAME = 1921
export const ERROR_TOO_MANY_LINKS = 1142
export const ERROR_CANCELLED = 1223
export const ERROR_PRIVILEGE_NOT_HELD = 1314
export const ERROR_SYMLINK_CLASS_DISABLED = 1463
export const ERROR_NOT_A_REPARSE_POINT = 4390
export const ERROR_INVALID_REPARSE_DATA = 4392
export const ERROR_REPARSE_TAG_INVALID = 4393
export const ERROR_REPARSE_TAG_MISMATCH = 4394

/** Paths this long without `\\?\` make Windows answer 3 (PATH_NOT_FOUND) when it means "too long". */
const MAX_PATH = 260

type Rule = [AppErrorCode, (p: string) => string]

const RULES: Record<number, Rule> = {
  [ERROR_INVALID_FUNCTION]: [
    'UNSUPPORTED_FS',
    (p) => `The file system at ${p} does not support this kind of link (FAT and exFAT have none).`,
  ],
  [ERROR_FILE_NOT_FOUND]: ['NOT_FOUND', (p) => `${p} does not exist.`],
  [ERROR_PATH_NOT_FOUND]: ['NOT_FOUND', (p) => `${p} cannot be reached: a folder along the way does not exist.`],
  [ERROR_ACCESS_DENIED]: ['ACCESS_DENIED', (p) => `Windows denied access to ${p}.`],
  [ERROR_INVALID_DRIVE]: ['NOT_FOUND', (p) => `The drive of ${p} does not exist.`],
  [ERROR_NOT_SAME_DEVICE]: [
    'CROSS_DEVICE',
    (p) => `${p} is on a different volume; hard links must stay on one volume.`,
  ],
  [ERROR_WRITE_PROTECT]: ['ACCESS_DENIED', (p) => `The drive holding ${p} is write-protected.`],
  [ERROR_NOT_READY]: ['NOT_FOUND', (p) => `The drive holding ${p} is not ready.`],
  [ERROR_SHARING_VIOLATION]: ['ACCESS_DENIED', (p) => `${p} is in use by another program.`],
  [ERROR_NOT_SUPPORTED]: ['UNSUPPORTED_FS', (p) => `The file system at ${p} does not support this operation.`],
  [ERROR_BAD_NETPATH]: ['NOT_FOUND', (p) => `The network path of ${p} cannot be found.`],
  [ERROR_BAD_NET_NAME]: ['NOT_FOUND', (p) => `The network share of ${p} cannot be found.`],
  [ERROR_FILE_EXISTS]: ['ALREADY_EXISTS', (p) => `${p} already exists; Linkscope never overwrites.`],
  [ERROR_ALREADY_EXISTS]: ['ALREADY_EXISTS', (p) => `${p} already exists; Linkscope never overwrites.`],
  [ERROR_INVALID_PARAMETER]: ['INVALID_ARGUMENT', (p) => `Windows refused the request for ${p} as invalid.`],
  [ERROR_INVALID_NAME]: ['INVALID_NAME', (p) => `${p} is not a valid Windows file name.`],
  [ERROR_BAD_PATHNAME]: ['INVALID_NAME', (p) => `${p} is not a valid Windows path.`],
  [ERROR_DIR_NOT_EMPTY]: [
    'ALREADY_EXISTS',
    (p) => `${p} is a folder that is not empty; Linkscope never removes folder contents.`,
  ],
  [ERROR_FILENAME_EXCED_RANGE]: ['PATH_TOO_LONG', (p) => `The name or path is too long: ${p}`],
  [ERROR_DIRECTORY]: ['NOT_A_DIRECTORY', (p) => `${p} is not a folder.`],
  [ERROR_TOO_MANY_LINKS]: ['TOO_MANY_LINKS', (p) => `${p} already has 1023 hard links, the most NTFS allows.`],
  [ERROR_CANCELLED]: ['CANCELLED', (p) => `The operation on ${p} was cancelled.`],
  [ERROR_PRIVILEGE_NOT_HELD]: [
    'PRIVILEGE_REQUIRED',
    (p) =>
      `Windows requires a privilege for this at ${p}: symbolic links need administrator rights or Developer Mode (Settings › For developers).`,
  ],
  [ERROR_DELETE_PENDING]: [
    'NOT_FOUND',
    (p) => `${p} is being deleted; it goes once the program holding it open closes it.`,
  ],
  [ERROR_SYMLINK_CLASS_DISABLED]: [
    'ACCESS_DENIED',
    (p) =>
      `Windows' link policy does not let ${p} be followed (links to or from network shares are off; see fsutil behavior query SymlinkEvaluation).`,
  ],
  [ERROR_CANT_ACCESS_FILE]: ['ACCESS_DENIED', (p) => `Windows cannot open ${p} (an app alias or other special entry).`],
  [ERROR_CANT_RESOLVE_FILENAME]: ['LINK_LOOP', (p) => `${p} cannot be reached: links along the way loop.`],
  [ERROR_NOT_A_REPARSE_POINT]: ['NOT_A_LINK', (p) => `${p} is not a link.`],
  // Also what following a damaged or third-party reparse point answers, not only a write of ours.
  [ERROR_INVALID_REPARSE_DATA]: [
    'UNKNOWN',
    (p) => `The link data at ${p} is malformed: Windows cannot read where it points.`,
  ],
  [ERROR_REPARSE_TAG_INVALID]: [
    'UNKNOWN',
    (p) => `Windows rejected the link type written for ${p} (a Linkscope bug; please report it).`,
  ],
  [ERROR_REPARSE_TAG_MISMATCH]: ['UNKNOWN', (p) => `${p} already holds a different kind of reparse data.`],
}

/** What a Win32 error code means for `path`, as the one error type the engine throws. */
export function win32Error(err: number, path: string): LinkError {
  const shown = toDisplay(path)
  // Without \\?\ a path of MAX_PATH or more fails with 3 although nothing is missing.
  if (err === ERROR_PATH_NOT_FOUND && !path.startsWith('\\\\?\\') && shown.length >= MAX_PATH) {
    return new LinkError(
      'PATH_TOO_LONG',
      `The path is too long for this Windows call (${shown.length} characters): ${shown}`,
      shown,
    )
  }
  const rule = RULES[err]
  if (rule) return new LinkError(rule[0], rule[1](shown), shown)
  return new LinkError('UNKNOWN', `Windows error ${err} at ${shown}.`, shown)
}

/** True for the codes that mean "nothing is there" (used by post-condition checks). */
export const isNotFound = (err: number): boolean => err === ERROR_FILE_NOT_FOUND || err === ERROR_PATH_NOT_FOUND
