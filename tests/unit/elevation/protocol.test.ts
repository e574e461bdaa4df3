import { describe, expect, it } from 'vitest'

import { answer } from '../../../electron/elevation/helper'
import { absolutePathArg, describeOp, foldersOf, parseBatch, tokenOf } from '../../../electron/elevation/protocol'
import { LinkError } from '../../../shared/errors'

const code = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (e) {
    return e instanceof LinkError ? e.code : 'not a LinkError'
  }
  return undefined
}
const HASH_OF_SECRET = '2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b' // sha256("secret")

describe('the elevated protocol', () => {
  it.each(['rel/link', './link', 'link', '/a/../b', '/a/./b', '/a/b/', 'C:relative', '//x'])(
    'refuses a path that is not absolute and normalised: %j',
    (p) => {
      expect(code(() => absolutePathArg.check(p, 'path'))).toBe('INVALID_ARGUMENT')
    },
  )

  it.each(['/a/b', '/', 'C:\\a\\b', '\\\\server\\share\\x'])('accepts %j', (p) => {
    expect(absolutePathArg.check(p, 'path')).toBe(p)
  })

  it('refuses an operation that names an inherited key or a relative path', () => {
    const op = (extra: string) =>
      JSON.parse(
        `{"token":"t","ops":[{"op":"remove","path":"/a/l","seen":{"exists":false},"folders":[]${extra}}]}`,
      ) as unknown
    expect(code(() => parseBatch(op(',"constructor":1')))).toBe('INVALID_ARGUMENT')
    expect(code(() => parseBatch(op(',"__proto__":{"x":1}')))).toBe('INVALID_ARGUMENT')
    expect(
      code(() =>
        parseBatch(JSON.parse('{"token":"t","ops":[{"op":"remove","path":"l","seen":{"exists":false},"folders":[]}]}')),
      ),
    ).toBe('INVALID_ARGUMENT')
  })

  it('reads the token without looking at the rest, and only an own string token', () => {
    expect(tokenOf('{"token":"abc","ops":"nonsense"}').token).toBe('abc')
    expect(tokenOf('{"ops":[]}').token).toBeNull()
    expect(tokenOf('{"token":5}').token).toBeNull()
    expect(tokenOf('not json').token).toBeNull()
    expect(tokenOf('{"__proto__":{"token":"abc"}}').token).toBeNull()
  })

  it('checks the token before the batch: a wrong token with a malformed batch says only FORBIDDEN', () => {
    const reply = answer('{"token":"wrong","ops":[]}', { tokenSha256: HASH_OF_SECRET })
    expect(reply).toEqual({ refused: { code: 'FORBIDDEN', message: expect.stringContaining('token') } })
    expect(JSON.stringify(reply)).not.toMatch(/ops/)
  })

  it('with the right token, a malformed batch is described', () => {
    expect(answer('{"token":"secret","ops":[]}', { tokenSha256: HASH_OF_SECRET })).toEqual({
      refused: expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    })
  })

  it('names the folders each operation acts in, and pins only those that exist', () => {
    expect(foldersOf({ op: 'create', req: { type: 'hard', target: '/s/f', link: '/d/l' } })).toEqual(['/d', '/s'])
    expect(foldersOf({ op: 'create', req: { type: 'symbolic', target: '/s/f', link: '/d/l' } })).toEqual(['/d'])
    expect(foldersOf({ op: 'retarget', req: { path: '/d/l', target: '/x' } })).toEqual(['/d'])
    const look = (p: string) =>
      p === '/d' ? { exists: true as const, id: '1:2', kind: 'dir' } : { exists: false as const }
    expect(describeOp({ op: 'remove', path: '/d/l' }, look)).toEqual({
      op: 'remove',
      path: '/d/l',
      seen: { exists: false },
      folders: [{ path: '/d', id: '1:2' }],
    })
    expect(describeOp({ op: 'remove', path: '/e/l' }, look).folders).toEqual([])
  })
})
