/** The desktop app: one hardened window over the engine worker; one instance, which later starts forward to. */
import { app, BrowserWindow, dialog, Menu, nativeTheme } from 'electron'
import * as path from 'node:path'
import { JOB_ITEMS_CHANNEL } from '../../shared/ipc/contract'
import { runElevatedHelperFromArgs } from '../elevation/win32/helper-entry'
import { startEngineHost, type EngineHost } from '../engine/service/engine-host'
import { applyLaunch, createAppEvents } from './app-events'
import { registerIpc } from './ipc'
import { LaunchArgsError, parseLaunchArgs, type LaunchRequest } from './launch-args'
import { buildMenu } from './menu'
import { appUrlOf, installCspHeader, lockNavigation, makeSenderCheck, secureWebPreferences } from './security'

const rendererIndex = path.join(__dirname, '..', 'renderer', 'index.html')
const preload = path.join(__dirname, '..', 'preload', 'index.js')
/** Our own arguments: after the executable (packaged) or after the app folder (development). */
const ownArgs = (argv: readonly string[]): string[] => argv.slice(app.isPackaged ? 1 : 2)
/** How Explorer's verbs start this app again. */
const appCommand = { exe: process.execPath, args: app.isPackaged ? [] : [app.getAppPath()] }

function readLaunch(argv: readonly string[]): LaunchRequest {
  try {
    return parseLaunchArgs(argv)
  } catch (e) {
    if (e instanceof LaunchArgsError) dialog.showErrorBox('Linkscope', `Could not understand the request: ${e.message}`)
    return { kind: 'open' }
  }
}

function createWindow(engine: EngineHost, launch: LaunchRequest, events: ReturnType<typeof createAppEvents>): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 420,
    title: 'Linkscope',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d21' : '#f7f7f8',
    show: false,
    webPreferences: secureWebPreferences(preload),
  })
  lockNavigation(win.webContents, appUrlOf(rendererIndex))
  const session = engine.session((jobId, items) => { if (!win.webContents.isDestroyed()) win.webContents.send(JOB_ITEMS_CHANNEL, jobId, items) })
  const unregister = registerIpc(session, events, win, makeSenderCheck(win, rendererIndex))
  win.once('ready-to-show', () => win.show())
  win.on('closed', unregister)
  void win.loadFile(rendererIndex)
  if (launch.kind !== 'open') void applyLaunch(launch, engine.session(() => {}), events)
  return win
}

function startApp(launch: LaunchRequest): void {
  const startDir = launch.kind === 'open' && launch.path ? path.resolve(launch.path) : undefined
  const engine = startEngineHost({ mode: 'electron', appCommand, ...(startDir ? { startDir } : {}) })
  const events = createAppEvents()
  let window: BrowserWindow | undefined

  app.on('second-instance', (_event, argv, _cwd, data) => {
    const forwarded = (data as { args?: unknown } | null)?.args
    void applyLaunch(readLaunch(Array.isArray(forwarded) ? forwarded.map(String) : ownArgs(argv)), engine.session(() => {}), events)
    if (window) { if (window.isMinimized()) window.restore(); window.focus() }
  })
  app.whenReady().then(() => {
    installCspHeader()
    Menu.setApplicationMenu(buildMenu(engine.session(() => {})))
    const open = (): void => {
      window = createWindow(engine, launch, events)
      window.on('closed', () => { window = undefined })
    }
    open()
    app.on('activate', () => { if (!window) open() })
  }, (e: unknown) => { console.error(e); app.exit(1) })
  // macOS keeps the app (and so the engine) alive without windows; 'activate' opens a new one over it.
  app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit() })
  app.on('will-quit', () => { void engine.close() })
}

const launch = readLaunch(ownArgs(process.argv))
if (launch.kind === 'elevated-helper') {
  // The elevated copy of the app: no window, no single-instance lock; serve one batch and exit.
  void runElevatedHelperFromArgs(process.argv).then((code) => app.exit(code))
} else if (!app.requestSingleInstanceLock({ args: ownArgs(process.argv) })) {
  app.quit() // the first instance received our arguments through 'second-instance'
} else {
  startApp(launch)
}
