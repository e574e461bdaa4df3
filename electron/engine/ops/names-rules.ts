/**
 * Which names and paths a new entry may have, checked before anything touches the disk. POSIX rules
 * here; Windows adds its own (reserved device names, trailing dots, `<>:"|?*`) through the Win32
 * codec, because Linkscope passes `\\?\` paths there and Windows would not catch them itself.
 */
import { LinkError } from '../../../shared/errors'
import { nameByteLength } from '../../../shared/names'
import { platform } from '../platform'
import { validateWindowsName } from '../platform'

/** NAME_MAX on Linux and macOS, in bytes; NTFS counts UTF-16 units. */
export const MAX_NAME = 255
/** PATH_MAX is 4096 bytes including the terminating NUL. */
export const MAX_POSIX_PATH_BYTES = 4095
/** The longest `\\?\` path Windows accepts, in UTF-16 units. */
export const MAX_WIN32_PATH_CHARS = 32767

/** A name's size as the file system counts it. */
const nameSize = (name: string, kind: 'posix' | 'win32'): number =>
  kind === 'win32' ? name.length : nameByteLength(name)

function validatePosixName(name: string): void {
  const bad = (why: string): never => {
    throw new LinkError('INVALID_NAME', `"${name}" cannot be used as a name: ${why}.`)
  }
  if (name.length === 0) bad('it is empty')
  if (name === '.' || name === '..') bad('it names a folder, not an entry')
  if (name.includes('\0')) bad('it contains a NUL character')
  if (name.includes('/')) bad('it contains "/", which separates folders')
}

/** Throw INVALID_NAME or PATH_TOO_LONG (with `path` when given) unless `name` can be a new entry's name. */
export function validateName(name: string, path?: string, kind: 'posix' | 'win32' = platform().kind): void {
  const size = nameSize(name, kind)
  try {
    if (size > MAX_NAME) {
      const unit = kind === 'win32' ? 'characters' : 'bytes'
      throw new LinkError('PATH_TOO_LONG', `The name is too long: ${size} ${unit}, the limit is ${MAX_NAME}.`)
    }
    if (kind === 'win32') validateWindowsName(name)
    else validatePosixName(name)
  } catch (e) {
    if (e instanceof LinkError && path !== undefined && e.path === undefined)
      throw new LinkError(e.code, e.message, path)
    throw e
  }
}

/** Throw INVALID_NAME for a NUL anywhere, PATH_TOO_LONG past the platform's path limit. */
export function validatePathText(path: string, kind: 'posix' | 'win32' = platform().kind): void {
  if (path.includes('\0'))
    throw new LinkError('INVALID_NAME', 'The path contains a NUL character, which no file system allows.', path)
  const size = kind === 'win32' ? path.length : nameByteLength(path)
  const limit = kind === 'win32' ? MAX_WIN32_PATH_CHARS : MAX_POSIX_PATH_BYTES
  if (size > limit) {
    const unit = kind === 'win32' ? 'characters' : 'bytes'
    throw new LinkError('PATH_TOO_LONG', `The path is too long: ${size} ${unit}, the limit is ${limit}.`, path)
  }
}
