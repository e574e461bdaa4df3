import { describe, expect, it } from 'vitest'

import { formatSize } from '../../../renderer/lib/format'

describe('formatSize', () => {
  it('writes binary multiples with their binary names, three significant figures', () => {
    expect(formatSize(0)).toBe('0 B')
    expect(formatSize(1023)).toBe('1023 B')
    expect(formatSize(1024)).toBe('1.0 KiB')
    expect(formatSize(1536)).toBe('1.5 KiB')
    expect(formatSize(300_000)).toBe('293 KiB')
    expect(formatSize(5.16 * 1024 ** 3)).toBe('5.2 GiB')
    expect(formatSize(3 * 1024 ** 4)).toBe('3.0 TiB')
    expect(formatSize(2048 * 1024 ** 4)).toBe('2048 TiB')
  })
})
