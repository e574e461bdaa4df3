/** The pipe reader's line splitting: bytes first, decoding after, whatever the pieces. */
import { describe, expect, it } from 'vitest'

import { ByteLines } from '../../../electron/elevation/win32/byte-lines'

const lines = (pieces: Buffer[]): string[] => {
  const r = new ByteLines()
  const out: string[] = []
  for (const p of pieces) {
    r.push(p)
    for (let l = r.next(); l !== null; l = r.next()) out.push(l)
  }
  return out
}

describe('ByteLines', () => {
  it('keeps a character whose bytes are split between two reads (CJK: 3 bytes, Cyrillic: 2)', () => {
    const text = '文件-файл'
    const bytes = Buffer.from(`${text}\n`, 'utf8')
    // every possible cut, including inside each multi-byte character
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(lines([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([text])
    }
  })

  it('splits several lines in one piece and one line over many single-byte pieces', () => {
    expect(lines([Buffer.from('a\nб\n\nc', 'utf8'), Buffer.from('\n', 'utf8')])).toEqual(['a', 'б', '', 'c'])
    const one = Buffer.from('日本語のパス\n', 'utf8')
    expect(lines([...one].map((b) => Buffer.from([b])))).toEqual(['日本語のパス'])
  })

  it('counts the bytes waiting for a newline, and forgets them on clear()', () => {
    const r = new ByteLines()
    r.push(Buffer.from('ab\ncdé', 'utf8'))
    expect(r.next()).toBe('ab')
    expect(r.next()).toBeNull()
    expect(r.pending).toBe(4)
    r.clear()
    expect(r.pending).toBe(0)
    r.push(Buffer.from('x\n'))
    expect(r.next()).toBe('x')
  })
})
