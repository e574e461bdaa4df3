/** The desktop app: one hardened window over the engine worker; one instance, which later starts forward to. */
import * as path from 'node:path'

import { app, BrowserWindow, dialog, Menu, nativeTheme, screen, session } from 'electron'

import { JOB_ITEMS_CHANNEL } from '../../shared/ipc/contract'
import { type EngineHost, startEngineHost } from '../engine/service/engine-host'
import { appCommandFor } from './app-command'
import { applyLaunch, createAppEvents } from './app-events'
import { APP_URL } from './app-origin'
import { registerAppScheme, serveRenderer } from './app-scheme'
import { type EngineClient, engineClient } from './engine-client'
import { runHelperMode } from './helper-mode'
import { registerIpc } from './ipc'
import { LaunchArgsError, type LaunchRequest, parseLaunchArgs, resolveLaunchPaths } from './launch-args'
import { buildMenu } from './menu'
import { installPermissionHandlers, lockNavigation, makeSenderCheck, secureWebPreferences } from './security'
import { DEFAULT_SIZE, loadWindowState, MIN_SIZE, saveWindowState, visibleBounds } from './window-state'

const rendererDir = path.join(__dirname, '..', 'renderer')
const preload = path.join(__dirname, '..', 'preload', 'index.js')
/** Our own arguments: after the executable (packaged) or after the app folder (development). */
const ownArgs = (argv: readonly string[]): string[] => argv.slice(app.isPackaged ? 1 : 2)
const appCommand = appCommandFor(process.env, process.execPath, app.isPackaged, app.getAppPath())

function readLaunch(argv: readonly string[], cwd: string): LaunchRequest {
  try {
    return resolveLaunchPaths(parseLaunchArgs(argv), cwd)
  } catch (e) {
    if (e instanceof LaunchArgsError) dialog.showErrorBox('Linkscope', `Could not understand the request: ${e.message}`)
    return { kind: 'open' }
  }
}

function createWindow(
  engine: EngineHost,
  client: EngineClient,
  launch: LaunchRequest,
  events: ReturnType<typeof createAppEvents>,
): BrowserWindow {
  const configDir = app.getPath('userData')
  const saved = loadWindowState(configDir)
  const bounds =
    saved &&
    visibleBounds(
      saved.bounds,
      screen.getAllDisplays().map((d) => d.workArea),
    )
  const win = new BrowserWindow({
    ...(bounds ?? DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Linkscope',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1b1d21' : '#f7f7f8',
    show: false,
    webPreferences: secureWebPreferences(preload),
  })
  // Kept from the start: after 'closed', reading win.webContents throws "Object has been destroyed",
  // and batches already on their way from the worker still arrive.
  const contents = win.webContents
  lockNavigation(contents, APP_URL)
  const session = engine.session((jobId, items) => {
    if (!contents.isDestroyed()) contents.send(JOB_ITEMS_CHANNEL, jobId, items)
  })
  const unregister = registerIpc(session, client, events, win, makeSenderCheck(contents))
  // Remembered as it closes: the size and place it had when not maximized, and whether it was.
  win.on('close', () => saveWindowState(configDir, { bounds: win.getNormalBounds(), maximized: win.isMaximized() }))
  win.once('ready-to-show', () => {
    if (saved?.maximized) win.maximize()
    win.show()
    // `npm start` falls back to browser mode if Electron stops before this line (scripts/start.mjs).
    if (process.env.LINKSCOPE_NOTIFY_READY === '1') process.stdout.write('linkscope:ready\n')
  })
  win.on('closed', unregister) // cancels this window's jobs
  win.loadURL(APP_URL).catch((e: unknown) => {
    console.error('Linkscope could not load its window:', e)
  })
  if (launch.kind !== 'open') void applyLaunch(launch, client, events)
  return win
}

function startApp(launch: LaunchRequest): void {
  const startDir = launch.kind === 'open' ? launch.path : undefined
  const engine = startEngineHost({ mode: 'electron', appCommand, ...(startDir ? { startDir } : {}) })
  const events = createAppEvents()
  const client = engineClient(engine)
  let window: BrowserWindow | undefined

  app.on('second-instance', (_event, argv, cwd, data) => {
    const forwarded = typeof data === 'object' && data !== null && 'args' in data ? data.args : undefined
    void applyLaunch(readLaunch(Array.isArray(forwarded) ? forwarded.map(String) : ownArgs(argv), cwd), client, events)
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })
  app.whenReady().then(
    () => {
      serveRenderer(rendererDir)
      installPermissionHandlers(session.defaultSession)
      Menu.setApplicationMenu(buildMenu(client))
      const open = (): void => {
        window = createWindow(engine, client, launch, events)
        window.on('closed', () => {
          window = undefined
        })
      }
      open()
      app.on('activate', () => {
        if (!window) open()
      })
    },
    (e: unknown) => {
      console.error(e)
      app.exit(1)
    },
  )
  // macOS keeps the app (and so the engine) alive without windows; 'activate' opens a new one over it.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => {
    void engine.close()
  })
}

if (ownArgs(process.argv)[0] === '--elevated-helper') {
  runHelperMode()
} else {
  registerAppScheme() // before 'ready', as Electron requires
  if (!app.requestSingleInstanceLock({ args: ownArgs(process.argv) })) {
    app.quit() // the first instance received our arguments through 'second-instance' and reads them
  } else {
    startApp(readLaunch(ownArgs(process.argv), process.cwd()))
  }
}
