import { describe, expect, it } from 'vitest'

import { fromErrno } from '../../../electron/engine/platform/posix/errno'
import { statusFromErrno } from '../../../electron/engine/platform/status'
import { LinkError } from '../../../shared/errors'

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: boom`), { code })

describe('errno → AppError at the POSIX edge', () => {
  it.each([
    ['ENOENT', 'NOT_FOUND'],
    ['ENOTDIR', 'NOT_A_DIRECTORY'],
    ['EACCES', 'ACCESS_DENIED'],
    ['EPERM', 'ACCESS_DENIED'],
    ['EROFS', 'ACCESS_DENIED'],
    ['EXDEV', 'CROSS_DEVICE'],
    ['EEXIST', 'ALREADY_EXISTS'],
    ['EISDIR', 'IS_DIRECTORY'],
    ['EMLINK', 'TOO_MANY_LINKS'],
    ['ENAMETOOLONG', 'PATH_TOO_LONG'],
    ['ENOTSUP', 'UNSUPPORTED_FS'],
    ['EOPNOTSUPP', 'UNSUPPORTED_FS'],
    ['EINVAL', 'INVALID_ARGUMENT'],
  ])('%s → %s, naming the path in plain words', (code, expected) => {
    const e = fromErrno(errno(code), '/data/x')
    expect(e).toBeInstanceOf(LinkError)
    expect(e.code).toBe(expected)
    expect(e.path).toBe('/data/x')
    expect(e.message).toContain('/data/x')
    expect(e.message).not.toContain(code) // no errno jargon for people
  })

  it('keeps unknown errors as UNKNOWN with the detail, and passes LinkErrors through', () => {
    expect(fromErrno(errno('EWEIRD'), '/p').code).toBe('UNKNOWN')
    const own = new LinkError('LAST_NAME', 'only name')
    expect(fromErrno(own, '/p')).toBe(own)
  })

  it('classifies link targets from the errno of following them', () => {
    expect(statusFromErrno(undefined)).toBe('ok')
    expect(statusFromErrno('ENOENT')).toBe('broken')
    expect(statusFromErrno('ENOTDIR')).toBe('broken')
    expect(statusFromErrno('ELOOP')).toBe('loop')
    expect(statusFromErrno('EACCES')).toBe('denied')
  })
})
