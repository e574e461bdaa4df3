/**
 * A seeded fuzzer against a real `linkscope serve` (127.0.0.1 only, run as the user nobody in a sandbox
 * folder, so a request that happens to be a valid operation can only touch the sandbox): thousands of
 * random and mutated HTTP requests, raw WebSocket frames and socket messages, bounded in count and in
 * time. Then the UI and a well-formed request must still answer.
 *
 * Invariants checked on the way: every HTTP answer has a status we send (or Node's parser sends), a 200
 * carries the bytes of a file of the built UI and nothing else, and every answer to a well-framed request
 * is a Result whose error has a known code. Repeat a run with LINKSCOPE_FUZZ_SEED=<the printed seed>.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'

import { APP_ERROR_CODES } from '../../../shared/errors'
import { ALL_CHANNELS, SUBSCRIPTION_CHANNELS as SUBSCRIPTIONS } from '../../../shared/ipc/contract'
import { giveToOtherUser } from '../../helpers/as-user'
import { REPO } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { type LiveServe, startLiveServe } from '../../helpers/live-serve'
import { mulberry32 } from '../../helpers/mulberry32.mjs'
import { isRoot, skipUnlessRoot } from '../../helpers/needs-root'
import { rawExchange, rawWebSocket, wsFrame } from '../../helpers/raw-socket'
import { type Answer, connectClient, request } from '../../helpers/ws-client'

const SEED = Number(process.env.LINKSCOPE_FUZZ_SEED) || Math.floor(Math.random() * 2 ** 32)
/** Each phase stops at its count or its time, whichever comes first. */
const HTTP_REQUESTS = 3000
const HTTP_MS = 7000
const RAW_CONNECTIONS = 600
const RAW_MS = 5000
const MESSAGES = 3000
const MESSAGES_MS = 6000
/** Exchanges in flight at once. */
const PARALLEL = 8

const random = mulberry32(SEED)
const int = (n: number): number => Math.floor(random() * n)
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T
const chance = (p: number): boolean => random() < p

let sandbox: string
let serve: LiveServe
/** The bytes of every file of the built UI: the only bodies a 200 may carry. */
const uiBodies = new Set<string>()

beforeAll(async () => {
  if (!isRoot) return
  console.log(`serve fuzz seed ${SEED} (repeat with LINKSCOPE_FUZZ_SEED=${SEED})`)
  sandbox = makeTempDir('linkscope-fuzz-')
  fs.mkdirSync(path.join(sandbox, 'dir'))
  fs.writeFileSync(path.join(sandbox, 'dir', 'file.txt'), 'x')
  fs.symlinkSync('file.txt', path.join(sandbox, 'dir', 'link'))
  fs.symlinkSync('missing', path.join(sandbox, 'dir', 'dangling'))
  fs.chmodSync(sandbox, 0o755)
  // The final well-formed request reads this: root's, in root's folder, so no fuzzed operation (they run as
  // nobody) can move it. The sandbox stays root's too: a fuzzed path reaches it as `dir/..` or `.`, and
  // nobody may rename a folder of its own out of sticky /tmp, which took `fixed` with it.
  fs.mkdirSync(path.join(sandbox, 'fixed'), { mode: 0o755 })
  fs.writeFileSync(path.join(sandbox, 'fixed', 'file.txt'), 'x')
  giveToOtherUser(...['', 'file.txt', 'link', 'dangling'].map((n) => path.join(sandbox, 'dir', n)))
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (!e.name.endsWith('.map')) uiBodies.add(fs.readFileSync(p).toString('base64'))
    }
  }
  walk(path.join(REPO, 'out', 'renderer'))
  serve = await startLiveServe(path.join(sandbox, 'dir'), { asNobody: true, cwd: sandbox })
})
beforeEach((ctx) =>
  skipUnlessRoot(ctx, 'runs the server as nobody, so that a fuzzed request can only touch its sandbox'),
)
afterAll(async () => {
  await serve?.stop()
  if (sandbox) fs.rmSync(sandbox, { recursive: true, force: true })
})

/** Run `one` up to `count` times, PARALLEL at once, until `ms` pass; returns how many ran. */
async function pool(count: number, ms: number, one: (i: number) => Promise<void>): Promise<number> {
  const until = performance.now() + ms
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < count && performance.now() < until) await one(next++)
  }
  await Promise.all(Array.from({ length: PARALLEL }, lane))
  return next
}

// ---- generators -------------------------------------------------------------------------------------

const PATH_PIECES = [
  '/',
  '//',
  '/.',
  '/..',
  '%',
  '%2e',
  '%2f',
  '%5c',
  '%00',
  '%ff',
  '%E0%A4%A',
  '%%',
  '\\',
  '[',
  ']',
  '?',
  '#',
  '&token=',
  'token=',
  '?token=x&token=y',
  'index.html',
  'assets',
  'favicon.svg',
  '.map',
  'ws',
  '*',
  ':',
  '@',
  '~',
  'é',
  '\u0000',
  '\u202e',
  ';',
  '..;',
  'etc',
  'passwd',
  'proc',
  'self',
  'environ',
]
const METHODS = [
  'GET',
  'GET',
  'GET',
  'POST',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'PATCH',
  'G',
  'get',
  'GET /',
  'FOO',
]

function randomTarget(): string {
  if (chance(0.1))
    return pick(['//', '/%', '/%ff', '//[', '/\\/', '/', '/index.html', '/assets/', 'http://127.0.0.1/', '*'])
  let t = chance(0.9) ? '/' : ''
  for (let n = int(6); n >= 0; n--) t += pick(PATH_PIECES)
  return t
}

function randomHttpRequest(port: number): Buffer {
  const host = pick([
    `127.0.0.1:${port}`,
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    'evil.example',
    '',
    `127.0.0.1:${port}\r\nHost: evil.example`,
  ])
  const lines = [
    `${pick(METHODS)} ${randomTarget()} ${pick(['HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2', 'HTTP/1.1x'])}`,
  ]
  if (host || chance(0.5)) lines.push(`Host: ${host}`)
  if (chance(0.2))
    lines.push(
      pick([
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Transfer-Encoding: chunked',
        'Content-Length: 0',
        'Content-Length: -1',
        'Expect: 100-continue',
        `X-${'a'.repeat(int(100))}: ${'b'.repeat(int(100))}`,
        'Origin: null',
      ]),
    )
  lines.push('Connection: close', '', '')
  const text = Buffer.from(lines.join('\r\n'), 'latin1')
  if (chance(0.15)) text[int(text.length)] = int(256) // one random byte anywhere
  return text
}

const JSON_VALUES = (): unknown =>
  pick([null, true, 0, -1, 1.5, 2 ** 53, '', 'x', '\u0000', [], {}, [null], { args: null }])
const PATH_ARGS = (): unknown =>
  pick([
    () => path.join(sandbox, 'dir', pick(['file.txt', 'link', 'dangling', 'nope', '', '..', `n${int(1000)}`])),
    () => path.join(sandbox, 'dir'),
    () => pick(['file.txt', 'dir/link', '.', '', 'a\u0000b', 'x'.repeat(int(5000))]), // relative: under the sandbox (its cwd)
    JSON_VALUES,
  ])()

function randomEnvelope(): unknown {
  if (chance(0.1)) return JSON_VALUES()
  const args = Array.from({ length: int(4) }, () =>
    chance(0.7)
      ? PATH_ARGS()
      : chance(0.5)
        ? {
            type: pick(['hard', 'symbolic', 'junction', 'x']),
            target: PATH_ARGS(),
            link: PATH_ARGS(),
            relative: JSON_VALUES(),
          }
        : JSON_VALUES(),
  )
  const envelope: Record<string, unknown> = { args }
  if (chance(0.5)) envelope.jobId = chance(0.9) ? `job-${int(100000)}` : JSON_VALUES()
  return envelope
}

/** A request the server must answer (integer id, string channel), or sometimes not a request at all. */
function randomMessage(id: number): { text: string; answerable: boolean } {
  if (chance(0.1)) {
    return {
      text: pick([
        'null',
        '[]',
        '42',
        '"x"',
        '{',
        '{"id":1',
        `{"id":"${id}"}`,
        '{"channel":"app:info"}',
        '[1,2]',
        '\u0000',
      ]),
      answerable: false,
    }
  }
  const picked = chance(0.85)
    ? pick(ALL_CHANNELS)
    : pick(['__proto__', 'constructor', '', 'links:', 'fs:delete', 'jobs:cancel ', 'x'.repeat(500)])
  // Subscriptions never end by themselves and would hold the connection's requests in flight; their
  // arguments are checked in contract.test.ts.
  const channel = SUBSCRIPTIONS.has(picked) ? 'app:info' : picked
  const envelope = randomEnvelope()
  // Without a root these search the whole file system from its top: keep them in the sandbox.
  if (
    (channel === 'links:names' || channel === 'scan:linksInto') &&
    typeof envelope === 'object' &&
    envelope !== null &&
    Array.isArray((envelope as { args?: unknown }).args)
  ) {
    ;(envelope as { args: unknown[] }).args[1] = sandbox
  }
  const msg = { id, channel, envelope }
  let text = JSON.stringify(msg)
  if (chance(0.1)) {
    const at = int(text.length)
    text = text.slice(0, at) + pick(['', '"', '}', ',', '\\', '\\u', '1e999']) + text.slice(at + 1)
    return { text, answerable: false }
  }
  return { text, answerable: true }
}

function randomFrame(): Buffer {
  const payload = chance(0.5)
    ? Buffer.from(randomMessage(int(1000)).text)
    : Buffer.from(Array.from({ length: int(chance(0.9) ? 64 : 2000) }, () => int(256)))
  const opcode = pick([0, 1, 1, 1, 2, 3, 7, 8, 9, 10, 11, 15])
  const declaredLength = chance(0.1) ? pick([126, 65535, 65536, 1 << 20, (1 << 20) + 1, 2 ** 32, 2 ** 53]) : undefined
  return wsFrame(opcode, payload, {
    fin: chance(0.85),
    mask: chance(0.95),
    rsv: chance(0.1) ? int(8) : 0,
    ...(declaredLength !== undefined ? { declaredLength } : {}),
  })
}

// ---- the run --------------------------------------------------------------------------------------

const OUR_STATUSES = new Set([200, 400, 403, 404, 405, 421])
/**
 * What Node's HTTP server answers by itself: a bad request line or header, headers too large, an
 * unsupported version, and an Expect header it cannot meet (417; nothing is served).
 */
const PARSER_STATUSES = new Set([400, 413, 414, 417, 431, 501, 505])

describe(`fuzzing a live serve (seed ${SEED})`, () => {
  it('HTTP, raw frames and socket messages: the server answers throughout and stays up', async () => {
    const started = performance.now()
    const statuses = new Map<number, number>()
    let served200 = 0
    const badBodies: string[] = []
    const http = await pool(HTTP_REQUESTS, HTTP_MS, async () => {
      const bytes = randomHttpRequest(serve.port)
      const answer = await rawExchange(serve.port, bytes, 2000)
      const text = answer.toString('latin1').replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '') // Expect: 100-continue
      const m = /^HTTP\/1\.[01] (\d{3}) /.exec(text)
      const status = m ? Number(m[1]) : 0 // 0: closed without a word (a request line Node's parser threw away)
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
      if (status === 200) {
        served200++
        const body = Buffer.from(text.slice(text.indexOf('\r\n\r\n') + 4), 'latin1')
        if (!uiBodies.has(body.toString('base64')))
          badBodies.push(`${JSON.stringify(bytes.toString('latin1'))} => ${JSON.stringify(text.slice(0, 300))}`)
      }
    })
    expect(serve.alive()).toBe(true)
    for (const s of statuses.keys())
      expect([s, OUR_STATUSES.has(s) || PARSER_STATUSES.has(s) || s === 0]).toEqual([s, true])
    expect(badBodies).toEqual([])

    let rawFrames = 0
    const raw = await pool(RAW_CONNECTIONS, RAW_MS, async () => {
      const ws = await rawWebSocket(serve.port, serve.token)
      for (let n = 1 + int(5); n > 0; n--) {
        ws.socket.write(randomFrame())
        rawFrames++
      }
      ws.socket.end()
      if (!(await ws.closed())) ws.socket.destroy()
    })
    expect(serve.alive()).toBe(true)

    let messages = 0
    let answered = 0
    let closedByServer = 0
    const badAnswers: string[] = []
    const codes = new Set<string>(APP_ERROR_CODES)
    await pool(PARALLEL, MESSAGES_MS, async () => {
      const until = started + HTTP_MS + RAW_MS + MESSAGES_MS
      let ws = await connectClient(serve.port, serve.token)
      while (messages < MESSAGES && performance.now() < until) {
        const id = 1_000_000 + messages++
        const { text, answerable } = randomMessage(id)
        const reply = new Promise<Answer | 'closed' | 'silent'>((resolve) => {
          const timer = setTimeout(() => done('silent'), answerable ? 5000 : 300)
          const onMessage = (data: Buffer): void => {
            const m = JSON.parse(String(data)) as { type: string; id?: number; result?: Answer }
            if (m.type === 'result' && m.id === id) done(m.result as Answer)
          }
          const onClose = (): void => done('closed')
          function done(v: Answer | 'closed' | 'silent'): void {
            clearTimeout(timer)
            ws.off('message', onMessage)
            ws.off('close', onClose)
            resolve(v)
          }
          ws.on('message', onMessage)
          ws.on('close', onClose)
          ws.send(text)
        })
        const r = await reply
        if (r === 'closed') closedByServer++
        else if (r !== 'silent') {
          answered++
          const good =
            typeof r.ok === 'boolean' && (r.ok || (typeof r.error?.message === 'string' && codes.has(r.error.code)))
          if (!good) badAnswers.push(`${text.slice(0, 200)} -> ${JSON.stringify(r).slice(0, 200)}`)
        } else if (answerable) badAnswers.push(`${text.slice(0, 200)} -> no answer in 5 s`)
        if (ws.readyState !== WebSocket.OPEN) ws = await connectClient(serve.port, serve.token)
      }
      ws.close()
    })
    expect(badAnswers).toEqual([])
    expect(serve.alive()).toBe(true)

    // Afterwards: the UI and a well-formed request still answer.
    const page = await rawExchange(
      serve.port,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\nConnection: close\r\n\r\n`,
    )
    expect(page.toString('latin1')).toMatch(/^HTTP\/1\.1 200 [\s\S]*<div id="root">/)
    const ws = await connectClient(serve.port, serve.token)
    try {
      expect(await request(ws, 'links:stat', { args: [path.join(sandbox, 'fixed', 'file.txt')] })).toMatchObject({
        ok: true,
        value: { name: 'file.txt' },
      })
      expect(await request(ws, 'app:info', { args: [] })).toMatchObject({ ok: true, value: { mode: 'browser' } })
    } finally {
      ws.close()
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    console.log(
      `serve fuzz seed ${SEED}: ${http} HTTP requests (${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}; ${served200} UI files), ` +
        `${raw} raw WebSocket connections with ${rawFrames} frames, ${messages} messages (${answered} answered, ${closedByServer} closed the connection) in ${seconds} s`,
    )
    expect(http + rawFrames + messages).toBeGreaterThan(1000)
    expect(serve.alive()).toBe(true)
    expect(serve.stderr()).toBe('')
  }, 60_000)
})
