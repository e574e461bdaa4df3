import { describe, expect, it } from 'vitest'

import {
  candidateName,
  DROP_LABELS,
  freeName,
  MAX_NUMBERED,
  splitExtension,
} from '../../../electron/engine/ops/free-name'
import { TEMP_MARK, tempNameFor } from '../../../electron/engine/ops/retarget'

describe('drop names', () => {
  it('splits the last extension of a file, never of a folder or a dotfile', () => {
    expect(splitExtension('a.txt', false)).toEqual(['a', '.txt'])
    expect(splitExtension('archive.tar.gz', false)).toEqual(['archive.tar', '.gz'])
    expect(splitExtension('.bashrc', false)).toEqual(['.bashrc', ''])
    expect(splitExtension('.config.bak', false)).toEqual(['.config', '.bak'])
    expect(splitExtension('Makefile', false)).toEqual(['Makefile', ''])
    expect(splitExtension('my.folder', true)).toEqual(['my.folder', ''])
  })

  it('numbers as Link Shell Extension does', () => {
    expect([0, 1, 2, 3].map((n) => candidateName('a.txt', DROP_LABELS.hard, false, n))).toEqual([
      'a.txt',
      'a - Hard link.txt',
      'a - Hard link (2).txt',
      'a - Hard link (3).txt',
    ])
    expect(candidateName('docs', DROP_LABELS.junction, true, 2)).toBe('docs - Junction (2)')
    expect(candidateName('.bashrc', DROP_LABELS.symbolic, false, 1)).toBe('.bashrc - Symbolic link')
  })

  it('picks the first free candidate, and gives up with ALREADY_EXISTS past the last number', () => {
    const taken = new Set(['a.txt', 'a - Hard link.txt', 'a - Hard link (2).txt'])
    expect(freeName('a.txt', 'Hard link', false, (n) => taken.has(n))).toBe('a - Hard link (3).txt')
    expect(freeName('b.txt', 'Hard link', false, (n) => taken.has(n))).toBe('b.txt')
    let asked = 0
    expect(() =>
      freeName('a.txt', 'Hard link', false, () => {
        asked++
        return true
      }),
    ).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS' }))
    expect(asked).toBe(MAX_NUMBERED + 1)
  })
})

describe('retarget temporary names', () => {
  it('hide beside the link as ".name.linkscope-tmp-<random>", unique each time', () => {
    const a = tempNameFor('link')
    expect(a).toMatch(new RegExp(`^\\.link${TEMP_MARK.replace(/[.]/g, '\\.')}[0-9a-f]{12}$`))
    expect(tempNameFor('link')).not.toBe(a)
  })

  it('drop the name when it would pass 255 bytes', () => {
    expect(Buffer.byteLength(tempNameFor('é'.repeat(120)))).toBeLessThanOrEqual(255)
    expect(tempNameFor('é'.repeat(120))).toMatch(/^\.linkscope-tmp-[0-9a-f]{12}$/)
    expect(tempNameFor('x'.repeat(200))).toMatch(/^\.x{200}\.linkscope-tmp-[0-9a-f]{12}$/) // 228 bytes: kept
  })
})
