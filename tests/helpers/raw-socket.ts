/**
 * Raw TCP to a local server, for requests no HTTP or WebSocket client library would send: unparseable
 * paths, bad methods, broken frames. Every wait is bounded.
 */
import { createHash, randomBytes } from 'node:crypto'
import * as net from 'node:net'

const WAIT_MS = 5000

/** Send `bytes` on a fresh connection and collect everything until the server closes it (or WAIT_MS pass). */
export function rawExchange(port: number, bytes: string | Buffer, waitMs = WAIT_MS): Promise<Buffer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const done = (): void => {
      clearTimeout(timer)
      socket.destroy()
      resolve(Buffer.concat(chunks))
    }
    const timer = setTimeout(done, waitMs)
    socket.on('data', (c) => chunks.push(c))
    socket.on('error', done)
    socket.on('close', done)
    socket.on('connect', () => socket.write(bytes))
  })
}

/** The status code of a raw HTTP/1.1 request for `target` with `Connection: close` (0: no answer). */
export async function rawStatus(
  port: number,
  target: string,
  options: { method?: string; host?: string } = {},
): Promise<number> {
  const host = options.host ?? `127.0.0.1:${port}`
  const answer = await rawExchange(
    port,
    `${options.method ?? 'GET'} ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
  )
  const m = /^HTTP\/1\.1 (\d{3})/.exec(answer.toString('latin1'))
  return m ? Number(m[1]) : 0
}

/** One WebSocket frame as a client sends it (masked unless told otherwise). */
export function wsFrame(
  opcode: number,
  payload: Buffer,
  options: { fin?: boolean; mask?: boolean; rsv?: number; declaredLength?: number } = {},
): Buffer {
  const { fin = true, mask = true, rsv = 0 } = options
  const len = options.declaredLength ?? payload.length
  const head: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)]
  const m = mask ? 0x80 : 0
  if (len < 126) head.push(m | len)
  else if (len < 65536) head.push(m | 126, len >> 8, len & 0xff)
  else {
    head.push(m | 127)
    for (let i = 7; i >= 0; i--) head.push(Math.floor(len / 2 ** (8 * i)) & 0xff)
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload])
  const key = randomBytes(4)
  const body = Buffer.from(payload.map((b, i) => b ^ (key[i % 4] as number)))
  return Buffer.concat([Buffer.from(head), key, body])
}

export type RawWs = {
  socket: net.Socket
  /** resolves once the server has closed the connection (or WAIT_MS passed): true if it did */
  closed(): Promise<boolean>
}

/** A WebSocket opened by hand on a raw socket (handshake with the token and our Origin). */
export function rawWebSocket(port: number, token: string): Promise<RawWs> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    const key = randomBytes(16).toString('base64')
    const accept = createHash('sha1')
      .update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
      .digest('base64')
    let head = ''
    let isClosed = false
    const ended = new Promise<void>((r) =>
      socket.once('close', () => {
        isClosed = true
        r()
      }),
    )
    socket.on('error', () => socket.destroy())
    const onData = (c: Buffer): void => {
      head += c.toString('latin1')
      if (!head.includes('\r\n\r\n')) return
      socket.off('data', onData)
      if (!head.startsWith('HTTP/1.1 101') || !head.includes(accept)) {
        socket.destroy()
        reject(new Error(head.split('\r\n')[0]))
        return
      }
      resolve({
        socket,
        closed: () =>
          isClosed
            ? Promise.resolve(true)
            : Promise.race([
                ended.then(() => true),
                new Promise<boolean>((r) => setTimeout(() => r(isClosed), WAIT_MS)),
              ]),
      })
    }
    socket.on('data', onData)
    socket.on('connect', () =>
      socket.write(
        [
          `GET /ws?token=${encodeURIComponent(token)} HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          `Origin: http://127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${key}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      ),
    )
    setTimeout(() => {
      if (!head.includes('\r\n\r\n')) {
        socket.destroy()
        reject(new Error('no handshake answer'))
      }
    }, WAIT_MS)
  })
}
