/**
 * One browser tab's WebSocket: its requests go to the engine, its stream batches come back to it alone.
 * Whatever a client sends, only its own connection suffers: a frame that breaks the protocol (bad UTF-8,
 * too big, a bad opcode) closes it, as does a message that is not a request; a request the engine cannot
 * take gets a typed error.
 */
import type { RawData, WebSocket } from 'ws'

import { type AppError, err } from '../../shared/errors'
import { batchMessage } from '../../shared/ipc/columns'
import { JOB_CANCEL_CHANNEL } from '../../shared/ipc/contract'
import type { EngineHost } from '../engine/service/engine-host'

/** Requests one connection may have waiting for the engine at once; the UI has a handful. */
export const MAX_IN_FLIGHT = 256

/** WebSocket close code 1003: a kind of data this end does not accept. */
const UNACCEPTABLE = 1003
/** How long a client refused with 1003 has to answer the close before its connection is dropped. */
const CLOSE_GRACE_MS = 1000

export type Request = { id: number; channel: unknown; envelope: unknown }

/** A text message `{id, channel, envelope}` with an integer id, or null: nothing the UI sends. */
export function parseRequest(data: RawData, isBinary: boolean): Request | null {
  if (isBinary) return null
  let msg: unknown
  try {
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)
    msg = JSON.parse(bytes.toString('utf8'))
  } catch {
    return null // not JSON, or nested too deep to parse
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return null
  const { id, channel, envelope } = msg as Record<string, unknown>
  return Number.isSafeInteger(id) ? { id: id as number, channel, envelope } : null
}

export function serveSocket(ws: WebSocket, engine: EngineHost): void {
  const send = (m: unknown): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m))
  }
  const refuse = (id: number, error: AppError): void => send({ type: 'result', id, result: err(error) })
  // Stream batches come from the engine worker as finished messages (a folder's entries as columns,
  // shared/ipc/columns.ts): made where the items already are, so this thread only forwards them.
  const session = engine.session(
    (jobId, items) => {
      if (ws.readyState === ws.OPEN) ws.send(batchMessage(jobId, items))
    },
    (_jobId, text) => {
      if (ws.readyState === ws.OPEN) ws.send(text)
    },
  )
  let inFlight = 0
  // ws has already closed the connection with the right code when it reports a protocol error; without
  // a listener the error would be thrown and end the whole server.
  ws.on('error', () => ws.terminate())
  ws.on('message', (data, isBinary) => {
    const req = parseRequest(data, isBinary)
    if (!req) {
      ws.close(UNACCEPTABLE, 'bad message')
      setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref() // a client that never answers the close holds nothing
      return
    }
    if (typeof req.channel !== 'string')
      return refuse(req.id, { code: 'INVALID_ARGUMENT', message: 'A request names its channel with a string.' })
    // A cancel always goes through: it is how a client at the limit gets back under it.
    if (inFlight >= MAX_IN_FLIGHT && req.channel !== JOB_CANCEL_CHANNEL) {
      return refuse(req.id, {
        code: 'INVALID_ARGUMENT',
        message: `Too many requests at once on this connection (at most ${MAX_IN_FLIGHT}); wait for answers first.`,
      })
    }
    inFlight++
    void session.request(req.channel, req.envelope).then((result) => {
      inFlight--
      send({ type: 'result', id: req.id, result })
    })
  })
  ws.on('close', () => session.close())
}
