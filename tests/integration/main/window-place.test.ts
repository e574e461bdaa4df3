/**
 * The window's size and place across starts, as the real main bundle remembers them under the strict
 * fake `electron` (tests/electron-sim/): the profile folder is kept between runs, the person moves and
 * maximizes the window, the displays change between starts.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { DEFAULT_SIZE, MIN_SIZE } from '../../../electron/main/window-state'
import { devLayout, type Layout, SimMain, type SimState } from '../../helpers/electron-sim'

type Bounds = { x: number; y: number; width: number; height: number }
const PRIMARY: Bounds = { x: 0, y: 0, width: 1920, height: 1040 }
const SECOND: Bounds = { x: 1920, y: 0, width: 1600, height: 900 }

let parent: string
let layout: Layout
beforeAll(() => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-window-place-'))
  layout = devLayout(parent)
}, 60_000)
afterAll(() => fs.rmSync(parent, { recursive: true, force: true }))

type Run = { options: Record<string, unknown>; after: SimState['windows'][number]; saved: unknown }

/**
 * One start of the app with `profile` as its userData on `displays`: the window is created, Electron
 * says it is ready to show, the person does `act` to it, then closes it. Returns what the window was
 * created with, how it stood once shown, and what the profile holds afterwards.
 */
async function oneStart(
  profile: string,
  displays: Bounds[],
  act: { bounds?: Bounds; maximized?: boolean } = {},
): Promise<Run> {
  const main = SimMain.start(layout, [], {
    env: { SIM_USER_DATA: profile, SIM_DISPLAYS: JSON.stringify(displays), LINKSCOPE_CONFIG_DIR: profile },
  })
  try {
    await main.waitFor((e) => e.type === 'load', 20_000, 'loadURL')
    await main.request({ type: 'window-event', windowId: 1, event: 'ready-to-show' })
    const shown = (await main.state()).windows[0]!
    await main.request({ type: 'place-window', windowId: 1, ...act })
    await main.request({ type: 'close', windowId: 1 })
    const state = await main.state()
    expect(state.violations).toEqual([])
    expect(main.uncaught).toEqual([])
    const file = path.join(profile, 'window-state.json')
    return {
      options: shown.options,
      after: shown,
      saved: fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined,
    }
  } finally {
    await main.stop()
  }
}

const sizeAndPlace = (o: Record<string, unknown>): Partial<Bounds> => {
  const { x, y, width, height } = o as Partial<Bounds>
  return Object.fromEntries(Object.entries({ x, y, width, height }).filter(([, v]) => v !== undefined))
}

describe('the window remembers its size and place', () => {
  it('first start: the default size centred; what the person leaves it at is saved as it closes', async () => {
    const profile = fs.mkdtempSync(path.join(parent, 'profile-'))
    const first = await oneStart(profile, [PRIMARY], { bounds: { x: 100, y: 50, width: 1000, height: 700 } })
    expect(sizeAndPlace(first.options)).toEqual(DEFAULT_SIZE)
    expect(first.options).toMatchObject({ minWidth: MIN_SIZE.width, minHeight: MIN_SIZE.height })
    expect(first.after.maximized).toBe(false)
    expect(first.saved).toEqual({ bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: false })
    // the next start opens it there, not maximized
    const second = await oneStart(profile, [PRIMARY], { maximized: true })
    expect(sizeAndPlace(second.options)).toEqual({ x: 100, y: 50, width: 1000, height: 700 })
    expect(second.after.maximized).toBe(false)
    // maximized: its normal size and place are kept, and it comes back maximized over them
    expect(second.saved).toEqual({ bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: true })
    const third = await oneStart(profile, [PRIMARY])
    expect(sizeAndPlace(third.options)).toEqual({ x: 100, y: 50, width: 1000, height: 700 })
    expect(third.after.maximized).toBe(true)
  }, 120_000)

  it('a place on a display that is gone falls back to the default size; one still shown is kept', async () => {
    const profile = fs.mkdtempSync(path.join(parent, 'profile-'))
    const onSecond = { x: 2100, y: 80, width: 1200, height: 760 }
    await oneStart(profile, [PRIMARY, SECOND], { bounds: onSecond })
    // both screens still there: it opens on the second one
    const again = await oneStart(profile, [PRIMARY, SECOND])
    expect(sizeAndPlace(again.options)).toEqual(onSecond)
    // the second screen unplugged: not off-screen, the default size centred by the system
    const unplugged = await oneStart(profile, [PRIMARY])
    expect(sizeAndPlace(unplugged.options)).toEqual(DEFAULT_SIZE)
  }, 120_000)

  it('a damaged or too small saved state does not stop the start', async () => {
    const profile = fs.mkdtempSync(path.join(parent, 'profile-'))
    fs.writeFileSync(path.join(profile, 'window-state.json'), '{"bounds": {"x": "left"}')
    const damaged = await oneStart(profile, [PRIMARY])
    expect(sizeAndPlace(damaged.options)).toEqual(DEFAULT_SIZE)
    fs.writeFileSync(
      path.join(profile, 'window-state.json'),
      JSON.stringify({ bounds: { x: 10, y: 10, width: 200, height: 100 }, maximized: false }),
    )
    const tiny = await oneStart(profile, [PRIMARY])
    expect(sizeAndPlace(tiny.options)).toEqual({ x: 10, y: 10, ...MIN_SIZE })
  }, 120_000)
})
