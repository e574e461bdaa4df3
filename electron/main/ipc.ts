/**
 * Registers every contract channel in one loop; each call is sender-checked, then either served here
 * (what only main can do: the file manager, events from outside) or forwarded to the engine worker.
 */
import { ipcMain, shell, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { err, ok, toAppError, type Result } from '../../shared/errors'
import { ALL_CHANNELS, JOB_ITEMS_CHANNEL, ipcContract } from '../../shared/ipc/contract'
import { DEVELOPER_SETTINGS_URI } from '../../shared/privilege-choices'
import type { EngineSession } from '../engine/service/engine-host'
import type { AppEvents } from './app-events'
import { launchElevated, runElevated } from './elevate'

export function registerIpc(
  session: EngineSession, events: AppEvents, win: BrowserWindow, isTrusted: (e: IpcMainInvokeEvent) => boolean,
): () => void {
  const contents = win.webContents
  const eventJobs = new Map<string, () => void>() // app:events job id → stop
  for (const channel of ALL_CHANNELS) {
    ipcMain.handle(channel, async (event, envelope: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event)) return err({ code: 'FORBIDDEN', message: 'This request did not come from the Linkscope window.' })
      const args = (envelope as { args?: unknown[] } | null)?.args ?? []
      if (channel === ipcContract.shell.reveal.channel) return reveal(args[0])
      if (channel === ipcContract.shell.openDeveloperSettings.channel) return openDeveloperSettings()
      if (channel === ipcContract.app.events.channel) return streamEvents(envelope)
      if (channel === ipcContract.links.elevate.channel) return elevate(args)
      if (channel === 'jobs:cancel' && typeof args[0] === 'string' && eventJobs.has(args[0])) {
        eventJobs.get(args[0])?.()
        return ok(true)
      }
      return session.request(channel, envelope)
    })
  }

  function streamEvents(envelope: unknown): Promise<Result<null>> {
    const jobId = (envelope as { jobId?: unknown } | null)?.jobId
    if (typeof jobId !== 'string' || jobId.length > 64 || eventJobs.has(jobId)) {
      return Promise.resolve(err({ code: 'INVALID_ARGUMENT', message: 'app:events needs a new job id.' }))
    }
    return new Promise((resolve) => {
      const unsubscribe = events.subscribe((e) => { if (!contents.isDestroyed()) contents.send(JOB_ITEMS_CHANNEL, jobId, [e]) })
      eventJobs.set(jobId, () => { unsubscribe(); eventJobs.delete(jobId); resolve(ok(null)) })
    })
  }

  async function elevate(args: unknown[]): Promise<Result<unknown>> {
    try {
      if (args.length !== 1) throw new Error('links:elevate takes one list of operations')
      const ops = ipcContract.links.elevate.args[0].check(args[0], 'operations')
      return ok(await runElevated(ops, session, () => launchElevated(win)))
    } catch (e) {
      return err(toAppError(e))
    }
  }

  /** The page that started these jobs is gone: end its event streams and cancel its engine jobs. */
  const forgetPage = (): void => {
    for (const stop of [...eventJobs.values()]) stop()
    session.close()
  }
  // View › Reload (or any new document) and a crashed renderer leave no page to receive batches.
  contents.on('did-start-navigation', (details) => { if (details.isMainFrame && !details.isSameDocument) forgetPage() })
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
async function openDeveloperSettings(): Promise<Result<undefined>> {
  if (process.platform !== 'win32') return err({ code: 'UNSUPPORTED_ON_PLATFORM', message: 'Developer Mode is a Windows setting.' })
  try {
    await shell.openExternal(DEVELOPER_SETTINGS_URI)
    return ok(undefined)
  } catch (e) {
    return err(toAppError(e))
  }
}

/** The system file manager lives in main, not in the engine. */
function reveal(p: unknown): Result<undefined> {
  try {
    shell.showItemInFolder(ipcContract.shell.reveal.args[0].check(p, 'path'))
    return ok(undefined)
  } catch (e) {
    return err(toAppError(e))
  }
}
