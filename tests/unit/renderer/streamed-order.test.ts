// The folder list's speed comes from doing less, and this guards how much less without timing anything:
// names ordered by keys that agree with the collator on every pair, a batch merged with about
// `batch × log(list / batch)` comparisons, and a stream that merges per batch but redraws per interval.
import { afterEach, describe, expect, it, vi } from 'vitest'

import { comparatorFor, DEFAULT_SORT, sortEntries, sortKeyFor } from '../../../renderer/lib/entries'
import { compareNames, compareRowNames, orderKey } from '../../../renderer/lib/name-order'
import { mergeSorted } from '../../../renderer/lib/sorted'
import { sortedStream } from '../../../renderer/stores/lists/sorted-stream'
import type { LinkEntry } from '../../../shared/types/link'

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })
const sign = (n: number): number => Math.sign(n)

/** A small seeded generator, so a failure names the same strings every run. */
function randomFrom(seed: number) {
  let x = seed
  return (n: number): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    return x % n
  }
}

describe('compareNames', () => {
  it('agrees with the collator on every pair of plain, odd and non-ASCII names', () => {
    const pick = randomFrom(7)
    const alphabet = 'aAbBzZ0019 -_.~!()[]{}#$%&+,;=@^`\'"/\\é中\u00a0'
    const names = Array.from({ length: 400 }, () =>
      Array.from({ length: 1 + pick(9) }, () => alphabet[pick(alphabet.length)]).join(''),
    )
    names.push('file2', 'File10', 'file010', 'file0', 'file', 'file00', 'a' + '9'.repeat(45), 'a' + '9'.repeat(44))
    let pairs = 0
    for (const a of names)
      for (const b of names) {
        pairs++
        if (sign(compareNames(a, b)) !== sign(collator.compare(a, b)))
          expect([a, b, compareNames(a, b)]).toEqual([a, b, collator.compare(a, b)])
      }
    expect(pairs).toBe(names.length ** 2)
  })

  it('keys plain names and leaves the rest to the collator', () => {
    expect(orderKey('File-10.dat')).not.toBeNull()
    expect(orderKey('café')).toBeNull()
    expect(orderKey('x\u0000')).toBeNull()
  })
})

describe('compareRowNames', () => {
  it('orders rows as their names, and the key it keeps on a row is seen by no copy, JSON or equality', () => {
    const a = { name: 'file10' }
    const b = { name: 'File9' }
    expect(compareRowNames(a, b)).toBe(1)
    expect(Object.keys(a)).toEqual(['name'])
    expect(JSON.stringify(a)).toBe('{"name":"file10"}')
    expect(a).toEqual({ name: 'file10' })
    // a renamed copy is ordered by its new name, not by the key its source kept
    expect(compareRowNames({ ...a, name: 'file1' }, b)).toBe(-1)
  })
})

describe('mergeSorted', () => {
  it('places a small batch with far fewer comparisons than the list has rows, in the order a full sort gives', () => {
    const pick = randomFrom(3)
    const all = Array.from({ length: 20_000 }, () => pick(1_000_000))
    let compares = 0
    const order = (a: number, b: number): number => (compares++, a - b)
    const list = all.slice(0, 19_900).sort((a, b) => a - b)
    const merged = mergeSorted(list, all.slice(19_900), order)
    expect(merged).toEqual([...all].sort((a, b) => a - b))
    // 100 rows into 19,900: sorting them (~700) plus galloping (~2 × 100 × log2(200) ≈ 1,600), not 20,000
    expect(compares).toBeLessThan(3_000)
  })
})

describe('sortedStream', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('merges every batch as it comes, shows the first at once and the rest once per interval, in full-sort order', () => {
    vi.useFakeTimers()
    const pick = randomFrom(11)
    const items = Array.from({ length: 5_000 }, () => pick(100_000))
    const shows: { all: number[]; added: number }[] = []
    let sorts = 0
    const stream = sortedStream<number>(
      () => ({ key: 'asc', order: (a, b) => a - b }),
      (all, added) => shows.push({ all, added: added.length }),
      100,
    )
    const realSort = Array.prototype.sort
    const spy = vi.spyOn(Array.prototype, 'sort').mockImplementation(function (this: unknown[], f) {
      if (this.length > 500) sorts++
      return realSort.call(this, f)
    })
    for (let i = 0; i < items.length; i += 250) stream.push(items.slice(i, i + 250))
    spy.mockRestore()
    // 20 batches: the first shown at once, the other 19 waiting for one show; nothing sorted whole
    expect(shows.map((s) => s.added)).toEqual([250])
    expect(sorts).toBe(0)
    vi.advanceTimersByTime(100)
    expect(shows.map((s) => s.added)).toEqual([250, 4_750])
    expect(shows[1]!.all).toEqual([...items].sort((a, b) => a - b))
  })

  it('sorts what it holds once when the order changes, and shows nothing after stop', () => {
    vi.useFakeTimers()
    let key = 'asc'
    const shows: number[][] = []
    const stream = sortedStream<number>(
      () => ({ key, order: key === 'asc' ? (a, b) => a - b : (a, b) => b - a }),
      (all) => shows.push(all),
      100,
    )
    stream.push([3, 1, 2])
    key = 'desc'
    stream.push([5, 4])
    stream.flush()
    expect(shows).toEqual([
      [1, 2, 3],
      [5, 4, 3, 2, 1],
    ])
    stream.push([0])
    stream.stop()
    vi.advanceTimersByTime(500)
    expect(shows).toHaveLength(2)
  })

  it('orders a folder by kept name keys exactly as the full sort does, and by the comparator once a name has no key', () => {
    vi.useFakeTimers()
    const pick = randomFrom(5)
    const kinds = ['file', 'dir', 'symlink'] as const
    const alphabet = 'aAbZ09 -_.~'
    const entry = (name: string): LinkEntry => {
      const kind = kinds[pick(3)]!
      return {
        path: `/d/${name}`,
        name,
        kind,
        links: 1,
        id: `1:${name}`,
        status: kind === 'symlink' ? 'ok' : 'n/a',
        size: 0,
        mtimeMs: 0,
        hidden: false,
        readonly: false,
        ...(kind === 'symlink' ? { target: 'x', targetKind: pick(2) ? ('dir' as const) : ('file' as const) } : {}),
      }
    }
    const names = new Set<string>()
    while (names.size < 3_000)
      names.add(Array.from({ length: 1 + pick(8) }, () => alphabet[pick(alphabet.length)]).join(''))
    const rows = [...names].map(entry)
    for (const foldersFirst of [true, false]) {
      const sort = { ...DEFAULT_SORT, foldersFirst }
      let compares = 0
      const order = comparatorFor(sort)
      const counted = (a: LinkEntry, b: LinkEntry): number => (compares++, order(a, b))
      const expected = sortEntries(rows, sort).map((e) => e.name)
      const shown = (batches: LinkEntry[][]): string[] => {
        let last: LinkEntry[] = []
        const stream = sortedStream<LinkEntry>(
          () => ({ key: sort, order: counted, sortKey: sortKeyFor(sort) }),
          (all) => (last = all),
          100,
        )
        for (const b of batches) stream.push(b)
        stream.flush()
        return last.map((e) => e.name)
      }
      const batches = Array.from({ length: 15 }, (_, i) => rows.slice(i * 200, i * 200 + 200))
      expect(shown(batches)).toEqual(expected)
      // keys only: the comparator was never called
      expect(compares).toBe(0)
      // a name only the collator orders, mid-stream: from there on the comparator places every row
      const odd = entry('zé')
      batches.splice(7, 0, [odd])
      expect(shown(batches)).toEqual(sortEntries([...rows, odd], sort).map((e) => e.name))
      expect(compares).toBeGreaterThan(0)
    }
  })
})
