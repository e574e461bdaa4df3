/**
 * The renderer's one door to the app. In Electron the preload exposes `window.linkscope` (a Transport);
 * in browser mode we open a WebSocket back to the page's own server with the access token from the URL.
 */
import type { Api } from '../../shared/ipc/contract'
import { buildApi, type Transport } from '../../shared/ipc/transport'
import { createWebSocketTransport, type SocketLike } from './ws-transport'

declare global {
  interface Window {
    linkscope?: Transport
  }
}

const TOKEN_KEY = 'linkscope.token'

/**
 * The browser-mode token: taken from `?token=` once, kept in sessionStorage for reloads, and removed
 * from the visible address so it is not shared by a screenshot or a copied URL.
 */
export function takeToken(loc: Location, storage: Storage, history: History): string | null {
  const url = new URL(loc.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    history.replaceState(history.state, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return storage.getItem(TOKEN_KEY)
}

/** Without a token there is nobody to talk to: every call says so. */
const closedTransport: Transport = {
  invoke: () => Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'This page has no access token.' } }),
  onJobItems: () => () => {},
}

export type Connection = {
  api: Api
  mode: 'electron' | 'browser'
  /** browser mode opened without its access token (neither in the address nor kept by this tab) */
  tokenMissing: boolean
  onLost(listener: () => void): void
}

export function connect(): Connection {
  if (window.linkscope) {
    return { api: buildApi(window.linkscope), mode: 'electron', tokenMissing: false, onLost: () => {} }
  }
  const token = takeToken(window.location, window.sessionStorage, window.history) ?? ''
  if (!token) return { api: buildApi(closedTransport), mode: 'browser', tokenMissing: true, onLost: () => {} }
  const url = `ws://${window.location.host}/ws?token=${encodeURIComponent(token)}`
  const transport = createWebSocketTransport(() => new WebSocket(url) as unknown as SocketLike)
  return { api: buildApi(transport), mode: 'browser', tokenMissing: false, onLost: (l) => transport.onLost(l) }
}
