// The compare command writes its records by hand for speed: each line must be the one jsonLine writes.
import { describe, expect, it } from 'vitest'

import { compareLine } from '../../../electron/cli/commands/compare-line'
import { jsonLine } from '../../../electron/cli/json-line'
import type { CompareRecord } from '../../../electron/engine/tree'

const records: CompareRecord[] = [
  { path: 'a.txt', state: 'same-file', size: 0, kind: 'file' },
  { path: 'sub/b "quoted"\\ name\n\t', state: 'same-content', size: 123456789012, kind: 'file' },
  { path: 'ünïcode/名前/😀', state: 'differs', size: 7, kind: 'file', grouping: 'differs' },
  { path: 'link', state: 'link-differs', size: 0, kind: 'symlink' },
  { path: 'dir', state: 'only-a', size: 0, kind: 'dir' },
  { path: 'fifo\u0001\u007f', state: 'only-b', size: 0, kind: 'other' },
  { path: 'raw-\udcff\udcfe', state: 'same-content', size: 9, kind: 'file' }, // bytes that are not UTF-8
  { path: 'lone-\ud800', state: 'differs', size: 1, kind: 'file', grouping: 'differs' },
  { path: 'sep\u2028\u2029~\u007f', state: 'same-file', size: 2, kind: 'file' }, // plain: quoted as it is
]

describe('compareLine', () => {
  it.each(records.map((r) => [r.path, r] as const))('writes %j as jsonLine does', (_, r) => {
    expect(compareLine(r) + '\n').toBe(jsonLine(r))
  })

  it('keeps the raw bytes of a name beside it, as jsonLine does', () => {
    expect(JSON.parse(compareLine(records[6] as CompareRecord))).toHaveProperty('pathBase64')
  })
})
