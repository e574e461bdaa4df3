/**
 * The window's size and place, remembered between starts. Kept in the user's config folder as JSON;
 * whatever is read back is checked, and a place no display shows any more (a monitor unplugged) falls
 * back to the default size, centred by the system.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

export type Bounds = { x: number; y: number; width: number; height: number }
export type WindowState = { bounds: Bounds; maximized: boolean }

export const DEFAULT_SIZE = { width: 1280, height: 800 }
export const MIN_SIZE = { width: 720, height: 420 }
const FILE = 'window-state.json'

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000

/** What was saved, if it is a well-formed state; anything else reads as nothing. */
export function parseWindowState(text: string): WindowState | undefined {
  try {
    const v = JSON.parse(text) as { bounds?: Record<string, unknown>; maximized?: unknown }
    const b = v.bounds
    if (!b || !isInt(b.x) || !isInt(b.y) || !isInt(b.width) || !isInt(b.height) || typeof v.maximized !== 'boolean')
      return undefined
    return { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: v.maximized }
  } catch {
    return undefined
  }
}

/** The saved bounds if at least a title-bar's worth of them lies on one of `displays` (work areas), else none. */
export function visibleBounds(saved: Bounds, displays: readonly Bounds[]): Bounds | undefined {
  const width = Math.max(saved.width, MIN_SIZE.width)
  const height = Math.max(saved.height, MIN_SIZE.height)
  const seen = displays.some((d) => {
    const overlapX = Math.min(saved.x + width, d.x + d.width) - Math.max(saved.x, d.x)
    const titleOnScreen = saved.y >= d.y && saved.y < d.y + d.height - 32
    return overlapX >= 100 && titleOnScreen
  })
  return seen ? { x: saved.x, y: saved.y, width, height } : undefined
}

export function loadWindowState(dir: string): WindowState | undefined {
  try {
    return parseWindowState(fs.readFileSync(path.join(dir, FILE), 'utf8'))
  } catch {
    return undefined
  }
}

export function saveWindowState(dir: string, state: WindowState): void {
  try {
    fs.mkdirSync(dir, { recursive: true })
    const file = path.join(dir, FILE)
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(state))
    fs.renameSync(`${file}.tmp`, file)
  } catch (e) {
    console.error('Linkscope could not remember the window’s place:', e)
  }
}
