import type { IpcMainInvokeEvent, Session, WebContents } from 'electron'
import { describe, expect, it } from 'vitest'

import { APP_URL } from '../../../electron/main/app-origin'
import { installPermissionHandlers, makeSenderCheck } from '../../../electron/main/security'

// Electron's session and IPC event cannot exist here: these record what the handlers are given.
type RequestHandler = (
  wc: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string },
) => void
type CheckHandler = (wc: unknown, permission: string, requestingOrigin: string) => boolean

function handlers(): { request: RequestHandler; check: CheckHandler } {
  const got: { request?: RequestHandler; check?: CheckHandler } = {}
  installPermissionHandlers({
    setPermissionRequestHandler: (h: RequestHandler) => {
      got.request = h
    },
    setPermissionCheckHandler: (h: CheckHandler) => {
      got.check = h
    },
  } as unknown as Session)
  if (!got.request || !got.check) throw new Error('both handlers must be installed')
  return { request: got.request, check: got.check }
}
const ask = (h: RequestHandler, permission: string, requestingUrl: string): boolean => {
  let answer: boolean | undefined
  h(
    {},
    permission,
    (g) => {
      answer = g
    },
    { requestingUrl },
  )
  if (answer === undefined) throw new Error('the request handler must answer')
  return answer
}

describe('permissions', () => {
  it('grant the clipboard write to the app page, and nothing else to anyone', () => {
    const { request, check } = handlers()
    expect(ask(request, 'clipboard-sanitized-write', APP_URL)).toBe(true)
    expect(check({}, 'clipboard-sanitized-write', 'linkscope://app')).toBe(true)
    for (const p of [
      'clipboard-read',
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'fileSystem',
      'hid',
      'serial',
    ]) {
      expect(ask(request, p, APP_URL), p).toBe(false)
      expect(check({}, p, 'linkscope://app'), p).toBe(false)
    }
    for (const url of [
      'https://evil.example/',
      'file:///tmp/x.html',
      'linkscope://app.evil/',
      'linkscope://other/index.html',
    ]) {
      expect(ask(request, 'clipboard-sanitized-write', url), url).toBe(false)
      expect(check({}, 'clipboard-sanitized-write', new URL(url).origin), url).toBe(false)
    }
  })
})

describe('the IPC sender check', () => {
  const contents = { id: 7 } as WebContents
  const event = (senderId: number, url: string, parent: object | null = null): IpcMainInvokeEvent =>
    ({ sender: { id: senderId }, senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent
  const trusted = makeSenderCheck(contents)
  it("accepts the window's main frame on the app page, whatever folder the app runs from", () => {
    expect(trusted(event(7, APP_URL))).toBe(true)
    expect(trusted(event(7, `${APP_URL}#details`))).toBe(true)
  })
  it('refuses another window, a subframe, another page, and a frame that is gone', () => {
    expect(trusted(event(8, APP_URL))).toBe(false)
    expect(trusted(event(7, APP_URL, {}))).toBe(false)
    expect(
      trusted(event(7, 'file:///C:/Users/JOHNSM~1/AppData/Local/Temp/x/resources/app.asar/out/renderer/index.html')),
    ).toBe(false)
    expect(trusted(event(7, 'https://evil.example/'))).toBe(false)
    expect(trusted({ sender: { id: 7 }, senderFrame: null } as unknown as IpcMainInvokeEvent)).toBe(false)
  })
})
