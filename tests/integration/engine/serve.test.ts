import * as fs from 'node:fs'
import * as http from 'node:http'
import * as net from 'node:net'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'

import { listBatches } from '../../../electron/engine/listing/list'
import { type RunningServer, startServer } from '../../../electron/serve/server'
import { fromColumns } from '../../../shared/ipc/columns'
import { ENGINE_WORKER } from '../../helpers/built'
import { buildLinkTree, makeTempDir } from '../../helpers/link-tree'

let server: RunningServer
let tree: string
let rendererDir: string

beforeAll(async () => {
  tree = buildLinkTree(makeTempDir())
  rendererDir = makeTempDir('linkscope-ui-')
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Linkscope</title>')
  fs.writeFileSync(path.join(rendererDir, 'app.js'), 'console.log(1)')
  server = await startServer({ startDir: tree, rendererDir, workerPath: ENGINE_WORKER })
})
afterAll(async () => {
  await server.close()
  fs.chmodSync(path.join(tree, 'locked'), 0o755)
  fs.rmSync(tree, { recursive: true, force: true })
  fs.rmSync(rendererDir, { recursive: true, force: true })
})

function get(
  pathAndQuery: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: server.port, path: pathAndQuery, headers }, (res) => {
        let body = ''
        res.on('data', (c) => {
          body += c
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
      })
      .on('error', reject)
  })
}

const origin = (): string => `http://127.0.0.1:${server.port}`

function connect(token: string, headers: Record<string, string> = { Origin: origin() }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${encodeURIComponent(token)}`, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
}

function call(
  ws: WebSocket,
  id: number,
  channel: string,
  envelope: unknown,
): Promise<{ result: { ok: boolean; value?: unknown; error?: { code: string } }; items: unknown[] }> {
  const items: unknown[] = []
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const m = JSON.parse(String(data))
      if (m.type === 'items') items.push(...m.items)
      if (m.type === 'columns') items.push(...fromColumns(m.columns))
      if (m.type === 'result' && m.id === id) {
        ws.off('message', onMessage)
        resolve({ result: m.result, items })
      }
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ id, channel, envelope }))
  })
}

describe('browser mode server', () => {
  it('listens on 127.0.0.1 only and prints a URL that carries a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/)
  })

  it('serves the static page (a reload carries no token) with a strict CSP, but no folder data without the token', async () => {
    const page = await get('/')
    expect(page.status).toBe(200)
    expect(page.body).not.toContain(tree) // the page holds no folder data
    expect(page.headers['content-security-policy']).toContain("default-src 'none'")
    expect(page.headers['content-security-policy']).toContain("script-src 'self'")
    await expect(connect('')).rejects.toThrow(/403/)
  })

  it('refuses other Host headers (DNS rebinding) and paths outside the UI folder', async () => {
    expect((await get(`/?token=${server.token}`, { Host: 'evil.example:80' })).status).toBe(421)
    expect((await get('/../../etc/passwd')).status).toBe(404)
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404)
    expect((await get('/app.js')).status).toBe(200)
  })

  it('refuses a WebSocket without the token, with a wrong token, or from another origin', async () => {
    await expect(connect('')).rejects.toThrow(/403/)
    await expect(connect('x'.repeat(32))).rejects.toThrow(/403/)
    await expect(connect(server.token, { Origin: 'http://evil.example' })).rejects.toThrow(/403/)
    await expect(connect(server.token, {})).rejects.toThrow(/403/)
  })

  it('answers the contract over the socket: app info, a streamed listing, typed errors', async () => {
    const ws = await connect(server.token)
    try {
      const info = await call(ws, 1, 'app:info', { args: [] })
      expect(info.result).toMatchObject({ ok: true, value: { mode: 'browser', startDir: tree } })
      const list = await call(ws, 2, 'links:list', { jobId: 'j1', args: [tree] })
      expect(list.result).toMatchObject({ ok: true, value: { count: fs.readdirSync(tree).length } })
      expect(list.items).toHaveLength(fs.readdirSync(tree).length)
      // the batches crossed as columns and came back as the engine's own entries, field for field
      const byPath = (xs: unknown[]): unknown[] =>
        [...xs].sort((a, b) => ((a as { path: string }).path < (b as { path: string }).path ? -1 : 1))
      const engine = JSON.parse(JSON.stringify([...listBatches(tree)].flat())) as unknown[]
      expect(byPath(list.items)).toStrictEqual(byPath(engine))
      const bad = await call(ws, 3, 'links:list', { jobId: 'j2', args: [42] })
      expect(bad.result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
      const forbidden = await call(ws, 4, 'fs:delete', { args: ['/'] })
      expect(forbidden.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      // the browser downloads an export itself; the desktop app's save dialog is not here
      const save = await call(ws, 5, 'shell:saveFile', { args: ['list.csv', 'a,b'] })
      expect(save.result).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_ON_PLATFORM' } })
      const reveal = await call(ws, 6, 'shell:reveal', { args: [path.join(tree, 'not-there')] })
      expect(reveal.result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    } finally {
      ws.close()
    }
  })
})

describe('shutting down', () => {
  it('close() ends at once even while a client holds a connection open mid-request', async () => {
    const own = await startServer({ startDir: tree, rendererDir, workerPath: ENGINE_WORKER })
    // Half a request: the connection is busy, not idle, so server.close() alone would wait for it
    // (Node's headers timeout is a minute); a browser tab can hold one like this.
    const socket = net.connect(own.port, '127.0.0.1')
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${own.port}\r\n`)
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()))
    await new Promise((r) => setTimeout(r, 50))
    const started = performance.now()
    await own.close()
    expect(performance.now() - started).toBeLessThan(3000)
    await ended
  })
})
