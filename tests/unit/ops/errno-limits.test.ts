import { describe, expect, it } from 'vitest'

import { fromErrno, fsCall } from '../../../electron/engine/platform/posix/errno'
import { LinkError } from '../../../shared/errors'

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: boom`), { code })

// EMLINK is produced for real on ext4 in tests/integration/ops/create.test.ts; ENOTSUP needs a file
// system without links (FAT, some network shares), which this machine cannot mount.
describe('errno of link limits and link-less file systems', () => {
  it('maps EMLINK to TOO_MANY_LINKS, naming the path in plain words', () => {
    const e = fromErrno(errno('EMLINK'), '/data/f')
    expect(e).toMatchObject({ code: 'TOO_MANY_LINKS', path: '/data/f' })
    expect(e.message).toBe('/data/f already has as many hard links as the file system allows.')
  })

  it.each([['ENOTSUP'], ['EOPNOTSUPP']])('maps %s to UNSUPPORTED_FS', (code) => {
    const e = fromErrno(errno(code), '/mnt/fat/link')
    expect(e).toMatchObject({ code: 'UNSUPPORTED_FS', path: '/mnt/fat/link' })
    expect(e.message).toContain('does not support this kind of link')
  })

  it('turns a failing fs call into that LinkError (what createHardLink and createSymlink rely on)', () => {
    let thrown: unknown
    try {
      fsCall('/mnt/fat/link', () => {
        throw errno('ENOTSUP')
      })
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(LinkError)
    expect(thrown).toMatchObject({ code: 'UNSUPPORTED_FS', path: '/mnt/fat/link' })
    expect(fsCall('/x', () => 42)).toBe(42)
  })
})
