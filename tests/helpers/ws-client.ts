/** A well-behaved browser-mode client (the `ws` library, our Origin, the token), with bounded waits. */
import { WebSocket } from 'ws'

const WAIT_MS = 10_000

export type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } }

export function connectClient(port: number, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`, {
      headers: { Origin: `http://127.0.0.1:${port}` },
    })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
}

let nextId = 1

/** Send one request and wait for its result (rejects after WAIT_MS or when the connection closes first). */
export function request(ws: WebSocket, channel: string, envelope: unknown): Promise<Answer> {
  return sendMessage(ws, (id) => ({ id, channel, envelope }))
}

/** Send the message `build` makes for a fresh id, and wait for the result with that id. */
export function sendMessage(ws: WebSocket, build: (id: number) => unknown): Promise<Answer> {
  const id = nextId++
  return new Promise((resolve, reject) => {
    const finish = (): void => {
      clearTimeout(timer)
      ws.off('message', onMessage)
      ws.off('close', onClose)
    }
    const onMessage = (data: Buffer): void => {
      const m = JSON.parse(String(data)) as { type: string; id?: number; result?: Answer }
      if (m.type === 'result' && m.id === id) {
        finish()
        resolve(m.result as Answer)
      }
    }
    const onClose = (): void => {
      finish()
      reject(new Error('the connection closed'))
    }
    const timer = setTimeout(() => {
      finish()
      reject(new Error(`no answer to request ${id} in ${WAIT_MS} ms`))
    }, WAIT_MS)
    ws.on('message', onMessage)
    ws.on('close', onClose)
    ws.send(JSON.stringify(build(id)))
  })
}

/** Resolves true once the connection is closed (false if it is still open after WAIT_MS). */
export function closedSoon(ws: WebSocket): Promise<boolean> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), WAIT_MS)
    ws.once('close', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}
