/**
 * Window hardening in one place (Electron security checklist): isolation, sandbox, no Node in the page,
 * no navigation, no new windows, a CSP header on every response, and a trusted-sender check for IPC.
 */
import { session, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { pathToFileURL } from 'node:url'
import { contentSecurityPolicy } from '../../shared/csp'

export const CSP = contentSecurityPolicy()

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
  contents.on('will-navigate', (event, url) => { if (url !== appUrl) event.preventDefault() })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** Send the CSP as a response header too (the meta tag covers file://; this covers everything else). */
export function installCspHeader(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
}

/** Only our window's main frame, showing our own page, may call the engine. */
export function makeSenderCheck(win: BrowserWindow, rendererIndex: string) {
  const appUrl = pathToFileURL(rendererIndex).toString()
  return (event: IpcMainInvokeEvent): boolean =>
    event.sender.id === win.webContents.id && event.senderFrame?.parent === null && event.senderFrame.url === appUrl
}

export const appUrlOf = (rendererIndex: string): string => pathToFileURL(rendererIndex).toString()
