import { describe, expect, it } from 'vitest'

import { reasonFromErrno } from '../../../electron/engine/platform/status'

describe('why a link is broken, from the errno of following it', () => {
  it.each([
    ['ENOENT', 'missing'],
    ['ENOTDIR', 'through-file'],
    ['ELOOP', 'loop'],
    ['EACCES', 'denied'],
    ['EPERM', 'denied'],
    ['ENAMETOOLONG', 'missing'],
    [undefined, 'missing'],
  ] as const)('%s → %s', (code, reason) => {
    expect(reasonFromErrno(code)).toBe(reason)
  })
})
