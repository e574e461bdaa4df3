/**
 * Tiny argument validators for the IPC boundary. Main and browser mode treat every argument from the
 * renderer as untrusted: each channel declares one validator per argument and nothing reaches a
 * handler unchecked. A failure throws LinkError('INVALID_ARGUMENT').
 */
import { LinkError } from '../errors'

export type Validator<T> = { readonly describe: string; check(value: unknown, name: string): T }

const fail = (name: string, expected: string, value: unknown): never => {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value
  throw new LinkError('INVALID_ARGUMENT', `${name} must be ${expected} (got ${got}).`)
}

const v = <T>(describe: string, check: (value: unknown, name: string) => T): Validator<T> => ({ describe, check })

/** Longest path Windows accepts with the \\?\ prefix; nothing longer is a path anywhere. */
export const MAX_PATH_CHARS = 32767

export const str = (max = 4096): Validator<string> =>
  v(`a string of at most ${max} characters`, (value, name) => {
    if (typeof value !== 'string' || value.length > max) fail(name, `a string of at most ${max} characters`, value)
    return value as string
  })

/** A non-empty path string without NUL characters. Whether it exists is the engine's business. */
export const pathArg: Validator<string> = v('a path', (value, name) => {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PATH_CHARS || value.includes('\0')) {
    fail(name, 'a non-empty path without NUL characters', value)
  }
  return value as string
})

export const bool: Validator<boolean> = v('true or false', (value, name) =>
  typeof value === 'boolean' ? value : fail(name, 'true or false', value),
)

export const oneOf = <const T extends readonly string[]>(options: T): Validator<T[number]> =>
  v(`one of ${options.join(', ')}`, (value, name) =>
    typeof value === 'string' && options.includes(value)
      ? (value as T[number])
      : fail(name, `one of ${options.join(', ')}`, value),
  )

/** Absent, or valid. JSON has no undefined (an array slot becomes null on the wire), so null is absent too. */
export const optional = <T>(inner: Validator<T>): Validator<T | undefined> =>
  v(`${inner.describe} or nothing`, (value, name) =>
    value === undefined || value === null ? undefined : inner.check(value, name),
  )

export const arrayOf = <T>(item: Validator<T>, max: number, min = 1): Validator<T[]> =>
  v(`a list of ${min} to ${max} items`, (value, name) => {
    if (!Array.isArray(value) || value.length > max || value.length < min)
      fail(name, `a list of ${min} to ${max} items`, value)
    return (value as unknown[]).map((x, i) => item.check(x, `${name}[${i}]`))
  })

type Shape = Record<string, Validator<unknown>>
type FromShape<S extends Shape> = { [K in keyof S]: S[K] extends Validator<infer T> ? T : never }

/**
 * A plain object with exactly these keys: unknown keys are refused (so typos do not pass silently), and
 * so are inherited names such as `__proto__`, `constructor` or `toString`. The result has no prototype,
 * so nothing a sender writes can reach Object.prototype.
 */
export const obj = <S extends Shape>(shape: S): Validator<FromShape<S>> =>
  v('an object', (value, name) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(name, 'an object', value)
    const input = value as Record<string, unknown>
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(shape, key))
        throw new LinkError('INVALID_ARGUMENT', `${name} has an unknown field "${key.slice(0, 40)}".`)
    }
    const out = Object.create(null) as Record<string, unknown>
    for (const [key, check] of Object.entries(shape)) {
      const checked = check.check(input[key], `${name}.${key}`)
      if (checked !== undefined) out[key] = checked
    }
    return out as FromShape<S>
  })

type Checked<V extends Record<string, Validator<unknown>>> = {
  [K in keyof V]: V[K] extends Validator<infer T> ? T : never
}[keyof V]

/**
 * One of several object shapes, told apart by a string field (`op`, `type`…). A value whose field names
 * no shape goes to `unknownTag` (with the value's name), which throws the error that fits the caller.
 */
export const tagged = <V extends Record<string, Validator<unknown>>>(
  key: string,
  variants: V,
  unknownTag: (tag: unknown, name: string) => never,
): Validator<Checked<V>> =>
  v(`an object whose ${key} is one of ${Object.keys(variants).join(', ')}`, (value, name) => {
    const tag = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
    const variant = typeof tag === 'string' && Object.hasOwn(variants, tag) ? variants[tag] : undefined
    return variant ? (variant.check(value, name) as Checked<V>) : unknownTag(tag, name)
  })

/** A whole number from 0 to Number.MAX_SAFE_INTEGER (a size in bytes, a count). */
export const count: Validator<number> = v('a whole number of 0 or more', (value, name) =>
  Number.isSafeInteger(value) && (value as number) >= 0
    ? (value as number)
    : fail(name, 'a whole number of 0 or more', value),
)
