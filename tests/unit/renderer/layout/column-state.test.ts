import { describe, expect, it } from 'vitest'

import {
  columnsToDrop,
  fullOrder,
  gridTemplate,
  loadPrefs,
  moveBefore,
  moveColumn,
  savePrefs,
} from '../../../../renderer/components/column-state'
import { fitPanelWidth, loadPanel, PANEL_MIN, savePanel } from '../../../../renderer/components/panel-state'

/** A Storage as the page has it, in memory. */
function memoryStorage(): Storage {
  const m = new Map<string, string>()
  return {
    get length() {
      return m.size
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => {
      m.delete(k)
    },
    setItem: (k, v) => {
      m.set(k, String(v))
    },
  }
}

const known = ['name', 'kind', 'target', 'mtime']

describe('column layout persistence', () => {
  it('round-trips each table under its own key', () => {
    const store = memoryStorage()
    savePrefs(store, 'folder', { order: ['target', 'name'], sizes: { name: 300 }, hidden: ['kind'] })
    savePrefs(store, 'broken-links', { order: [], sizes: { target: 90 }, hidden: [] })
    expect(loadPrefs(store, 'folder', known)).toEqual({
      order: ['target', 'name'],
      sizes: { name: 300 },
      hidden: ['kind'],
    })
    expect(loadPrefs(store, 'broken-links', known)).toEqual({ order: [], sizes: { target: 90 }, hidden: [] })
    expect(loadPrefs(store, 'hardlink-groups', known)).toEqual({ order: [], sizes: {}, hidden: [] })
  })

  it('drops what no longer fits: unknown columns, bad widths, garbage', () => {
    const store = memoryStorage()
    store.setItem(
      'linkscope.columns.folder',
      JSON.stringify({
        order: ['gone', 'name', 7],
        sizes: { name: 'wide', kind: 5, gone: 100, target: 1e9 },
        hidden: ['gone'],
      }),
    )
    expect(loadPrefs(store, 'folder', known)).toEqual({
      order: ['name'],
      sizes: { kind: 40, target: 1200 },
      hidden: [],
    })
    store.setItem('linkscope.columns.folder', '{not json')
    expect(loadPrefs(store, 'folder', known)).toEqual({ order: [], sizes: {}, hidden: [] })
    expect(loadPrefs(undefined, 'folder', known)).toEqual({ order: [], sizes: {}, hidden: [] })
  })

  it('survives a storage that refuses to write', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
    }
    expect(() => savePrefs(full, 'folder', { order: [], sizes: {}, hidden: [] })).not.toThrow()
  })
})

describe('column order', () => {
  it('keeps the stored order and appends columns added since', () => {
    expect(fullOrder(['target', 'name', 'target'], known)).toEqual(['target', 'name', 'kind', 'mtime'])
  })
  it('moves by places, clamped, and before another column', () => {
    expect(moveColumn(known, 'kind', 1)).toEqual(['name', 'target', 'kind', 'mtime'])
    expect(moveColumn(known, 'kind', -5)).toEqual(['kind', 'name', 'target', 'mtime'])
    expect(moveColumn(known, 'mtime', 3)).toEqual(known)
    expect(moveBefore(known, 'mtime', 'kind')).toEqual(['name', 'mtime', 'kind', 'target'])
    expect(moveBefore(known, 'name', 'target')).toEqual(['kind', 'target', 'name', 'mtime'])
    expect(moveBefore(known, 'name', 'nope')).toEqual(known)
  })
})

describe('grid and narrow tables', () => {
  it('growing columns take their width and a share; the others their width', () => {
    expect(
      gridTemplate([
        { id: 'a', width: 200, grow: 1 },
        { id: 'b', width: 80 },
        { id: 'c', width: 220, grow: 3 },
      ]),
    ).toBe('minmax(200px, 1fr) 80px minmax(220px, 3fr)')
    // nothing grows: the last column takes the rest, so the rows stay full width
    expect(
      gridTemplate([
        { id: 'a', width: 100 },
        { id: 'b', width: 80 },
      ]),
    ).toBe('100px minmax(80px, 1fr)')
  })
  it('steps columns aside by priority until the rest fit; columns without one always stay', () => {
    const cols = [
      { id: 'name', width: 200 },
      { id: 'kind', width: 128, priority: 1 },
      { id: 'links', width: 68, priority: 3 },
      { id: 'target', width: 220 },
      { id: 'status', width: 92, priority: 5 },
      { id: 'size', width: 84, priority: 4 },
      { id: 'mtime', width: 140, priority: 2 },
    ]
    expect(columnsToDrop(cols, 2000)).toEqual([])
    expect(columnsToDrop(cols, 810)).toEqual(['kind'])
    expect(columnsToDrop(cols, 800)).toEqual(['kind', 'mtime'])
    expect(columnsToDrop(cols, 640)).toEqual(['kind', 'mtime', 'links'])
    expect(columnsToDrop(cols, 100)).toEqual(['kind', 'mtime', 'links', 'size', 'status'])
  })
})

describe('side panel', () => {
  it('fits the window: at least its minimum, at most half the window', () => {
    expect(fitPanelWidth(300, 1400)).toBe(300)
    expect(fitPanelWidth(900, 1400)).toBe(700)
    expect(fitPanelWidth(50, 1400)).toBe(PANEL_MIN)
    expect(fitPanelWidth(400, 300)).toBe(PANEL_MIN)
  })
  it('remembers width and collapsed per panel, and ignores what is malformed', () => {
    const store = memoryStorage()
    const fallback = { width: 300, collapsed: false }
    savePanel(store, 'details', { width: 420, collapsed: true })
    expect(loadPanel(store, 'details', fallback)).toEqual({ width: 420, collapsed: true })
    expect(loadPanel(store, 'scan-details', fallback)).toEqual(fallback)
    store.setItem('linkscope.panel.details', JSON.stringify({ width: 'x', collapsed: 1 }))
    expect(loadPanel(store, 'details', fallback)).toEqual(fallback)
  })
})
