/** A side panel's width and whether it is collapsed, as the user left them; the width always fits the window. */
import { readStored, type Store, writeStored } from './remembered'

export type PanelPrefs = { width: number; collapsed: boolean }

export const PANEL_MIN = 220
/** The panel never takes more than this share of the window: the table beside it keeps the rest. */
export const PANEL_MAX_SHARE = 0.5

/** The width to draw: at least PANEL_MIN, at most half the window (and never more than the window allows). */
export function fitPanelWidth(width: number, windowWidth: number): number {
  const max = Math.max(PANEL_MIN, Math.floor(windowWidth * PANEL_MAX_SHARE))
  return Math.round(Math.min(max, Math.max(PANEL_MIN, width)))
}

export function loadPanel(store: Store | undefined, id: string, fallback: PanelPrefs): PanelPrefs {
  const raw = readStored(store, `panel.${id}`) as Partial<PanelPrefs> | null
  if (!raw || typeof raw !== 'object') return fallback
  return {
    width: typeof raw.width === 'number' && Number.isFinite(raw.width) ? raw.width : fallback.width,
    collapsed: typeof raw.collapsed === 'boolean' ? raw.collapsed : fallback.collapsed,
  }
}

export function savePanel(store: Store | undefined, id: string, prefs: PanelPrefs): void {
  writeStored(store, `panel.${id}`, prefs)
}
