/**
 * Browser mode: the built renderer and the same contract over a WebSocket, for machines without the
 * Electron binary and for e2e tests. Bound to 127.0.0.1 only; every folder byte needs the random token
 * printed at start (compared in constant time), and the Host and Origin headers must be ours, so a web
 * page elsewhere cannot reach the engine (DNS rebinding, cross-site WebSocket).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import * as fs from 'node:fs'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import * as path from 'node:path'

import { WebSocketServer } from 'ws'

import { LinkError } from '../../shared/errors'
import { startEngineHost } from '../engine/service/engine-host'
import { cspFor } from './csp'
import { parseTarget } from './request-target'
import { serveSocket } from './socket-session'
import { staticUi } from './static-ui'

export type ServeOptions = { startDir?: string; port?: number; rendererDir?: string; workerPath?: string }
export type RunningServer = { url: string; port: number; token: string; close(): Promise<void> }

export const defaultRendererDir = (): string => path.join(__dirname, '..', 'renderer')

const sameSecret = (given: string | null, token: string): boolean => {
  if (!given) return false
  const a = Buffer.from(given),
    b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The one token of a query (a repeated `token` is refused: the query would say two things). */
const tokenOf = (query: URLSearchParams): string | null => {
  const all = query.getAll('token')
  return all.length === 1 ? (all[0] as string) : null
}

/** Bind before anything else starts, so a port in use fails at once with one clear message. */
function listen(server: http.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (e: NodeJS.ErrnoException): void => {
      if (e.code === 'EADDRINUSE') {
        reject(
          new LinkError(
            'ALREADY_EXISTS',
            `Port ${port} on 127.0.0.1 is in use by another program: choose another with --port, or leave --port out to get a free one.`,
          ),
        )
      } else if (e.code === 'EACCES') {
        reject(
          new LinkError(
            'ACCESS_DENIED',
            `Port ${port} needs administrator rights: choose one above 1023, or leave --port out to get a free one.`,
          ),
        )
      } else reject(e)
    }
    server.once('error', failed)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', failed)
      resolve()
    })
  })
}

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const rendererDir = path.resolve(options.rendererDir ?? defaultRendererDir())
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new LinkError(
      'NOT_FOUND',
      `The UI is not built yet (${rendererDir} is missing): run npm run build.`,
      rendererDir,
    )
  }
  const ui = staticUi(rendererDir)
  const token = randomBytes(24).toString('base64url')
  let port = 0
  const hostOk = (host: string | undefined): boolean => host === `127.0.0.1:${port}` || host === `localhost:${port}`

  // Every request gets an answer and none can throw: the Host first (DNS rebinding), then the method, then
  // a path that must decode and name a file of the built UI.
  const server = http.createServer((req, res) => {
    const send = (
      status: number,
      body: string | Buffer,
      type = 'text/plain; charset=utf-8',
      extra: Record<string, string> = {},
    ): void => {
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Security-Policy': cspFor(port),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
        'X-Frame-Options': 'DENY',
        'Content-Length': String(Buffer.byteLength(body)),
        ...extra,
      })
      res.end(body)
    }
    try {
      if (!hostOk(req.headers.host)) return send(421, 'Wrong host.\n')
      if (req.method !== 'GET') return send(405, 'Method not allowed.\n', undefined, { Allow: 'GET' })
      const target = parseTarget(req.url)
      if (!target) return send(400, 'Bad request.\n')
      // The static UI holds no folder data and no secret, so it is served to anyone on this machine (a reload
      // has no token in its address: the page keeps it in sessionStorage). Folder data needs the socket,
      // and the socket needs the token. Source maps show the source, so they need the token too.
      const file = ui.read(target.path)
      if (!file || (file.sourceMap && !sameSecret(tokenOf(target.query), token))) return send(404, 'Not found.\n')
      send(200, file.body, file.type)
    } catch {
      if (res.headersSent) res.destroy()
      else send(400, 'Bad request.\n')
    }
  })

  // CONNECT (a proxy's method) skips the request handler; it is refused like any other method but GET.
  server.on('connect', (_req, socket) => {
    socket.on('error', () => socket.destroy())
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\nContent-Length: 0\r\n\r\n')
  })

  await listen(server, options.port ?? 0)
  port = (server.address() as AddressInfo).port
  const engine = startEngineHost(
    { mode: 'browser', ...(options.startDir ? { startDir: options.startDir } : {}) },
    options.workerPath,
  )

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 })
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy()) // a client gone mid-handshake is its own loss
    const target = parseTarget(req.url)
    const origin = req.headers.origin
    const originOk = origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
    if (
      !target ||
      target.path !== '/ws' ||
      !hostOk(req.headers.host) ||
      !originOk ||
      !sameSecret(tokenOf(target.query), token)
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, engine))
  })

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const c of wss.clients) c.terminate()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // A browser's keep-alive connections (say, a tab left on the no-token page) would hold close() open.
      server.closeAllConnections()
      await closed
      await engine.close()
    },
  }
}
