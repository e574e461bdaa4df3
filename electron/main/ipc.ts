/**
 * Registers every contract channel in one loop; each call is sender-checked, then served here if the
 * contract's servedBy table gives it to main (what needs the window or the system shell), or forwarded
 * to this window's engine session.
 */
import * as path from 'node:path'

import { app, type BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, shell } from 'electron'

import { err, LinkError, type Result } from '../../shared/errors'
import { ALL_CHANNELS, JOB_CANCEL_CHANNEL, JOB_ITEMS_CHANNEL } from '../../shared/ipc/contract'
import type { HandlersOn } from '../../shared/ipc/sides'
import { DEVELOPER_SETTINGS_URI } from '../../shared/windows-settings'
import { sideDispatcher } from '../engine/service/dispatch'
import type { EngineSession } from '../engine/service/engine-host'
import { openablePath, openInTerminal } from '../engine/service/open-outside'
import type { AppEvents } from './app-events'
import { launchElevated, runElevated } from './elevate'
import type { EngineClient } from './engine-client'
import { saveExport } from './save-file'

export function registerIpc(
  session: EngineSession,
  engine: EngineClient,
  events: AppEvents,
  win: BrowserWindow,
  isTrusted: (e: IpcMainInvokeEvent) => boolean,
): () => void {
  const contents = win.webContents
  const own: HandlersOn<'main'> = {
    app: {
      events: (ctx) =>
        new Promise((resolve) => {
          const unsubscribe = events.subscribe((e) => ctx.emit([e]))
          const stop = (): void => {
            unsubscribe()
            resolve(null)
          }
          if (ctx.signal.aborted) stop()
          else ctx.signal.addEventListener('abort', stop)
        }),
    },
    picks: {},
    links: { elevate: (ops) => runElevated(ops, engine, () => launchElevated(win)) },
    scan: {},
    settings: {},
    shell: {
      reveal,
      openDeveloperSettings,
      openTerminal: async (p) => {
        await openInTerminal(p)
      },
      openDefault,
      saveFile: (name, content) =>
        saveExport(name, content, app.getPath('downloads'), async (defaultPath, ext) => {
          const r = await dialog.showSaveDialog(win, {
            defaultPath,
            filters: [{ name: ext.toUpperCase(), extensions: [ext] }],
          })
          return r.canceled ? undefined : r.filePath
        }),
      chooseFolder: async (start) => {
        // a relative start would open wherever main happens to run
        if (!path.isAbsolute(start)) throw new LinkError('INVALID_ARGUMENT', 'The path must be absolute.', start)
        const r = await dialog.showOpenDialog(win, { defaultPath: start, properties: ['openDirectory'] })
        return r.canceled ? null : (r.filePaths[0] ?? null)
      },
    },
    move: {},
    dupes: {},
    actions: {},
    trees: {},
    places: {},
  }
  const mainSide = sideDispatcher('main', own)
  const served = new Set(ALL_CHANNELS.filter((c) => mainSide.serves(c)))
  const push = (jobId: string, items: unknown[]): void => {
    if (!contents.isDestroyed()) contents.send(JOB_ITEMS_CHANNEL, jobId, items)
  }

  for (const channel of ALL_CHANNELS) {
    ipcMain.handle(channel, async (event, envelope: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event))
        return err({ code: 'FORBIDDEN', message: 'This request did not come from the Linkscope window.' })
      if (served.has(channel)) return mainSide.dispatch(channel, envelope, push)
      // A cancel for one of main's own streams ends it here; any other goes to the engine.
      if (channel === JOB_CANCEL_CHANNEL) {
        const mine = await mainSide.dispatch(channel, envelope, push)
        if (mine.ok && mine.value === true) return mine
      }
      return session.request(channel, envelope)
    })
  }

  /** The page that started these jobs is gone: end its event streams and cancel its engine jobs. */
  const forgetPage = (): void => {
    mainSide.cancelAll()
    session.close()
  }
  // View › Reload (or any new document) and a crashed renderer leave no page to receive batches.
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) forgetPage()
  })
  contents.on('render-process-gone', (_event, details) => {
    console.error(`Linkscope's window stopped (${details.reason}); its jobs were cancelled.`)
    forgetPage()
  })

  return () => {
    forgetPage()
    for (const channel of ALL_CHANNELS) ipcMain.removeHandler(channel)
  }
}

/** Developer Mode lets symbolic links be made without administrator rights (Windows 10 1703 and later). */
async function openDeveloperSettings(): Promise<undefined> {
  if (process.platform !== 'win32')
    throw new LinkError('UNSUPPORTED_ON_PLATFORM', 'Developer Mode is a Windows setting.')
  await shell.openExternal(DEVELOPER_SETTINGS_URI)
  return undefined
}

/** The system file manager lives in main, not in the engine. */
function reveal(p: string): undefined {
  shell.showItemInFolder(p)
  return undefined
}

/** The desktop's own opener (it knows the user's choices); a path is checked before it is handed over. */
async function openDefault(p: string): Promise<undefined> {
  const problem = await shell.openPath(openablePath(p))
  if (problem) throw new LinkError('NO_DEFAULT_APP', `The system could not open it: ${problem}`, p)
  return undefined
}
