import { describe, expect, it } from 'vitest'

import { LinkError } from '../../../shared/errors'
import { bool, obj, optional, pathArg, str } from '../../../shared/ipc/validate'

const code = (fn: () => unknown): string | undefined => {
  try {
    fn()
  } catch (e) {
    return e instanceof LinkError ? e.code : 'not a LinkError'
  }
  return undefined
}

const shape = obj({ path: pathArg, relative: optional(bool), note: optional(str(10)) })

describe('obj(): exactly the declared keys', () => {
  it('accepts the declared keys and leaves out absent optional ones', () => {
    expect(shape.check({ path: '/a', relative: true }, 'req')).toEqual({ path: '/a', relative: true })
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])(
    'refuses an inherited name as a key: %s',
    (key) => {
      // JSON.parse makes each of these an own property, as a request off the wire would have it.
      const value = JSON.parse(`{"path":"/a",${JSON.stringify(key)}:{"relative":true}}`) as unknown
      expect(code(() => shape.check(value, 'req'))).toBe('INVALID_ARGUMENT')
    },
  )

  it('refuses an unknown key, naming it', () => {
    expect(() => shape.check({ path: '/a', extra: 1 }, 'req')).toThrow(/unknown field "extra"/)
  })

  it('builds a result without a prototype, so nothing sent can reach Object.prototype', () => {
    const out = shape.check({ path: '/a' }, 'req')
    expect(Object.getPrototypeOf(out)).toBeNull()
    expect(JSON.stringify(out)).toBe('{"path":"/a"}')
  })

  it.each([null, [], 'x', 3])('refuses %j as an object', (value) => {
    expect(code(() => shape.check(value, 'req'))).toBe('INVALID_ARGUMENT')
  })
})

describe('pathArg', () => {
  it.each(['', 'a\0b', 'x'.repeat(32768)])('refuses %j', (value) => {
    expect(code(() => pathArg.check(value, 'p'))).toBe('INVALID_ARGUMENT')
  })
})
