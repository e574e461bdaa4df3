/**
 * Browser mode under hostile traffic, against a real `linkscope serve` process: every HTTP request gets an
 * answer and the server stays up; a bad WebSocket frame or message costs only its own connection, while a
 * second client keeps getting answers throughout.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'

import { MAX_IN_FLIGHT } from '../../../electron/serve/socket-session'
import { staticUi } from '../../../electron/serve/static-ui'
import { REPO } from '../../helpers/built'
import { buildLinkTree, makeTempDir } from '../../helpers/link-tree'
import { type LiveServe, startLiveServe } from '../../helpers/live-serve'
import { rawExchange, rawStatus, rawWebSocket, wsFrame } from '../../helpers/raw-socket'
import { closedSoon, connectClient, request, sendMessage } from '../../helpers/ws-client'

let tree: string
let serve: LiveServe
let bystander: WebSocket

beforeAll(async () => {
  tree = buildLinkTree(makeTempDir())
  serve = await startLiveServe(tree)
  bystander = await connectClient(serve.port, serve.token)
})
afterAll(async () => {
  bystander?.close()
  await serve?.stop()
  fs.chmodSync(path.join(tree, 'locked'), 0o755)
  fs.rmSync(tree, { recursive: true, force: true })
})

/** The other tab: it must notice nothing, so after every attack it still gets its answer. */
async function bystanderStillServed(): Promise<void> {
  expect(serve.alive()).toBe(true)
  const r = await request(bystander, 'links:stat', { args: [tree] })
  expect(r).toMatchObject({ ok: true, value: { path: tree } })
}

describe('HTTP: every request gets an answer and the server stays up', () => {
  it('paths that do not parse or decode: 400 with our Host, 421 with another, never a crash', async () => {
    const bad = ['//', '//[', '/\\/', '/%', '/%ff', '/%E0%A4%A', '/a%', '/%00', '/x%00.js', '*', 'http://127.0.0.1/']
    for (const target of bad) {
      expect([target, await rawStatus(serve.port, target, { host: 'evil.example' })]).toEqual([target, 421])
      expect([target, await rawStatus(serve.port, target)]).toEqual([target, 400])
      expect(serve.alive()).toBe(true)
    }
    await bystanderStillServed()
  })

  it('methods other than GET: 405 with an Allow header', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PATCH', 'CONNECT', 'PROPFIND']) {
      const target = method === 'CONNECT' ? '127.0.0.1:1' : '/'
      const answer = (
        await rawExchange(
          serve.port,
          `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\nConnection: close\r\n\r\n`,
        )
      ).toString('latin1')
      expect([method, answer.slice(0, 12)]).toEqual([method, 'HTTP/1.1 405'])
      expect(answer).toMatch(/\r\nAllow: GET\r\n/i)
    }
    expect(await rawStatus(serve.port, '/', { method: 'G\u00e9T' })).toBe(400) // not a token: Node's parser answers
    await bystanderStillServed()
  })

  it('nothing outside the built UI: traversal in every encoding is 404, the UI itself is 200', async () => {
    for (const target of [
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/%2fetc%2fpasswd',
      '/..%2f..%2fetc/passwd',
      '/proc/self/environ',
      '/assets',
      '/assets/',
      '/nope.js',
    ]) {
      expect([target, await rawStatus(serve.port, target)]).toEqual([target, 404])
    }
    expect(await rawStatus(serve.port, '/')).toBe(200)
    expect(await rawStatus(serve.port, '/index.html')).toBe(200)
  })

  it('source maps only with the token (one token, not two)', async () => {
    const assets = path.join(REPO, 'out', 'renderer', 'assets')
    const map = fs.readdirSync(assets).find((f) => f.endsWith('.js.map')) as string
    expect(map).toMatch(/\.js\.map$/)
    expect(await rawStatus(serve.port, `/assets/${map}`)).toBe(404)
    expect(await rawStatus(serve.port, `/assets/${map}?token=${'x'.repeat(serve.token.length)}`)).toBe(404)
    expect(await rawStatus(serve.port, `/assets/${map}?token=${serve.token}&token=x`)).toBe(404)
    expect(await rawStatus(serve.port, `/assets/${map}?token=${serve.token}`)).toBe(200)
    expect(await rawStatus(serve.port, `/assets/${map.replace(/\.map$/, '')}`)).toBe(200)
  })

  it('a link inside the UI folder that leads out of it is not followed', () => {
    const dir = makeTempDir('linkscope-ui-')
    try {
      fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>')
      fs.symlinkSync('/etc/hostname', path.join(dir, 'out.js'))
      fs.symlinkSync('/etc', path.join(dir, 'etc'))
      fs.symlinkSync('index.html', path.join(dir, 'in.html'))
      const ui = staticUi(dir)
      expect(ui.read('/out.js')).toBeNull()
      expect(ui.read('/etc/hostname')).toBeNull()
      expect(ui.read('/in.html')?.body.toString()).toBe('<!doctype html>')
      expect(ui.read('/')?.type).toMatch(/^text\/html/)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses a WebSocket whose address does not parse or carries the token twice', async () => {
    for (const target of [
      `//ws?token=${serve.token}`,
      `/ws%?token=${serve.token}`,
      `/ws?token=${serve.token}&token=${serve.token}`,
    ]) {
      const answer = (
        await rawExchange(
          serve.port,
          [
            `GET ${target} HTTP/1.1`,
            `Host: 127.0.0.1:${serve.port}`,
            `Origin: http://127.0.0.1:${serve.port}`,
            'Upgrade: websocket',
            'Connection: Upgrade',
            'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
            'Sec-WebSocket-Version: 13',
            '',
            '',
          ].join('\r\n'),
        )
      ).toString('latin1')
      expect([target, answer.slice(0, 12)]).toEqual([target, 'HTTP/1.1 403'])
    }
    await bystanderStillServed()
  })
})

describe('WebSocket: a bad frame or message closes only its own connection', () => {
  const text = (s: string): Buffer => Buffer.from(s, 'utf8')
  const MIB = 1 << 20
  const frames: Record<string, Buffer[]> = {
    'invalid UTF-8 in a text frame': [wsFrame(1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))],
    'a binary frame': [wsFrame(2, text('{"id":1,"channel":"app:info","envelope":{"args":[]}}'))],
    'a message over the limit': [wsFrame(1, Buffer.alloc(1024, 0x20), { declaredLength: 2 * MIB })],
    'fragments adding up to more than the limit': [
      wsFrame(1, Buffer.alloc(MIB - 10, 0x20), { fin: false }),
      wsFrame(0, Buffer.alloc(100, 0x20)),
    ],
    'a length of 2^53': [wsFrame(1, Buffer.alloc(16), { declaredLength: 2 ** 53 })],
    'an unknown opcode': [wsFrame(3, text('x'))],
    'an unmasked frame': [wsFrame(1, text('{}'), { mask: false })],
    'reserved bits set': [wsFrame(1, text('{}'), { rsv: 4 })],
    'a close frame with code 999': [wsFrame(8, Buffer.from([0x03, 0xe7]))],
    'a continuation with nothing to continue': [wsFrame(0, text('x'))],
    'a fragmented ping': [wsFrame(9, text('x'), { fin: false })],
    'not JSON': [wsFrame(1, text('{"id":'))],
    null: [wsFrame(1, text('null'))],
    'an array': [wsFrame(1, text('[1,"app:info",{"args":[]}]'))],
    'a number': [wsFrame(1, text('42'))],
    'a request without an id': [wsFrame(1, text('{"channel":"app:info","envelope":{"args":[]}}'))],
    'an id that is not an integer': [wsFrame(1, text('{"id":"1","channel":"app:info","envelope":{"args":[]}}'))],
    'JSON nested too deep to parse': [wsFrame(1, text('['.repeat(400_000) + ']'.repeat(400_000)))],
  }
  for (const [name, sent] of Object.entries(frames)) {
    it(`${name}: that connection is closed, the other client is still served`, async () => {
      const raw = await rawWebSocket(serve.port, serve.token)
      for (const f of sent) raw.socket.write(f)
      expect(await raw.closed()).toBe(true)
      await bystanderStillServed()
    })
  }

  it('requests of the wrong shape get typed errors on a connection that stays open', async () => {
    const ws = await connectClient(serve.port, serve.token)
    try {
      const shapes: [string, (id: number) => unknown][] = [
        ['a channel that is an object', (id) => ({ id, channel: { toString: 1 }, envelope: { args: [] } })],
        ['no channel', (id) => ({ id, envelope: { args: [] } })],
        ['an unknown channel', (id) => ({ id, channel: '__proto__', envelope: { args: [] } })],
        ['a null envelope', (id) => ({ id, channel: 'links:stat', envelope: null })],
        ['an envelope that is an array', (id) => ({ id, channel: 'links:stat', envelope: [tree] })],
        ['args that are not an array', (id) => ({ id, channel: 'links:stat', envelope: { args: tree } })],
        ['too many args', (id) => ({ id, channel: 'links:stat', envelope: { args: [tree, tree, tree] } })],
        ['a stream without a job id', (id) => ({ id, channel: 'links:list', envelope: { args: [tree] } })],
        ['a job id that is an object', (id) => ({ id, channel: 'links:list', envelope: { jobId: {}, args: [tree] } })],
        ['a cancel of an id that is not a string', (id) => ({ id, channel: 'jobs:cancel', envelope: { args: [{}] } })],
      ]
      for (const [name, build] of shapes) {
        const r = await sendMessage(ws, build)
        if (name.startsWith('a cancel'))
          expect([name, r]).toEqual([name, { ok: true, value: false }]) // nothing of ours to cancel
        else
          expect([name, r.ok, r.error?.code]).toEqual([
            name,
            false,
            expect.stringMatching(/^(INVALID_ARGUMENT|FORBIDDEN)$/),
          ])
      }
      expect(await request(ws, 'links:stat', { args: [tree] })).toMatchObject({ ok: true })
    } finally {
      ws.close()
    }
    await bystanderStillServed()
  })

  it('a binary message from the ws library closes that connection with 1003', async () => {
    const ws = await connectClient(serve.port, serve.token)
    const code = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)))
    ws.send(Buffer.from('{"id":1,"channel":"app:info","envelope":{"args":[]}}'), { binary: true })
    expect(await closedSoon(ws)).toBe(true)
    expect(await code).toBe(1003)
    await bystanderStillServed()
  })

  it('more requests at once than a connection may have: the extra one gets a typed error; a cancel still goes through', async () => {
    const ws = await connectClient(serve.port, serve.token)
    try {
      // app:events streams run until cancelled, so these stay in flight.
      ws.setMaxListeners(0) // one listener per request waiting
      const streams = Array.from({ length: MAX_IN_FLIGHT }, (_, i) =>
        request(ws, 'app:events', { jobId: `events-${i}`, args: [] }),
      )
      for (const s of streams) s.catch(() => {}) // the rest end with the connection
      const refused = await request(ws, 'links:stat', { args: [tree] })
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/Too many requests at once/) },
      })
      expect(await request(ws, 'jobs:cancel', { args: ['events-0'] })).toEqual({ ok: true, value: true })
      expect(await streams[0]).toEqual({ ok: true, value: null })
      expect(await request(ws, 'links:stat', { args: [tree] })).toMatchObject({ ok: true })
    } finally {
      ws.close()
    }
    await bystanderStillServed()
  })
})
