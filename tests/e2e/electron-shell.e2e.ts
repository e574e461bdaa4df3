/**
 * The desktop app end to end without the Electron binary: the real renderer in Chromium, the real
 * preload bundle with nothing but a stand-in `electron` module, and main's real handlers and engine
 * (tests/helpers/electron-sim.ts) in the dev and the packaged layout.
 *
 * Chromium has no linkscope:// scheme, so the page is opened at https://app.linkscope.test/ (a secure
 * context, like the privileged scheme) and every request is answered by main's own protocol handler for
 * the linkscope://app/ URL it stands for; IPC calls carry the calling frame's URL translated back, which
 * is what main's sender check sees in Electron.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { expect, type Page, test as base } from '@playwright/test'

import { APP_URL } from '../../electron/main/app-origin'
import {
  awkwardTemp,
  buildPackaged,
  devLayout,
  type Layout,
  packagedLayout,
  type SimEvent,
  SimMain,
} from '../helpers/electron-sim'
import { buildTree, row, shot, watchConsole } from './helpers'

const STAND_IN = 'https://app.linkscope.test/'
const toStandIn = (u: string): string => u.replace('linkscope://app/', STAND_IN)
const toApp = (u: string): string => u.replace(STAND_IN, 'linkscope://app/')

/** Electron's preload loader for a sandboxed page, reduced to what ours may use: require('electron'). */
function preloadScript(bundle: string): string {
  return `(() => {
  const listeners = new Map()
  const ipcRenderer = {
    invoke: (channel, envelope) => window.__simInvoke(channel, envelope),
    on(channel, handler) { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel).add(handler); return ipcRenderer },
    removeListener(channel, handler) { listeners.get(channel)?.delete(handler); return ipcRenderer },
  }
  Object.defineProperty(window, '__simDeliver', { value: (channel, args) => { for (const h of listeners.get(channel) ?? []) h({}, ...args) } })
  // contextBridge: the page gets a frozen copy whose functions call into the preload's world
  const contextBridge = {
    exposeInMainWorld(key, api) {
      const copy = {}
      for (const [k, v] of Object.entries(api)) copy[k] = typeof v === 'function' ? (...a) => v(...a) : structuredClone(v)
      Object.defineProperty(window, key, { value: Object.freeze(copy), enumerable: true })
    },
  }
  const electron = { contextBridge, ipcRenderer }
  const require = (name) => { if (name === 'electron') return electron; throw new Error('a sandboxed preload cannot require ' + name) }
  const module = { exports: {} }
  ;(function (require, module, exports) { ${bundle}\n })(require, module, module.exports)
})()`
}

type Window = { page: Page; main: SimMain; offOrigin: string[]; problems: string[] }

/** Open main's window in the page: its URL, its preload, its protocol handler, its IPC. */
async function openWindow(page: Page, main: SimMain): Promise<Window> {
  const load = await main.waitFor((e) => e.type === 'load', 20_000, 'loadURL')
  expect(load.url).toBe(APP_URL)
  const windowId = load.windowId as number
  const offOrigin: string[] = []
  await page.route('**/*', async (route) => {
    const url = route.request().url()
    if (!url.startsWith(STAND_IN)) {
      offOrigin.push(url)
      return route.abort()
    }
    const r = await main.request<{ status: number; headers: [string, string][]; body: Buffer }>({
      type: 'fetch',
      url: toApp(url),
      method: route.request().method(),
    })
    if (r.status < 0) return route.abort()
    return route.fulfill({ status: r.status, headers: Object.fromEntries(r.headers), body: Buffer.from(r.body) })
  })
  // webContents.send → the preload's ipcRenderer listeners, in order
  let delivering = Promise.resolve()
  await page.exposeBinding('__simInvoke', async (source, channel: string, envelope: unknown) => {
    const r = await main.request<{ result?: unknown; error?: string }>({
      type: 'invoke',
      windowId,
      channel,
      envelope,
      frameUrl: toApp(source.frame.url()),
      isMainFrame: source.frame === page.mainFrame(),
    })
    // Electron's one channel per page keeps a stream's batches ahead of its reply: so do we.
    await delivering
    if (r.error !== undefined) throw new Error(`Error invoking remote method '${channel}': ${r.error}`)
    return r.result
  })
  main.onEvent((e: SimEvent) => {
    if (e.type !== 'send' || e.windowId !== windowId) return
    delivering = delivering
      .then(() =>
        page.evaluate(
          ([c, a]) => (window as unknown as { __simDeliver(c: string, a: unknown[]): void }).__simDeliver(c, a),
          [e.channel as string, e.args as unknown[]] as const,
        ),
      )
      .catch(() => undefined) // the page may be gone
  })
  await page.addInitScript({ content: preloadScript(fs.readFileSync(load.preload as string, 'utf8')) })
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    )
  })
  // Chromium gets the permissions main's check handler grants this origin, and no others.
  for (const [electronName, chromiumName] of [
    ['clipboard-sanitized-write', 'clipboard-write'],
    ['clipboard-read', 'clipboard-read'],
  ] as const) {
    const { granted } = await main.request<{ granted: boolean }>({
      type: 'permission',
      kind: 'check',
      permission: electronName,
      origin: 'linkscope://app',
    })
    if (granted) await page.context().grantPermissions([chromiumName], { origin: STAND_IN.slice(0, -1) })
  }
  const problems = watchConsole(page)
  await page.goto(toStandIn(load.url as string))
  return { page, main, offOrigin, problems }
}

for (const layoutName of ['dev', 'packaged'] as const) {
  base.describe(`desktop app, ${layoutName} layout`, () => {
    base.describe.configure({ timeout: 120_000 })
    let layout: Layout
    let tree: string
    let config: string
    let parent: string

    base.beforeAll(() => {
      parent = awkwardTemp('ls-e2e-electron-')
      layout = layoutName === 'dev' ? devLayout(parent) : packagedLayout(buildPackaged(parent))
      tree = buildTree()
      config = fs.mkdtempSync(path.join(parent, 'config-'))
    })
    base.afterAll(() => {
      for (const d of [path.dirname(parent), tree]) fs.rmSync(d, { recursive: true, force: true })
    })

    const test = base.extend<{ win: Window }>({
      win: async ({ page }, use) => {
        const main = SimMain.start(layout, [tree], { env: { LINKSCOPE_CONFIG_DIR: config } })
        try {
          await use(await openWindow(page, main))
          expect(main.uncaught).toEqual([])
          expect((await main.state()).violations).toEqual([])
        } finally {
          await main.stop()
        }
      },
    })

    test('lists the folder over linkscope://app, copies to the clipboard, and shows what a second start asks', async ({
      win,
    }) => {
      const { page, main } = win
      await base.step(
        'the renderer and preload run: the folder lists, nothing is blocked or fetched elsewhere',
        async () => {
          await expect(page.locator('footer.statusbar')).toContainText(/listed in \d+ ms/)
          await expect(page.locator('[data-testid=count-entries]')).toHaveText('17 entries')
          await expect(row(page, 'report-hardlink.txt').locator('.c-links')).toHaveText('3')
          await expect(row(page, 'dangling').locator('.c-status')).toHaveText('Broken')
          // the bridge is all the page has: no ipcRenderer, no require, no process
          expect(
            await page.evaluate(() => {
              const w = window as unknown as Record<string, unknown>
              return [
                Object.keys(w.linkscope as object).sort(),
                typeof w.require,
                typeof w.process,
                Object.isFrozen(w.linkscope),
              ]
            }),
          ).toEqual([['invoke', 'onJobItems'], 'undefined', 'undefined', true])
          await shot(page, `electron-${layoutName}-explorer`)
        },
      )
      await base.step(
        '"Copy target path" reaches the clipboard (main grants the write to the app origin)',
        async () => {
          await row(page, 'rel-link').click({ button: 'right' })
          await page.getByRole('menuitem', { name: 'Copy target path' }).click()
          await expect(page.getByText(`Copied the target path: ${path.join(tree, 'plain.txt')}`)).toBeVisible()
        },
      )
      await base.step('a second start with a relative path shows it in the open window', async () => {
        await main.request({
          type: 'second-instance',
          argv: [],
          cwd: path.join(tree, 'docs'),
          data: { args: ['--show', 'notes.md'] },
        })
        await expect(row(page, 'notes.md')).toHaveClass(/is-selected/)
        await expect(row(page, 'report.txt')).toBeVisible()
      })
      expect(win.problems).toEqual([])
      expect(win.offOrigin).toEqual([])
    })
  })
}
