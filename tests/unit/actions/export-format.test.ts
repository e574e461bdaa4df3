import { describe, expect, it } from 'vitest'

import { csvCell, type ExportColumn, toCsv, toJson } from '../../../renderer/lib/export-format'
import { decodeNameBytes } from '../../../shared/names'

type Row = { name: string; size: number; note?: string | null }
const columns: ExportColumn<Row>[] = [
  { key: 'name', value: (r) => r.name, name: true },
  { key: 'size', value: (r) => r.size },
  { key: 'note', value: (r) => r.note },
]
/** A minimal RFC 4180 reader, to check that what toCsv writes reads back cell for cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  return rows
}

describe('CSV', () => {
  it('quotes cells with quotes, commas and line breaks, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"')
    expect(csvCell(12)).toBe('12')
    expect(csvCell(-3)).toBe('-3') // a number stays a number
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
  })

  it('defuses text that a spreadsheet would run as a formula', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR']) {
      const cell = csvCell(evil)
      const text = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell
      expect(text).toBe(`'${evil}`)
    }
    expect(csvCell('a=b')).toBe('a=b') // only a leading one is dangerous
  })

  it('reads back exactly, header first, CRLF records, a base64 column after each name column', () => {
    const rows: Row[] = [
      { name: 'report, final "v2"\n.txt', size: 10, note: '=cmd|x' },
      { name: 'plain.txt', size: 0, note: null },
    ]
    const text = toCsv(columns, rows)
    expect(text.endsWith('\r\n')).toBe(true)
    expect(parseCsv(text)).toEqual([
      ['name', 'name_base64', 'size', 'note'],
      ['report, final "v2"\n.txt', '', '10', "'=cmd|x"],
      ['plain.txt', '', '0', ''],
    ])
  })

  it('writes a name that is not UTF-8 as its escapes, with its exact bytes in base64', () => {
    const raw = decodeNameBytes(Uint8Array.from([0x61, 0xff, 0xfe, 0x5c]))
    const [, row] = parseCsv(toCsv(columns, [{ name: raw, size: 1 }]))
    expect(row![0]).toBe('a\\xFF\\xFE\\\\')
    expect(Buffer.from(row![1]!, 'base64')).toEqual(Buffer.from([0x61, 0xff, 0xfe, 0x5c]))
  })
})

describe('JSON', () => {
  it('is an array of objects by column key; absent values are null', () => {
    expect(JSON.parse(toJson(columns, [{ name: 'x', size: 2 }]))).toEqual([{ name: 'x', size: 2, note: null }])
  })

  it('gives a name that is not UTF-8 as escapes plus <key>Base64, and valid JSON text without lone surrogates', () => {
    const raw = decodeNameBytes(Uint8Array.from([0x62, 0x80]))
    const text = toJson(columns, [{ name: raw, size: 1 }])
    expect(text).not.toMatch(/[\uD800-\uDFFF]/u) // no lone surrogate reaches the file
    const [o] = JSON.parse(text) as Record<string, unknown>[]
    expect(o).toEqual({ name: 'b\\x80', nameBase64: Buffer.from([0x62, 0x80]).toString('base64'), size: 1, note: null })
  })
})
