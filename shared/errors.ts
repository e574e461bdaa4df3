/** Error codes that travel between the engine and every face of it (ARCHITECTURE.md, "Result codes"). */
export const APP_ERROR_CODES = [
  'NOT_FOUND',
  'ACCESS_DENIED',
  'PRIVILEGE_REQUIRED',
  'CROSS_DEVICE',
  'ALREADY_EXISTS',
  'IS_DIRECTORY',
  'NOT_A_DIRECTORY',
  'NOT_A_LINK',
  'TOO_MANY_LINKS',
  'UNSUPPORTED_FS',
  'UNSUPPORTED_ON_PLATFORM',
  'LAST_NAME',
  'INVALID_NAME',
  'PATH_TOO_LONG',
  'INVALID_ARGUMENT',
  'FORBIDDEN',
  'CANCELLED',
  'CHANGED',
  'NOT_RESPONDING',
  'LINK_LOOP',
  'UNKNOWN',
  'METADATA_DIFFERS',
  // move (issue 16): not enough room on the destination; hard links with names outside the folder; files open for writing
  'NO_SPACE',
  'OUTSIDE_NAMES',
  'OPEN_FILES',
  // Windows (issue 11): a read-only name was left; removing it anyway is the caller's explicit choice.
  'READ_ONLY',
  // opening outside programs, watching, exporting (actions)
  'NO_FILE_MANAGER',
  'NO_TERMINAL',
  // open with the default app (feat4): no program on this system opens files by their type
  'NO_DEFAULT_APP',
] as const
export type AppErrorCode = (typeof APP_ERROR_CODES)[number]

export type AppError = { code: AppErrorCode; message: string; path?: string }

/** Every call across a process boundary resolves to this: codes survive where thrown errors would not. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const err = (error: AppError): { ok: false; error: AppError } => ({ ok: false, error })

/** The one error type the engine throws; its fields are exactly an AppError. */
export class LinkError extends Error {
  readonly code: AppErrorCode
  readonly path?: string
  constructor(code: AppErrorCode, message: string, path?: string) {
    super(message)
    this.name = 'LinkError'
    this.code = code
    if (path !== undefined) this.path = path
  }
  toJSON(): AppError {
    return this.path === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, path: this.path }
  }
}

export const isAppErrorCode = (v: unknown): v is AppErrorCode =>
  typeof v === 'string' && (APP_ERROR_CODES as readonly string[]).includes(v)

export const isAppError = (v: unknown): v is AppError =>
  typeof v === 'object' &&
  v !== null &&
  isAppErrorCode((v as AppError).code) &&
  typeof (v as AppError).message === 'string'

/** Any thrown value as an AppError; engine code maps errno first, so UNKNOWN is a bug report. */
export function toAppError(e: unknown): AppError {
  if (e instanceof LinkError) return e.toJSON()
  if (isAppError(e)) return { code: e.code, message: e.message, ...(e.path ? { path: e.path } : {}) }
  const message = e instanceof Error ? e.message : String(e)
  return { code: 'UNKNOWN', message: `Unexpected error: ${message}` }
}
