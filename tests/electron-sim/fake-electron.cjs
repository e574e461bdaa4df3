/**
 * A strict, recording stand-in for the `electron` module of Electron 45, for the main bundle under plain
 * Node (the Electron binary cannot run here). Only the APIs Linkscope's main process is meant to use
 * exist; touching anything else throws and is recorded as a violation. Electron's ordering rules are
 * enforced (what must happen before or after `ready`), and app.getAppPath / app.isPackaged follow
 * Electron's own formulas from process.execPath, process.argv and process.resourcesPath.
 *
 * The harness (run-main.cjs) drives it: `sim` is its control surface, not part of Electron.
 */
'use strict'
const { EventEmitter } = require('node:events')
const path = require('node:path')
const fs = require('node:fs')
const os = require('node:os')

const sim = {
  calls: [], // { api, ready } in order
  violations: [],
  ready: false,
  /** set by the harness: forward an event to the test (webContents.send, dialogs, navigation) */
  report: () => {},
  handlers: new Map(), // ipcMain channel → handler
  protocols: new Map(), // scheme → handler
  privileged: [],
  permission: { request: null, check: null },
  windows: [],
  lockTaken: false,
}

function record(api, detail) {
  sim.calls.push({ api, ready: sim.ready, ...(detail === undefined ? {} : { detail }) })
}
function violation(message) {
  sim.violations.push(message)
  return new Error(`fake electron: ${message}`)
}
function needReady(api) {
  if (!sim.ready) throw violation(`${api} used before the app is ready`)
}
function needNotReady(api) {
  if (sim.ready) throw violation(`${api} must be called before the app is ready`)
}

/** Reading a member that is not listed throws: the app may only use what Electron really offers it. */
function strict(name, target) {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'symbol' || prop === 'then' || prop === '__esModule' || prop === 'toJSON')
        return Reflect.get(t, prop, receiver)
      if (!(prop in t)) throw violation(`${name}.${String(prop)} is not an API Linkscope's main process may use`)
      return Reflect.get(t, prop, receiver)
    },
    set(t, prop, value) {
      if (!(prop in t)) throw violation(`${name}.${String(prop)} cannot be set`)
      t[prop] = value
      return true
    },
  })
}

// ---- app ------------------------------------------------------------------------------------------
const appEvents = new EventEmitter()
let resolveReady
const readyPromise = new Promise((resolve) => {
  resolveReady = resolve
})
const paths = new Map()
// Electron always has these; the simulation gives each run its own throw-away ones.
// SIM_HOME: made and removed by the harness (tests/helpers/electron-sim.ts), which outlives a killed main.
{
  const home = process.env.SIM_HOME || fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-sim-user-'))
  // SIM_USER_DATA: a profile kept between runs (what a second start of the app finds)
  paths.set('userData', process.env.SIM_USER_DATA || path.join(home, 'userData'))
  paths.set('downloads', path.join(home, 'Downloads'))
  process.on('exit', () => fs.rmSync(home, { recursive: true, force: true }))
}
const exeName = () => path.basename(process.execPath).toLowerCase()

const app = strict('app', {
  // Electron: lib/browser/api/app.ts — packaged unless the binary is electron(.exe)
  get isPackaged() {
    return process.platform === 'win32' ? exeName() !== 'electron.exe' : exeName() !== 'electron'
  },
  getAppPath() {
    record('app.getAppPath')
    // Electron: the folder given on the command line (default_app), or resources/app.asar when packaged
    return this.isPackaged ? path.join(process.resourcesPath, 'app.asar') : path.resolve(process.argv[1])
  },
  getPath(name) {
    record('app.getPath', name)
    if (!paths.has(name)) throw violation(`app.getPath('${name}') has no value in this simulation`)
    return paths.get(name)
  },
  setPath(name, value) {
    record('app.setPath', { name, value })
    if (!path.isAbsolute(value)) throw violation(`app.setPath('${name}') needs an absolute path`)
    paths.set(name, value)
  },
  disableHardwareAcceleration() {
    record('app.disableHardwareAcceleration')
    needNotReady('app.disableHardwareAcceleration')
  },
  requestSingleInstanceLock(additionalData) {
    record('app.requestSingleInstanceLock', additionalData)
    // additionalData crosses processes: it must survive a structured clone
    structuredClone(additionalData)
    return !sim.lockTaken
  },
  whenReady() {
    record('app.whenReady')
    return readyPromise
  },
  isReady() {
    return sim.ready
  },
  on(event, listener) {
    record('app.on', event)
    appEvents.on(event, listener)
    return app
  },
  once(event, listener) {
    record('app.once', event)
    appEvents.once(event, listener)
    return app
  },
  quit() {
    record('app.quit')
    sim.report({ type: 'quit' })
    // Electron closes the windows, then 'will-quit', then exits; the harness decides when to stop.
    setImmediate(() => {
      appEvents.emit('before-quit', { preventDefault() {} })
      appEvents.emit('will-quit', { preventDefault() {} })
    })
  },
  exit(code) {
    record('app.exit', code)
    sim.report({ type: 'exit', code, calls: sim.calls })
    process.exitCode = code
    setImmediate(() => process.exit(code))
  },
})

// ---- protocol -------------------------------------------------------------------------------------
const protocol = strict('protocol', {
  registerSchemesAsPrivileged(schemes) {
    record('protocol.registerSchemesAsPrivileged', schemes)
    needNotReady('protocol.registerSchemesAsPrivileged')
    sim.privileged.push(...schemes)
  },
  handle(scheme, handler) {
    record('protocol.handle', scheme)
    needReady('protocol.handle')
    if (sim.protocols.has(scheme)) throw violation(`protocol.handle('${scheme}') twice`)
    if (!sim.privileged.some((s) => s.scheme === scheme))
      throw violation(`protocol.handle('${scheme}') for a scheme never registered as privileged`)
    sim.protocols.set(scheme, handler)
  },
})

// ---- session --------------------------------------------------------------------------------------
const defaultSession = strict('session.defaultSession', {
  setPermissionRequestHandler(handler) {
    record('session.setPermissionRequestHandler')
    sim.permission.request = handler
  },
  setPermissionCheckHandler(handler) {
    record('session.setPermissionCheckHandler')
    sim.permission.check = handler
  },
})
const session = strict('session', {
  get defaultSession() {
    needReady('session.defaultSession')
    return defaultSession
  },
})

// ---- ipcMain --------------------------------------------------------------------------------------
const ipcMain = strict('ipcMain', {
  handle(channel, handler) {
    record('ipcMain.handle', channel)
    // Electron: "Attempted to register a second handler for '<channel>'"
    if (sim.handlers.has(channel)) throw violation(`Attempted to register a second handler for '${channel}'`)
    sim.handlers.set(channel, handler)
  },
  removeHandler(channel) {
    record('ipcMain.removeHandler', channel)
    sim.handlers.delete(channel)
  },
})

// ---- BrowserWindow and webContents ----------------------------------------------------------------
let nextContentsId = 1
function destroyedError() {
  return new TypeError('Object has been destroyed')
}

class FakeWebContents extends EventEmitter {
  constructor(win) {
    super()
    this._id = nextContentsId++
    this._win = win
    this._destroyed = false
    this.destroyedChecks = 0
    this.windowOpenHandler = null
  }
}
function makeContents(win) {
  const c = new FakeWebContents(win)
  const alive = (api) => {
    if (c._destroyed) throw destroyedError()
    record(`webContents.${api}`)
  }
  return strict('webContents', {
    get id() {
      if (c._destroyed) throw destroyedError()
      return c._id
    },
    isDestroyed() {
      if (c._destroyed) c.destroyedChecks++
      return c._destroyed
    },
    on(event, listener) {
      alive('on')
      c.on(event, listener)
      return this
    },
    once(event, listener) {
      alive('once')
      c.once(event, listener)
      return this
    },
    setWindowOpenHandler(handler) {
      alive('setWindowOpenHandler')
      c.windowOpenHandler = handler
    },
    send(channel, ...args) {
      if (c._destroyed) throw destroyedError()
      structuredClone(args) // Electron serialises with the structured clone algorithm
      sim.report({ type: 'send', windowId: win._id, channel, args })
    },
    get _sim() {
      return c
    },
  })
}

let nextWindowId = 1
class BrowserWindow {
  constructor(options) {
    record('new BrowserWindow', options)
    needReady('new BrowserWindow')
    const events = new EventEmitter()
    // Where the window is: as asked, else the asked (or default) size centred on the first display.
    const area = sim.displays[0]
    const width = options?.width ?? 800
    const height = options?.height ?? 600
    const bounds = {
      x: options?.x ?? area.x + Math.round((area.width - width) / 2),
      y: options?.y ?? area.y + Math.round((area.height - height) / 2),
      width,
      height,
    }
    const w = { _id: nextWindowId++, events, options, destroyed: false, shown: false, bounds, maximized: false }
    const contents = makeContents(w)
    w.contents = contents
    const alive = (api) => {
      if (w.destroyed) throw destroyedError()
      record(`BrowserWindow.${api}`)
    }
    const win = strict('BrowserWindow', {
      get webContents() {
        if (w.destroyed) throw destroyedError()
        return contents
      },
      on(event, listener) {
        alive('on')
        events.on(event, listener)
        return win
      },
      once(event, listener) {
        alive('once')
        events.once(event, listener)
        return win
      },
      show() {
        alive('show')
        w.shown = true
      },
      isMinimized() {
        alive('isMinimized')
        return false
      },
      restore() {
        alive('restore')
      },
      focus() {
        alive('focus')
      },
      getNativeWindowHandle() {
        alive('getNativeWindowHandle')
        return Buffer.alloc(8)
      },
      getNormalBounds() {
        alive('getNormalBounds')
        return { ...w.bounds }
      },
      isMaximized() {
        alive('isMaximized')
        return w.maximized
      },
      maximize() {
        alive('maximize')
        w.maximized = true
      },
      loadURL(url) {
        alive('loadURL')
        w.url = url
        sim.report({ type: 'load', windowId: w._id, url, preload: options?.webPreferences?.preload ?? null })
        return Promise.resolve()
      },
    })
    w.win = win
    sim.windows.push(w)
    return win
  }
}
/** The harness closes a window the way Electron does: 'close', then destroyed, then 'closed'. */
sim.closeWindow = (id) => {
  const w = sim.windows.find((x) => x._id === id)
  if (!w || w.destroyed) return false
  w.events.emit('close', { preventDefault() {} })
  w.destroyed = true
  w.contents._sim._destroyed = true
  w.events.emit('closed')
  if (sim.windows.every((x) => x.destroyed)) appEvents.emit('window-all-closed')
  return true
}
sim.windowOf = (id) => sim.windows.find((x) => x._id === id)
/** The person moves, resizes or maximizes the window (its normal bounds stay what they were when maximized). */
sim.placeWindow = (id, { bounds, maximized }) => {
  const w = sim.windowOf(id)
  if (bounds) w.bounds = { ...bounds }
  if (maximized !== undefined) w.maximized = maximized
}
/** The displays' work areas: SIM_DISPLAYS (JSON) or one 1920×1040 screen. */
sim.displays = process.env.SIM_DISPLAYS
  ? JSON.parse(process.env.SIM_DISPLAYS)
  : [{ x: 0, y: 0, width: 1920, height: 1040 }]
sim.emitReady = () => {
  sim.ready = true
  appEvents.emit('ready')
  resolveReady()
}
sim.emitApp = (event, ...args) => appEvents.emit(event, ...args)

// ---- the rest main uses ---------------------------------------------------------------------------
const dialog = strict('dialog', {
  showErrorBox(title, content) {
    record('dialog.showErrorBox')
    sim.report({ type: 'error-box', title, content })
  },
  showSaveDialog(_win, options) {
    record('dialog.showSaveDialog', options)
    return Promise.resolve(sim.saveAnswer ?? { canceled: true, filePath: '' })
  },
  showOpenDialog(_win, options) {
    record('dialog.showOpenDialog', options)
    return Promise.resolve(sim.openAnswer ?? { canceled: true, filePaths: [] })
  },
})
const screen = strict('screen', {
  getAllDisplays() {
    record('screen.getAllDisplays')
    needReady('screen.getAllDisplays')
    return sim.displays.map((workArea) => ({ workArea: { ...workArea } }))
  },
})
const Menu = strict('Menu', {
  buildFromTemplate(template) {
    record('Menu.buildFromTemplate')
    structuredClone(JSON.parse(JSON.stringify(template)))
    return { items: template }
  },
  setApplicationMenu(menu) {
    record('Menu.setApplicationMenu')
    needReady('Menu.setApplicationMenu')
    sim.menu = menu
  },
})
const nativeTheme = strict('nativeTheme', {
  get shouldUseDarkColors() {
    return false
  },
})
const shell = strict('shell', {
  showItemInFolder(p) {
    record('shell.showItemInFolder', p)
  },
  openExternal(url) {
    record('shell.openExternal', url)
    return Promise.resolve()
  },
  // Electron's answer is an error message, '' when it opened; here a ".no-app" name has no app
  openPath(p) {
    record('shell.openPath', p)
    return Promise.resolve(p.endsWith('.no-app') ? 'No application is associated with the specified file' : '')
  },
})

module.exports = strict('electron', {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  screen,
  session,
  shell,
  [Symbol.for('linkscope.sim')]: sim,
})
