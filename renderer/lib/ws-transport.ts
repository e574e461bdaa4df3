/**
 * Browser mode's transport: the contract over one WebSocket to the local server (electron/serve/server.ts).
 * Requests made before the socket opens are queued; when it closes, every pending call resolves to an
 * UNKNOWN error that says the connection is gone, so no caller waits forever.
 */
import { err, type Result } from '../../shared/errors'
import { type ColumnBatch, fromColumns } from '../../shared/ipc/columns'
import type { Envelope, Transport } from '../../shared/ipc/transport'

type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'items'; jobId: string; items: unknown[] }
  | { type: 'columns'; jobId: string; columns: ColumnBatch }

export const LOST_MESSAGE =
  'Lost the connection to Linkscope. Start “linkscope serve” again and open the new address it prints.'

/** The socket as this transport uses it; a real WebSocket fits, and so does a test double. */
export type SocketLike = {
  readonly readyState: number
  send(data: string): void
  close(): void
  onopen: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
}

export type WebSocketTransport = Transport & {
  /** Called once when the socket closes or fails. */
  onLost(listener: () => void): void
}

const OPEN = 1

export function createWebSocketTransport(open: () => SocketLike): WebSocketTransport {
  const socket = open()
  let nextId = 1
  let lost = false
  const pending = new Map<number, (r: Result<unknown>) => void>()
  const queue: string[] = []
  const itemListeners = new Set<(jobId: string, items: unknown[]) => void>()
  const lostListeners = new Set<() => void>()

  socket.onopen = () => {
    for (const m of queue.splice(0)) socket.send(m)
  }
  socket.onmessage = (ev) => {
    let msg: ServerMessage
    let items: unknown[] = []
    try {
      msg = JSON.parse(String(ev.data)) as ServerMessage
      if (msg.type === 'columns') items = fromColumns(msg.columns)
      else if (msg.type === 'items') items = msg.items
    } catch {
      return // not a message of this protocol
    }
    if (msg.type === 'items' || msg.type === 'columns') for (const l of itemListeners) l(msg.jobId, items)
    else if (msg.type === 'result') {
      pending.get(msg.id)?.(msg.result)
      pending.delete(msg.id)
    }
  }
  const closed = (): void => {
    if (lost) return
    lost = true
    queue.length = 0
    for (const resolve of pending.values()) resolve(err({ code: 'UNKNOWN', message: LOST_MESSAGE }))
    pending.clear()
    for (const l of lostListeners) l()
  }
  socket.onclose = closed
  socket.onerror = closed

  return {
    invoke(channel: string, envelope: Envelope): Promise<Result<unknown>> {
      if (lost) return Promise.resolve(err({ code: 'UNKNOWN', message: LOST_MESSAGE }))
      const id = nextId++
      const text = JSON.stringify({ id, channel, envelope })
      return new Promise((resolve) => {
        pending.set(id, resolve)
        if (socket.readyState === OPEN) socket.send(text)
        else queue.push(text)
      })
    },
    onJobItems(listener) {
      itemListeners.add(listener)
      return () => {
        itemListeners.delete(listener)
      }
    },
    onLost(listener) {
      if (lost) listener()
      else lostListeners.add(listener)
    },
  }
}
