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
import { WebSocketServer, type WebSocket } from 'ws'
import { LinkError } from '../../shared/errors'
import { startEngineHost, type EngineHost } from '../engine/service/engine-host'
import { cspFor } from './csp'

export type ServeOptions = { startDir?: string; port?: number; rendererDir?: string; workerPath?: string }
export type RunningServer = { url: string; port: number; token: string; close(): Promise<void> }

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.map': 'application/json', '.woff2': 'font/woff2',
}

export const defaultRendererDir = (): string => path.join(__dirname, '..', 'renderer')

const sameSecret = (given: string | null, token: string): boolean => {
  if (!given) return false
  const a = Buffer.from(given), b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const rendererDir = options.rendererDir ?? defaultRendererDir()
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new LinkError('NOT_FOUND', `The UI is not built yet (${rendererDir} is missing): run npm run build.`, rendererDir)
  }
  const token = randomBytes(24).toString('base64url')
  const engine: EngineHost = startEngineHost({ mode: 'browser', ...(options.startDir ? { startDir: options.startDir } : {}) }, options.workerPath)
  let port = 0
  const hostOk = (host: string | undefined): boolean => host === `127.0.0.1:${port}` || host === `localhost:${port}`

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void => {
      res.writeHead(status, {
        'Content-Type': type, 'Content-Security-Policy': cspFor(port), 'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY',
      })
      res.end(body)
    }
    if (!hostOk(req.headers.host)) return send(421, 'Wrong host.\n')
    if (req.method !== 'GET') return send(405, 'Method not allowed.\n')
    // The static UI holds no folder data and no secret, so it is served to anyone on this machine (a reload
    // has no token in its address: the page keeps it in sessionStorage). Folder data needs the socket,
    // and the socket needs the token.
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1))
    const file = path.resolve(rendererDir, rel)
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return send(404, 'Not found.\n')
    }
    send(200, fs.readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream')
  })

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const origin = req.headers.origin
    const originOk = origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
    if (url.pathname !== '/ws' || !hostOk(req.headers.host) || !originOk || !sameSecret(url.searchParams.get('token'), token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, engine))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  port = (server.address() as AddressInfo).port
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

/** One browser tab: its requests go to the engine, its stream batches come back to it alone. */
function serveSocket(ws: WebSocket, engine: EngineHost): void {
  const send = (m: unknown): void => { if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m)) }
  const session = engine.session((jobId, items) => send({ type: 'items', jobId, items }))
  ws.on('message', (data) => {
    let msg: { id?: unknown; channel?: unknown; envelope?: unknown }
    try { msg = JSON.parse(String(data)) } catch { return ws.close(1003, 'bad message') }
    if (typeof msg.id !== 'number') return ws.close(1003, 'bad message')
    const id = msg.id
    void session.request(String(msg.channel), msg.envelope).then((result) => send({ type: 'result', id, result }))
  })
  ws.on('close', () => session.close())
}
