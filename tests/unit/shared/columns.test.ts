import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { listBatches } from '../../../electron/engine/listing/list'
import { type ColumnBatch, fromColumns, toColumns } from '../../../shared/ipc/columns'

/** What the socket does: columns to JSON text and back. */
const overTheWire = (items: unknown[]): Record<string, unknown>[] => {
  const batch = toColumns(items)
  if (!batch) throw new Error('not sent as columns')
  return fromColumns(JSON.parse(JSON.stringify(batch)) as ColumnBatch)
}

/** What the objects themselves become as JSON (the wire form before columns). */
const asJson = (items: unknown[]): unknown => JSON.parse(JSON.stringify(items))

describe('stream batches as columns', () => {
  let dir: string
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-columns-'))
    for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(dir, `file-${i}.dat`), 'x'.repeat(i % 7))
    fs.linkSync(path.join(dir, 'file-1.dat'), path.join(dir, 'hard-1.dat'))
    fs.symlinkSync('file-2.dat', path.join(dir, 'link-ok'))
    fs.symlinkSync('gone', path.join(dir, 'link-dangling'))
    fs.symlinkSync('link-loop', path.join(dir, 'link-loop'))
    fs.mkdirSync(path.join(dir, 'sub folder é'))
    fs.writeFileSync(path.join(dir, 'naïve 😀.txt'), '')
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('gives back a real folder listing exactly, batch by batch, in less than half the JSON', () => {
    let objects = 0,
      columns = 0,
      seen = 0
    for (const batch of listBatches(dir, 64, 16)) {
      expect(overTheWire(batch)).toStrictEqual(asJson(batch))
      objects += JSON.stringify(batch).length
      columns += JSON.stringify(toColumns(batch)).length
      seen += batch.length
    }
    expect(seen).toBe(fs.readdirSync(dir).length)
    expect(columns).toBeLessThan(objects / 2)
  })

  it('sends a path as its folder and the name column', () => {
    const batch = [...listBatches(dir, 1000)][0]!
    const b = toColumns(batch)!
    const pathCol = b.cols[b.keys.indexOf('path')]!
    expect(pathCol).toEqual({ p: dir + path.sep, of: b.keys.indexOf('name') })
  })

  it('keeps fields only some items have, nulls, nested values and a field that is undefined as absent', () => {
    const items = [
      { a: 1, b: 'x', c: null, d: undefined },
      { a: 2, e: [1, { f: 'g' }], c: 'y' },
      { b: 'prefix-one', a: -0.5, d: true },
      { b: 'prefix-two', a: 1e300 },
    ]
    expect(overTheWire(items)).toStrictEqual(asJson(items))
  })

  it('keeps strings whose shared prefix ends inside a surrogate pair, and one string column that is another plus a prefix', () => {
    const items = [
      { s: '😀a', t: 'q/😀a', u: 'same' },
      { s: '😃b', t: 'q/😃b', u: 'same' },
    ]
    const b = toColumns(items)!
    expect(b.cols[1]).toEqual({ p: 'q/', of: 0 })
    expect(overTheWire(items)).toStrictEqual(items)
  })

  it('sends one value every item has once, and ids of whole numbers as numbers, giving back the same strings', () => {
    const items = [
      { id: '7:12', flag: false, n: 1, s: 'same', o: { x: 1 } },
      { id: '7:0', flag: false, n: 1, s: 'same', o: { x: 1 } },
      { id: '7:999999999999999', flag: false, n: 1, s: 'same', o: { x: 1 } },
    ]
    const b = toColumns(items)!
    expect(b.cols).toEqual([
      { p: '7:', num: [12, 0, 999999999999999] },
      { one: false },
      { one: 1 },
      { one: 'same' },
      { all: [{ x: 1 }, { x: 1 }, { x: 1 }] }, // an object is never shared by the items it comes back to
    ])
    expect(overTheWire(items)).toStrictEqual(items)
  })

  it('keeps as strings the rests a number would change: leading zeros, signs, past a double’s exact integers', () => {
    for (const odd of ['007', '-3', '+3', '1e3', '1.5', '9999999999999999', ' 1', '']) {
      const items = [
        { id: 'd:1', k: 'a' },
        { id: `d:${odd}`, k: 'b' },
      ]
      const b = toColumns(items)!
      expect(b.cols[0]).not.toHaveProperty('num')
      expect(overTheWire(items)).toStrictEqual(items)
    }
  })

  it('derives no column from a derived one (the decoder needs no order)', () => {
    const items = [
      { a: 'x', b: 'px', c: 'qpx' },
      { a: 'y', b: 'py', c: 'qpy' },
    ]
    const b = toColumns(items)!
    for (const col of b.cols) if ('of' in col) expect('of' in b.cols[col.of]!).toBe(false)
    expect(overTheWire(items)).toStrictEqual(items)
  })

  it('leaves a batch that is not plain objects, or has a __proto__ field, to be sent as it is', () => {
    expect(toColumns([1, 2])).toBeNull()
    expect(toColumns([{ a: 1 }, ['x']])).toBeNull()
    expect(toColumns([{ a: 1 }, null])).toBeNull()
    expect(toColumns([new Date(0)])).toBeNull()
    expect(toColumns([JSON.parse('{"__proto__": {"x": 1}}')])).toBeNull()
    expect(toColumns([])).toEqual({ n: 0, keys: [], cols: [] })
    expect(fromColumns({ n: 0, keys: [], cols: [] })).toEqual([])
  })
})
