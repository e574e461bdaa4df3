/**
 * Runs Linkscope's real main bundle under plain Node as Electron 45 would start it, with the strict fake
 * `electron` module, and lets a test drive it over the process IPC channel (fork): fetch from the app's
 * scheme, invoke IPC handlers as a given frame, answer permission questions, close the window, start a
 * second instance. Everything main does reaches the test as events.
 *
 * Configuration (env SIM_CONFIG, JSON):
 *   layout 'dev':      { layout, execPath: …/electron, appDir, args, lockTaken? }   argv = [electron, appDir, …args]
 *   layout 'packaged': { layout, execPath: …/linkscope, args, lockTaken? }         argv = [exe, …args]
 */
'use strict'
const Module = require('node:module')
const path = require('node:path')
const fs = require('node:fs')
const workerThreads = require('node:worker_threads')

const config = JSON.parse(process.env.SIM_CONFIG)
const FAKE = path.join(__dirname, 'fake-electron.cjs')
const send = (m) => {
  if (process.connected) process.send(m)
}

process.on('uncaughtException', (e) =>
  send({ type: 'uncaught', message: String(e?.message ?? e), stack: String(e?.stack ?? '') }),
)
process.on('unhandledRejection', (e) =>
  send({ type: 'uncaught', message: `unhandled rejection: ${String(e?.message ?? e)}`, stack: String(e?.stack ?? '') }),
)

// What Electron sets before running the app's main script.
process.execPath = config.execPath
process.resourcesPath = path.join(path.dirname(config.execPath), 'resources')
process.type = 'browser'
process.versions.electron = '45.4.1'
if (config.layout === 'dev') {
  process.defaultApp = true
  process.argv = [config.execPath, config.appDir, ...config.args]
} else {
  process.argv = [config.execPath, ...config.args]
}

// require('electron') from anywhere in the app gets the fake; nothing else is redirected.
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? FAKE : resolve.call(this, request, ...rest)
}
const electron = require(FAKE)
const sim = electron[Symbol.for('linkscope.sim')]
sim.report = (event) => send({ type: 'event', event })
sim.lockTaken = Boolean(config.lockTaken)

// The engine worker's messages can be held back and released later, so a test can make batches arrive
// after the window closed: exactly the order Electron can produce when a window closes mid-stream.
// Its answers to the host's liveness pings pass: held, they would make a busy engine look stuck after a few
// seconds, and the host would replace it and end its jobs before the test got to close the window.
// Its end ('exit', 'error') waits in the same queue: the messages it sent before it ended were received
// before it ended, so they reach main first, whenever the test releases them.
const gate = { held: false, waiting: [], cancelled: [] }
const RealWorker = workerThreads.Worker
workerThreads.Worker = class GatedWorker extends RealWorker {
  postMessage(m, ...rest) {
    if (m?.channel === 'jobs:cancel') gate.cancelled.push(m.envelope?.args?.[0])
    return super.postMessage(m, ...rest)
  }
  on(event, listener) {
    if (event !== 'message' && event !== 'exit' && event !== 'error') return super.on(event, listener)
    return super.on(event, (m) => {
      if (gate.held && m?.type !== 'pong') gate.waiting.push({ m, listener })
      else listener(m)
    })
  }
}

const windowState = () =>
  sim.windows.map((w) => ({
    id: w._id,
    options: w.options,
    url: w.url ?? null,
    shown: w.shown,
    bounds: w.bounds,
    maximized: w.maximized,
    destroyed: w.destroyed,
    destroyedChecks: w.contents._sim.destroyedChecks,
  }))

async function answer(m) {
  switch (m.type) {
    case 'state':
      return {
        calls: sim.calls,
        violations: sim.violations,
        ready: sim.ready,
        windows: windowState(),
        privileged: sim.privileged,
        protocols: [...sim.protocols.keys()],
        handlers: [...sim.handlers.keys()],
        gate: { held: gate.held, waiting: gate.waiting.length, cancelled: gate.cancelled },
        execPath: process.execPath,
        appPath: sim.ready ? electron.app.getAppPath() : null,
      }
    case 'fetch': {
      const scheme = new URL(m.url).protocol.slice(0, -1)
      const handler = sim.protocols.get(scheme)
      if (!handler) return { status: -1, headers: [], body: Buffer.alloc(0) } // Chromium: ERR_UNKNOWN_URL_SCHEME
      const r = await handler(new Request(m.url, { method: m.method }))
      return { status: r.status, headers: [...r.headers.entries()], body: Buffer.from(await r.arrayBuffer()) }
    }
    case 'invoke': {
      const handler = sim.handlers.get(m.channel)
      if (!handler) return { error: `No handler registered for '${m.channel}'` }
      const w = sim.windowOf(m.windowId)
      const event = new Proxy(
        {
          sender: w.contents,
          senderFrame: m.frameUrl === null ? null : { url: m.frameUrl, parent: m.isMainFrame ? null : {} },
          processId: 1,
          frameId: 1,
        },
        {
          get(t, p) {
            if (typeof p === 'string' && !(p in t) && p !== 'then')
              throw new Error(`fake electron: IpcMainInvokeEvent.${p} is not used by Linkscope`)
            return t[p]
          },
        },
      )
      // Electron structured-clones the arguments on the way in and the result on the way out.
      const result = await handler(event, structuredClone(m.envelope))
      return { result: structuredClone(result) }
    }
    case 'permission': {
      if (m.kind === 'check') return { granted: sim.permission.check?.(null, m.permission, m.origin, {}) ?? null }
      return {
        granted: await new Promise((done) => {
          if (!sim.permission.request) return done(null)
          sim.permission.request(null, m.permission, done, { requestingUrl: m.url })
        }),
      }
    }
    case 'navigate': {
      let prevented = false
      sim.windowOf(m.windowId).contents._sim.emit(
        'will-navigate',
        {
          preventDefault() {
            prevented = true
          },
        },
        m.url,
      )
      return { prevented }
    }
    case 'contents-event': // Electron emitting a webContents event (navigation started, renderer gone…)
      sim
        .windowOf(m.windowId)
        .contents._sim.emit(m.event, ...m.args.map((a) => (a === 'EVENT' ? { preventDefault() {} } : a)))
      return {}
    case 'window-open':
      return { action: sim.windowOf(m.windowId).contents._sim.windowOpenHandler?.({ url: m.url })?.action ?? null }
    case 'close':
      return { closed: sim.closeWindow(m.windowId) }
    case 'place-window': // the person moves, resizes or maximizes it
      sim.placeWindow(m.windowId, m)
      return {}
    case 'window-event': // Electron emitting a BrowserWindow event ('ready-to-show'…)
      sim.windowOf(m.windowId).events.emit(m.event)
      return {}
    case 'second-instance':
      sim.emitApp('second-instance', { preventDefault() {} }, m.argv, m.cwd, m.data)
      return {}
    case 'gate':
      gate.held = m.hold
      if (!m.hold) for (const { m: msg, listener } of gate.waiting.splice(0)) listener(msg)
      return { released: true }
    case 'exit':
      setImmediate(() => process.exit(0))
      return {}
    default:
      throw new Error(`unknown harness command ${m.type}`)
  }
}

process.on('message', (m) => {
  answer(m).then(
    (value) => send({ type: 'reply', id: m.id, value }),
    (e) => send({ type: 'reply', id: m.id, error: String(e?.stack ?? e) }),
  )
})

// Electron reads "main" from the app's package.json (app.asar when packaged), runs it, then emits 'ready'.
const appPath = config.layout === 'dev' ? path.resolve(config.appDir) : path.join(process.resourcesPath, 'app.asar')
const main = path.join(appPath, JSON.parse(fs.readFileSync(path.join(appPath, 'package.json'), 'utf8')).main)
try {
  require(main)
  send({ type: 'loaded', main })
} catch (e) {
  send({ type: 'load-failed', message: String(e?.stack ?? e) })
}
setImmediate(() => sim.emitReady())
