/**
 * A stream batch as columns, for the WebSocket of browser mode: one array per field instead of one object
 * per item, so the keys are not repeated per item and a folder's full paths are sent as the folder once
 * plus each name. A 100k-entry folder is less than half the JSON it is as objects, and parses faster.
 * Lossless for what JSON carries anyway: plain objects whose values are JSON values (a field that is
 * `undefined` is absent, as JSON.stringify would make it). Electron's IPC carries the objects as they are.
 */

/**
 * One field over the batch: every item's value, or only some items have it (`at`, their positions), or
 * strings that share a prefix (`p`) followed by their own rest, or by a whole number written out (`num`:
 * an inode's id, which JSON parses faster as a number than as a short string), or by the value of an
 * earlier column (`of`, its index: a path is its folder plus its name), or a few distinct values by
 * their index, or one value every item has (`one`: a flag that is false throughout).
 */
export type Column =
  | { all: unknown[] }
  | { at: number[]; v: unknown[] }
  | { p: string; rest: string[] }
  | { p: string; num: number[] }
  | { p: string; of: number }
  | { dict: unknown[]; ix: number[] }
  | { one: unknown }

export type ColumnBatch = { n: number; keys: string[]; cols: Column[] }

/** A column is worth a dictionary when it has at most this many distinct values. */
const DICT_MAX = 16

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype

/**
 * The batch as columns, or null when an item is not a plain object (such a batch is sent as it is) or has
 * a `__proto__` field (which an assignment could not give back).
 */
export function toColumns(items: readonly unknown[]): ColumnBatch | null {
  // one pass over the items, each field pushed to its column; positions are kept only once a column
  // has missed an item (most fields are in every item)
  const byKey = new Map<string, { at: number[] | null; v: unknown[] }>()
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    if (!isPlainObject(item)) return null
    for (const k in item) {
      const v = item[k]
      if (v === undefined) continue
      let col = byKey.get(k)
      if (!col) {
        if (k === '__proto__') return null
        byKey.set(k, (col = { at: i === 0 ? null : [], v: [] }))
      }
      if (col.at === null && col.v.length !== i) col.at = col.v.map((_, at) => at)
      col.at?.push(i)
      col.v.push(v)
    }
  }
  const keys = [...byKey.keys()]
  const built = [...byKey.values()]
  // every item's value per field, or null when some items lack it
  const dense = built.map((c) => (c.at === null && c.v.length === items.length ? c.v : null))
  const cols = built.map((c, j): Column =>
    dense[j] ? plainColumn(c.v) : { at: c.at ?? c.v.map((_, at) => at), v: c.v },
  )
  derivePrefixed(cols, dense)
  return { n: items.length, keys, cols }
}

function plainColumn(values: unknown[]): Column {
  const first = values[0]
  // an object would come back as one object shared by every item
  if (values.length > 1 && (typeof first !== 'object' || first === null) && values.every((v) => v === first))
    return { one: first }
  // numbers and booleans are short in JSON already; a dictionary pays for strings (kinds, states)
  for (const v of values) if (typeof v !== 'string') return { all: values }
  const strings = values as string[]
  const p = commonPrefix(strings)
  if (p) {
    const rest = strings.map((s) => s.slice(p.length))
    return rest.every((r) => WHOLE_NUMBER.test(r)) ? { p, num: rest.map(Number) } : { p, rest }
  }
  return dictionary(strings) ?? { all: strings }
}

/** A rest that a number gives back exactly: no sign, no leading zero, within a double's exact integers. */
const WHOLE_NUMBER = /^(?:0|[1-9][0-9]{0,14})$/

/**
 * A prefixed column whose every rest is another column's value is sent as that prefix and the other
 * column's index. Only a column nothing is derived from may be derived, and only from a column that is
 * not derived itself, so the decoder needs no order.
 */
function derivePrefixed(cols: Column[], dense: readonly (unknown[] | null)[]): void {
  const targets = new Set<number>()
  cols.forEach((col, c) => {
    if (!('rest' in col) || targets.has(c)) return
    const j = dense.findIndex(
      (other, k) =>
        k !== c &&
        other !== null &&
        !('of' in cols[k]!) &&
        other.every((o, i) => typeof o === 'string' && col.rest[i] === o),
    )
    if (j < 0) return
    cols[c] = { p: col.p, of: j }
    targets.add(j)
  })
}

function dictionary(values: readonly string[]): Column | null {
  const index = new Map<string, number>()
  const ix: number[] = []
  for (const v of values) {
    let at = index.get(v)
    if (at === undefined) {
      if (index.size === DICT_MAX) return null
      at = index.size
      index.set(v, at)
    }
    ix.push(at)
  }
  return { dict: [...index.keys()], ix }
}

function commonPrefix(strings: readonly string[]): string {
  if (strings.length < 2) return ''
  let p = strings[0]!
  for (const s of strings) {
    if (s.startsWith(p)) continue
    let k = 0
    while (k < p.length && k < s.length && p.charCodeAt(k) === s.charCodeAt(k)) k++
    if (k < p.length) p = p.slice(0, k)
    if (!p) break
  }
  // never split a surrogate pair between the prefix and the rest
  const last = p.charCodeAt(p.length - 1)
  return last >= 0xd800 && last <= 0xdbff ? p.slice(0, -1) : p
}

/** Marks an item that has no value in a sparse column. */
const ABSENT = Symbol('absent')

/** The items back, one object each, with every field the batch had for it. */
export function fromColumns(batch: ColumnBatch): Record<string, unknown>[] {
  const { n, keys, cols } = batch
  const plain = cols.map((col) => ('of' in col ? [] : expand(col, n)))
  const values = cols.map((col, j) => ('of' in col ? plain[col.of]!.map((s) => col.p + (s as string)) : plain[j]!))
  const rows: Record<string, unknown>[] = []
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {}
    for (let j = 0; j < keys.length; j++) {
      const v = values[j]![i]
      if (v !== ABSENT) row[keys[j]!] = v
    }
    rows.push(row)
  }
  return rows
}

function expand(col: Exclude<Column, { of: number }>, n: number): unknown[] {
  if ('all' in col) return col.all
  if ('dict' in col) return col.ix.map((i) => col.dict[i])
  if ('rest' in col) return col.rest.map((s) => col.p + s)
  if ('num' in col) return col.num.map((x) => col.p + String(x))
  const out: unknown[] = []
  if ('one' in col) {
    for (let i = 0; i < n; i++) out.push(col.one)
    return out
  }
  for (let i = 0; i < n; i++) out.push(ABSENT)
  col.at.forEach((i, k) => (out[i] = col.v[k]))
  return out
}

/** A stream batch as browser mode's socket message: columns when the items allow, else the items as they are. */
export function batchMessage(jobId: string, items: readonly unknown[]): string {
  const columns = toColumns(items)
  return JSON.stringify(columns ? { type: 'columns', jobId, columns } : { type: 'items', jobId, items })
}
