/**
 * Window hardening in one place (Electron security checklist): isolation, sandbox, no Node in the page,
 * no navigation, no new windows, only the permissions the app uses, and a trusted-sender check for IPC.
 */
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron'

import { isAppUrl } from './app-origin'

export const secureWebPreferences = (preload: string): Electron.WebPreferences => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  spellcheck: false,
})

/** Deny every navigation away from the app page and every new window. */
export function lockNavigation(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== appUrl) event.preventDefault()
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** "Copy target path" and "copy the list" write text with navigator.clipboard; nothing reads it. */
const GRANTED = new Set(['clipboard-sanitized-write'])

/** Grant only the clipboard write, and only to the app's own page; everything else is denied. */
export function installPermissionHandlers(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(GRANTED.has(permission) && isAppUrl(details.requestingUrl))
  })
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) => GRANTED.has(permission) && isAppUrl(`${requestingOrigin}/`),
  )
}

/**
 * Only this window's main frame, showing the app's page, may call the engine. `contents` is captured when
 * the window is made (reading win.webContents after 'closed' throws).
 */
export function makeSenderCheck(contents: WebContents) {
  return (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame
    return event.sender.id === contents.id && frame !== null && frame.parent === null && isAppUrl(frame.url)
  }
}
