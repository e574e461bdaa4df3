import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { checkedExportName, saveExport } from '../../../electron/main/save-file'
import { loadWindowState, parseWindowState, saveWindowState, visibleBounds } from '../../../electron/main/window-state'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-winstate-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))
const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }]

describe('the remembered window', () => {
  it('round-trips through its file; a missing or damaged file reads as nothing', () => {
    const state = { bounds: { x: 40, y: 30, width: 1000, height: 700 }, maximized: true }
    saveWindowState(path.join(tmp, 'cfg'), state)
    expect(loadWindowState(path.join(tmp, 'cfg'))).toEqual(state)
    expect(loadWindowState(path.join(tmp, 'none'))).toBeUndefined()
    for (const bad of [
      '',
      '{',
      '[]',
      '{"bounds":{"x":"1","y":0,"width":1,"height":1},"maximized":false}',
      '{"bounds":{"x":0,"y":0,"width":1,"height":1}}',
      '{"bounds":{"x":1e9,"y":0,"width":1,"height":1},"maximized":false}',
    ]) {
      expect(parseWindowState(bad)).toBeUndefined()
    }
  })

  it('comes back where it was when a display shows its title bar, at least the minimum size', () => {
    expect(visibleBounds({ x: 100, y: 50, width: 1000, height: 700 }, screen)).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
    })
    expect(visibleBounds({ x: 100, y: 50, width: 10, height: 10 }, screen)).toEqual({
      x: 100,
      y: 50,
      width: 720,
      height: 420,
    })
  })

  it('falls back (undefined) when its place is on a display that is gone, or its title bar is off-screen', () => {
    expect(visibleBounds({ x: 2500, y: 50, width: 1000, height: 700 }, screen)).toBeUndefined()
    expect(visibleBounds({ x: 100, y: -200, width: 1000, height: 700 }, screen)).toBeUndefined()
    expect(visibleBounds({ x: 100, y: 1030, width: 1000, height: 700 }, screen)).toBeUndefined()
  })
})

describe('saving an export (desktop)', () => {
  it('takes only a plain .csv or .json name', () => {
    expect(checkedExportName('list.csv')).toBe('list.csv')
    for (const bad of [
      '../evil.csv',
      'a/b.csv',
      'C:\\x.json',
      'x.exe',
      'x.csv.lnk',
      '.csv',
      'a\nb.csv',
      'x'.repeat(201) + '.csv',
    ]) {
      expect(() => checkedExportName(bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    }
  })

  it('writes only where the dialog answered; a cancelled dialog writes nothing', async () => {
    const asked: string[] = []
    const chosen = path.join(tmp, 'chosen.csv')
    expect(
      await saveExport('list.csv', 'a,b\r\n', '/downloads', async (def, ext) => {
        asked.push(def, ext)
        return chosen
      }),
    ).toBe(chosen)
    expect(asked).toEqual([path.join('/downloads', 'list.csv'), 'csv'])
    expect(fs.readFileSync(chosen, 'utf8')).toBe('a,b\r\n')
    expect(await saveExport('list.json', '[]', tmp, async () => undefined)).toBeNull()
    expect(fs.existsSync(path.join(tmp, 'list.json'))).toBe(false)
  })
})
