/** Registers and serves the linkscope://app/ scheme (app-origin.ts says why). */
import { protocol } from 'electron'

import { answerAppRequest, APP_SCHEME } from './app-origin'

/** Before `ready`: standard (relative URLs, an origin), secure (a secure context), fetch for the module loader. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** After `ready`: serve the built renderer folder (inside app.asar when packaged; Electron's fs reads it). */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(request, rendererDir))
}
