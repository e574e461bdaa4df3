/**
 * The order names are shown in: `Intl.Collator` with numeric digits, ignoring case ("file2" before
 * "File10"). Sorting a 100k-entry folder asks for millions of comparisons, and the collator's own are
 * slow, so a name made only of ASCII letters, digits, spaces and punctuation gets a key, made once,
 * whose plain string order is the collator's order; other names go to the collator. The key's ranks
 * are read from the collator itself when this module loads, and the shortcut is used only for a
 * language whose collation has no contractions over ASCII letters (Danish sorts "aa" after "z").
 */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Languages whose collation of ASCII is the root's (no contractions, a…z in order). */
const ROOT_LIKE = new Set(['en', 'und', 'fr', 'de', 'it', 'pt', 'nl', 'id', 'ms'])
const LONGEST_RUN = 40
/** Digit runs get a length mark between punctuation and letters; letters keep their lower-case code. */
const RUN_MARK = 0x30

/**
 * Each ASCII character's code in a key: a letter its lower-case code, a punctuation mark its rank (1…),
 * a digit 0 (digits are read as runs); -1 for what only the collator orders. Null when the collator does
 * not order ASCII the expected way.
 */
function asciiCodes(): Int16Array | null {
  const lang = collator.resolvedOptions().locale.split('-')[0] ?? ''
  if (!ROOT_LIKE.has(lang)) return null
  const marks = [...' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'].sort(collator.compare)
  const letters = [...'abcdefghijklmnopqrstuvwxyz']
  const strict = (xs: string[]): boolean => xs.every((x, i) => i === 0 || collator.compare(xs[i - 1]!, x) < 0)
  const fits =
    strict(marks) &&
    strict(letters) &&
    letters.every((l) => collator.compare(l, l.toUpperCase()) === 0) &&
    collator.compare(marks[marks.length - 1]!, '0') < 0 &&
    collator.compare('9', 'a') < 0 &&
    collator.compare('2', '10') < 0 &&
    collator.compare('01', '1') === 0
  if (!fits) return null
  const codes = new Int16Array(128).fill(-1)
  marks.forEach((m, i) => (codes[m.charCodeAt(0)] = i + 1))
  for (const l of letters) codes[l.charCodeAt(0)] = codes[l.toUpperCase().charCodeAt(0)] = l.charCodeAt(0)
  for (let d = 0x30; d <= 0x39; d++) codes[d] = 0
  return codes
}

const ascii = asciiCodes()

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

/** The key for `name`, or null when only the collator can order it. */
export function orderKey(name: string): string | null {
  if (!ascii) return null
  const key: number[] = []
  for (let i = 0; i < name.length;) {
    const c = name.charCodeAt(i)
    const code = c < 128 ? ascii[c]! : -1
    if (code < 0) return null
    if (code > 0) {
      key.push(code)
      i++
      continue
    }
    let end = i
    while (end < name.length && isDigit(name.charCodeAt(end))) end++
    // the collator reads a run of digits as its number: leading zeros do not count
    let from = i
    while (from < end - 1 && name.charCodeAt(from) === 0x30) from++
    if (end - from > LONGEST_RUN) return null
    key.push(RUN_MARK + end - from)
    for (let d = from; d < end; d++) key.push(name.charCodeAt(d))
    i = end
  }
  return String.fromCharCode(...key)
}

/** Keys by name; forgotten whole when a session has seen very many names. */
const keys = new Map<string, string | null>()
const KEPT_KEYS = 500_000

function keyOf(name: string): string | null {
  let key = keys.get(name)
  if (key === undefined) {
    if (keys.size >= KEPT_KEYS) keys.clear()
    key = orderKey(name)
    keys.set(name, key)
  }
  return key
}

const byKeys = (a: string, b: string, ka: string | null, kb: string | null): number =>
  ka === null || kb === null ? collator.compare(a, b) : ka < kb ? -1 : ka > kb ? 1 : 0

/** Exactly `collator.compare(a, b)`, made faster for plain names. */
export const compareNames = (a: string, b: string): number => byKeys(a, b, keyOf(a), keyOf(b))

/**
 * A row's key rides on the row itself, hidden (not enumerable, so copies, JSON and equality checks do
 * not see it): a sort reads it with each comparison, and a lookup by name would cost more than the key.
 */
const NAME_KEY = Symbol('name order key')
type Named = { readonly name: string; [NAME_KEY]?: string | null }

function rowKey(row: Named): string | null {
  let key = row[NAME_KEY]
  if (key === undefined) {
    key = orderKey(row.name)
    Object.defineProperty(row, NAME_KEY, { value: key })
  }
  return key
}

/** `compareNames` on two rows' names. */
export const compareRowNames = (a: Named, b: Named): number => byKeys(a.name, b.name, rowKey(a), rowKey(b))
