/**
 * The main process as Electron 45 runs it, without the binary: the real bundle under the strict fake
 * `electron` (tests/electron-sim/), the real IPC handlers and engine worker, in the dev layout and in the
 * packaged layout that electron-builder --dir makes. Both live under a folder named `JOHNSM~1 [x] 100%`,
 * the kind of path where comparing file:// URLs used to refuse every request.
 */
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { APP_URL } from '../../../electron/main/app-origin'
import {
  awkwardTemp,
  buildPackaged,
  devLayout,
  fuseWire,
  type Layout,
  packagedLayout,
  type SimEvent,
  SimMain,
} from '../../helpers/electron-sim'

type Result = { ok: boolean; value?: unknown; error?: { code: string; message: string } }
type Invoked = { result?: Result; error?: string }

/** Everything Electron allows, or Linkscope needs, before 'ready'. */
const PRE_READY = new Set([
  'app.getAppPath',
  'protocol.registerSchemesAsPrivileged',
  'app.requestSingleInstanceLock',
  'app.on',
  'app.once',
  'app.whenReady',
])

let parent: string
let tree: string
let config: string
const layouts: Record<string, Layout> = {}

beforeAll(() => {
  parent = awkwardTemp('ls-electron-main-')
  layouts.dev = devLayout(fs.mkdtempSync(path.join(parent, 'dev-')))
  layouts.packaged = packagedLayout(buildPackaged(fs.mkdtempSync(path.join(parent, 'pkg-'))))
  tree = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-electron-tree-'))
  fs.writeFileSync(path.join(tree, 'a.txt'), 'a')
  fs.linkSync(path.join(tree, 'a.txt'), path.join(tree, 'a-hard.txt'))
  fs.symlinkSync('a.txt', path.join(tree, 'a-link'))
  fs.mkdirSync(path.join(tree, 'big'))
  for (let i = 0; i < 4000; i++) fs.writeFileSync(path.join(tree, 'big', `f${i}`), '')
  config = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-electron-config-'))
}, 180_000) // electron-builder packs the app: slow on a busy host, so bound it generously
afterAll(() => {
  for (const d of [path.dirname(parent), tree, config]) fs.rmSync(d, { recursive: true, force: true })
})

const start = (layout: Layout, args: string[], opts: Parameters<typeof SimMain.start>[2] = {}): SimMain =>
  SimMain.start(layout, args, { ...opts, env: { LINKSCOPE_CONFIG_DIR: config, ...opts.env } })

/** Start main as Electron would, wait until its window loads the page, run `body`, always stop it. */
async function withWindow(
  layout: Layout,
  args: string[],
  body: (main: SimMain) => Promise<void>,
  opts: Parameters<typeof SimMain.start>[2] = {},
): Promise<void> {
  const main = start(layout, args, opts)
  try {
    await main.waitFor((e) => e.type === 'load', 20_000, 'loadURL')
    await body(main)
  } finally {
    await main.stop()
  }
}

/** invoke as a frame of window 1 (by default: its main frame, showing the app page) */
const invoke = (
  main: SimMain,
  channel: string,
  envelope: unknown,
  frame: { url?: string | null; main?: boolean } = {},
): Promise<Invoked> =>
  main.request<Invoked>({
    type: 'invoke',
    windowId: 1,
    channel,
    envelope,
    frameUrl: frame.url === undefined ? APP_URL : frame.url,
    isMainFrame: frame.main ?? true,
  })

const sends = (main: SimMain, jobId: string): SimEvent[] =>
  main.events.filter((e) => e.type === 'send' && (e.args as unknown[])[0] === jobId)

/** Poll the harness until cond holds: at most `tries` rounds of 50 ms. */
async function until<T>(probe: () => Promise<T>, cond: (v: T) => boolean, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe()
    if (cond(v)) return v
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('condition not reached')
}

describe.each(['dev', 'packaged'])('%s layout', (name) => {
  const layout = (): Layout => layouts[name] as Layout

  it("starts in Electron's order with only real APIs, a hardened window on linkscope://app, and serves IPC", async () => {
    await withWindow(layout(), [tree], async (main) => {
      const load = await main.waitFor((e) => e.type === 'load')
      expect(load.url).toBe(APP_URL)
      const preload = load.preload as string
      expect(path.isAbsolute(preload) && fs.existsSync(preload)).toBe(true)
      expect(preload).toContain(
        name === 'dev' ? `${path.sep}out${path.sep}preload` : `app.asar${path.sep}out${path.sep}preload`,
      )
      const state = await main.state()
      expect(state.appPath).toBe(
        name === 'dev'
          ? (layout() as { appDir: string }).appDir
          : path.join((layout() as { resources: string }).resources, 'app.asar'),
      )
      expect(state.violations).toEqual([])
      expect(main.uncaught).toEqual([])
      expect(
        state.calls
          .filter((c) => !c.ready)
          .map((c) => c.api)
          .filter((a) => !PRE_READY.has(a)),
      ).toEqual([])
      expect(state.privileged).toEqual([
        { scheme: 'linkscope', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      ])
      expect(state.protocols).toEqual(['linkscope'])
      expect(state.windows[0]?.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
      })
      // the page and its assets come from out/renderer, with the CSP header
      const page = await main.request<{ status: number; headers: [string, string][]; body: Buffer }>({
        type: 'fetch',
        url: APP_URL,
        method: 'GET',
      })
      expect(page.status).toBe(200)
      expect(Object.fromEntries(page.headers)['content-security-policy']).toContain("script-src 'self'")
      const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page.body.toString())?.[1]
      expect(script).toBeTruthy()
      expect(
        (await main.request<{ status: number }>({ type: 'fetch', url: `linkscope://app/${script}`, method: 'GET' }))
          .status,
      ).toBe(200)

      // the window's main frame on the app page reaches the engine worker (it lives outside the asar)
      const info = await invoke(main, 'app:info', { args: [] })
      expect(info.result).toMatchObject({ ok: true, value: { mode: 'electron', startDir: tree } })
      const listed = await invoke(main, 'links:list', { args: [tree], jobId: 'list-1' })
      expect(listed.result).toMatchObject({ ok: true, value: { count: 4 } })
      const names = sends(main, 'list-1').flatMap((e) =>
        ((e.args as unknown[])[1] as { name: string }[]).map((x) => x.name),
      )
      expect(names.sort()).toEqual(['a-hard.txt', 'a-link', 'a.txt', 'big'])
      // a scan runs its own workers (and, where built, the native lister) from outside the asar too
      const scanned = await invoke(main, 'scan:run', {
        args: [tree, { broken: true, hardlinks: true }],
        jobId: 'scan-1',
      })
      expect(scanned.result).toMatchObject({ ok: true, value: { entries: 4004, errors: 0 } })
    })
  })

  it('main serves the save dialog for exports (names checked first) and checks a terminal path', async () => {
    await withWindow(layouts.dev!, [tree], async (main) => {
      // the simulated dialog is cancelled: nothing is written, the answer is null
      expect((await invoke(main, 'shell:saveFile', { args: ['list.csv', 'a,b'] })).result).toEqual({
        ok: true,
        value: null,
      })
      expect((await invoke(main, 'shell:saveFile', { args: ['../list.csv', 'a,b'] })).result).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      })
      expect((await invoke(main, 'shell:saveFile', { args: ['list.exe', 'a,b'] })).result).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      })
      expect((await invoke(main, 'shell:openTerminal', { args: ['relative/path'] })).result).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      })
      // Browse in the link dialogs: the folder dialog (cancelled here), behind the same path check
      expect((await invoke(main, 'shell:chooseFolder', { args: [tree] })).result).toEqual({ ok: true, value: null })
      expect((await invoke(main, 'shell:chooseFolder', { args: ['relative/path'] })).result).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      })
    })
  })

  it('main opens a file with the default app through shell.openPath, after checking the path', async () => {
    await withWindow(layouts.dev!, [tree], async (main) => {
      const file = path.join(tree, 'a.txt')
      expect((await invoke(main, 'shell:openDefault', { args: [file] })).result).toEqual({ ok: true })
      for (const bad of ['relative/a.txt', path.join(tree, 'not-there'), 7])
        expect((await invoke(main, 'shell:openDefault', { args: [bad] })).result).toMatchObject({
          ok: false,
          error: { code: expect.stringMatching(/^(INVALID_ARGUMENT|NOT_FOUND)$/) },
        })
      const noApp = path.join(tree, 'x.no-app')
      fs.writeFileSync(noApp, '')
      try {
        expect((await invoke(main, 'shell:openDefault', { args: [noApp] })).result).toMatchObject({
          ok: false,
          error: { code: 'NO_DEFAULT_APP', message: expect.stringContaining('No application') },
        })
      } finally {
        fs.rmSync(noApp)
      }
      // only the checked paths reached Electron
      const opened = (await main.state()).calls.filter((c) => c.api === 'shell.openPath').map((c) => c.detail)
      expect(opened).toEqual([file, noApp])
    })
  })

  it('refuses IPC from any other frame or page, denies navigation, new windows and permissions but the clipboard write', async () => {
    await withWindow(layout(), [tree], async (main) => {
      const forbidden = { ok: false, error: { code: 'FORBIDDEN' } }
      const fileUrl = `file://${path.join(parent, 'out', 'renderer', 'index.html')}`
      expect((await invoke(main, 'app:info', { args: [] }, { url: fileUrl })).result).toMatchObject(forbidden)
      expect((await invoke(main, 'app:info', { args: [] }, { url: 'https://evil.example/' })).result).toMatchObject(
        forbidden,
      )
      expect((await invoke(main, 'app:info', { args: [] }, { main: false })).result).toMatchObject(forbidden)
      expect((await invoke(main, 'app:info', { args: [] }, { url: null })).result).toMatchObject(forbidden)
      expect((await invoke(main, 'app:info', { args: [] })).result).toMatchObject({ ok: true })

      expect(await main.request({ type: 'navigate', windowId: 1, url: 'https://evil.example/' })).toEqual({
        prevented: true,
      })
      expect(await main.request({ type: 'navigate', windowId: 1, url: fileUrl })).toEqual({ prevented: true })
      expect(await main.request({ type: 'navigate', windowId: 1, url: APP_URL })).toEqual({ prevented: false })
      expect(await main.request({ type: 'window-open', windowId: 1, url: 'https://evil.example/' })).toEqual({
        action: 'deny',
      })

      const ask = (permission: string, url: string): Promise<{ granted: boolean }> =>
        main.request({ type: 'permission', kind: 'request', permission, url })
      const check = (permission: string, origin: string): Promise<{ granted: boolean }> =>
        main.request({ type: 'permission', kind: 'check', permission, origin })
      expect(await ask('clipboard-sanitized-write', APP_URL)).toEqual({ granted: true })
      expect(await check('clipboard-sanitized-write', 'linkscope://app')).toEqual({ granted: true })
      expect(await ask('clipboard-sanitized-write', 'https://evil.example/')).toEqual({ granted: false })
      expect(await ask('clipboard-read', APP_URL)).toEqual({ granted: false })
      expect(await ask('media', APP_URL)).toEqual({ granted: false })
      expect(main.uncaught).toEqual([])
    })
  })

  it('closing the window while a listing and a scan stream: late batches are dropped, nothing throws, the jobs are cancelled', async () => {
    await withWindow(layout(), [tree], async (main) => {
      // Hold the worker's messages so that batches are still on their way when the window closes.
      await main.request({ type: 'gate', hold: true })
      const list = invoke(main, 'links:list', { args: [path.join(tree, 'big')], jobId: 'list-late' })
      const scan = invoke(main, 'scan:run', { args: [tree, { broken: true, hardlinks: true }], jobId: 'scan-late' })
      await until(
        () => main.state(),
        (s) => s.gate.waiting >= 2,
      )
      expect(await main.request({ type: 'close', windowId: 1 })).toEqual({ closed: true })
      await main.request({ type: 'gate', hold: false })
      await Promise.all([list, scan]) // answered (the quit also stops the engine), never left hanging
      const state = await main.state()
      expect(state.gate.cancelled.sort()).toEqual(['list-late', 'scan-late']) // the window's jobs were cancelled
      expect(state.windows[0]?.destroyed).toBe(true)
      expect(state.windows[0]?.destroyedChecks).toBeGreaterThan(0) // late batches met a destroyed window…
      expect(main.uncaught).toEqual([]) // …and nothing threw "Object has been destroyed"
      expect(sends(main, 'list-late').length + sends(main, 'scan-late').length).toBe(0)
      // closing the only window quits (Linux and Windows)
      await main.waitFor((e) => e.type === 'quit', 5_000, 'app.quit')
    })
  })
})

describe('a page that goes away (dev layout)', () => {
  it.each([
    ['View › Reload', 'did-start-navigation', [{ url: APP_URL, isMainFrame: true, isSameDocument: false }]],
    ['a crashed renderer', 'render-process-gone', ['EVENT', { reason: 'crashed', exitCode: 139 }]],
  ])('%s ends its event stream and cancels its jobs; an in-page navigation does not', async (_what, event, args) => {
    await withWindow(layouts.dev as Layout, [tree], async (main) => {
      const events = invoke(main, 'app:events', { args: [], jobId: 'events-page' })
      await main.request({ type: 'gate', hold: true })
      const scan = invoke(main, 'scan:run', { args: [tree, { broken: true, hardlinks: true }], jobId: 'scan-page' })
      await until(
        () => main.state(),
        (s) => s.gate.waiting >= 1,
      )
      await main.request({
        type: 'contents-event',
        windowId: 1,
        event: 'did-start-navigation',
        args: [{ url: `${APP_URL}#x`, isMainFrame: true, isSameDocument: true }],
      })
      expect((await main.state()).gate.cancelled).toEqual([])
      await main.request({ type: 'contents-event', windowId: 1, event, args })
      expect((await events).result).toEqual({ ok: true, value: null })
      expect((await main.state()).gate.cancelled).toEqual(['scan-page'])
      await main.request({ type: 'gate', hold: false })
      await scan
      // the window itself is still there and serves the next page
      expect((await invoke(main, 'app:info', { args: [] })).result).toMatchObject({ ok: true })
      expect(main.uncaught).toEqual([])
    })
  })
})

describe('the package electron-builder made', () => {
  it('has its fuses flipped by the afterPack hook, the elevation code in the asar, only native code and workers unpacked', () => {
    const { execPath, resources } = layouts.packaged as { execPath: string; resources: string }
    // RunAsNode, NODE_OPTIONS, --inspect, file:// privileges off; asar integrity and asar-only on
    expect(fuseWire(execPath)).toBe('000011001')
    expect(fs.existsSync(path.join(resources, 'app.asar', 'out', 'main', 'index.js'))).toBe(true)
    const unpacked = fs.readdirSync(path.join(resources, 'app.asar.unpacked', 'out'))
    expect(unpacked).toContain('engine')
    expect(unpacked.filter((d) => d !== 'engine' && d !== 'native')).toEqual([]) // native: where the addon was built
    expect(fs.readdirSync(path.join(resources, 'app.asar.unpacked', 'node_modules', '@koromix'))).toEqual([
      `koffi-linux-${process.arch}`,
    ])
  })
})

describe('launches (dev layout)', () => {
  it("a second start's relative paths and file:// URIs resolve in its own folder and reach the window", async () => {
    await withWindow(layouts.dev as Layout, [], async (main) => {
      void invoke(main, 'app:events', { args: [], jobId: 'events-1' })
      const second = path.join(tree, 'big')
      const event = async (args: string[]): Promise<unknown> => {
        const before = sends(main, 'events-1').length
        await main.request({ type: 'second-instance', argv: ['ignored'], cwd: second, data: { args } })
        await until(
          async () => sends(main, 'events-1').length,
          (n) => n > before,
        )
        return ((sends(main, 'events-1')[before] as SimEvent).args as unknown[])[1]
      }
      expect(await event(['--show', 'f1'])).toEqual([{ type: 'show', path: path.join(second, 'f1') }])
      expect(await event(['--show', `file://${path.join(tree, 'a.txt')}`])).toEqual([
        { type: 'show', path: path.join(tree, 'a.txt') },
      ])
      expect(await event(['--drop-as', 'hardlink', '..'])).toEqual([{ type: 'drop', as: 'hard', dir: tree }])
      expect(await event(['--pick', 'f2', '../a.txt'])).toEqual([
        { type: 'picked', paths: [path.join(second, 'f2'), path.join(tree, 'a.txt')] },
      ])
      // a bad request from outside: one clear message, the window stays
      await main.request({ type: 'second-instance', argv: [], cwd: second, data: { args: ['--drop-as', 'copy', '.'] } })
      const box = await main.waitFor((e) => e.type === 'error-box')
      expect(box.content).toMatch(/--drop-as takes hardlink, symlink, junction/)
      expect(main.uncaught).toEqual([])
    })
  })

  it('starts in a folder given as a file:// URI (what %U delivers) or relative to its working directory', async () => {
    const spaced = path.join(tree, 'a b [c]')
    fs.mkdirSync(spaced, { recursive: true })
    for (const [args, cwd] of [
      [[`file://${encodeURI(spaced).replace(/\[/g, '%5B').replace(/\]/g, '%5D')}`], os.tmpdir()],
      [['a b [c]'], tree],
    ] as const) {
      await withWindow(
        layouts.dev as Layout,
        [...args],
        async (main) => {
          expect((await invoke(main, 'app:info', { args: [] })).result).toMatchObject({
            ok: true,
            value: { startDir: spaced },
          })
        },
        { cwd },
      )
    }
  })

  it('a second start hands its arguments to the first and quits without a window or a message', async () => {
    const main = start(layouts.dev as Layout, ['--drop-as', 'copy', '.'], { lockTaken: true })
    try {
      await main.waitFor((e) => e.type === 'quit')
      const state = await main.state()
      expect(state.calls.find((c) => c.api === 'app.requestSingleInstanceLock')?.detail).toEqual({
        args: ['--drop-as', 'copy', '.'],
      })
      expect(state.windows).toEqual([])
      expect(main.events.filter((e) => e.type === 'error-box')).toEqual([]) // the first instance says it, once
    } finally {
      await main.stop()
    }
  })

  it('--elevated-helper counts only as the first argument', async () => {
    await withWindow(layouts.dev as Layout, ['--show', tree, '--elevated-helper'], async (main) => {
      const state = await main.state()
      expect(state.calls.some((c) => c.api === 'app.requestSingleInstanceLock')).toBe(true)
    })
  })

  it('helper mode: no window, no lock, its own userData and no GPU; serves the stdin session and exits', async () => {
    const main = start(layouts.dev as Layout, ['--elevated-helper'])
    try {
      let out = ''
      main.stdout.on('data', (d: Buffer) => {
        out += d.toString()
      })
      main.stdin.write(
        JSON.stringify({ tokenSha256: createHash('sha256').update('t').digest('hex'), idleMs: 300 }) + '\n',
      )
      const exit = await main.waitFor((e) => e.type === 'exit', 20_000, 'app.exit')
      expect(exit.code).toBe(0)
      expect(out).toContain('READY\n')
      expect(await main.exitCode()).toBe(0)
      const calls = exit.calls as { api: string; ready: boolean; detail?: { name: string; value: string } }[]
      const apis = calls.map((c) => c.api)
      expect(apis).not.toContain('new BrowserWindow')
      expect(apis).not.toContain('app.requestSingleInstanceLock')
      expect(apis).not.toContain('protocol.registerSchemesAsPrivileged')
      expect(calls.find((c) => c.api === 'app.disableHardwareAcceleration')?.ready).toBe(false)
      const userData = calls.find((c) => c.api === 'app.setPath')?.detail
      expect(userData?.name).toBe('userData')
      expect(path.basename(userData?.value ?? '')).toMatch(/^linkscope-helper-/)
      expect(fs.existsSync(userData?.value ?? '/')).toBe(false) // removed on exit
    } finally {
      await main.stop()
    }
  })
})
