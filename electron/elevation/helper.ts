/**
 * The elevated helper: a short-lived process that performs an allow-listed batch of link operations for
 * the app and exits. It listens on a Unix socket inside a private 0700 folder made by the app, serves
 * the first client only, checks that client's process id is the app's, compares the one-time token in
 * constant time, re-validates every path against what the app saw, executes through the same engine,
 * answers one result per item, and exits on disconnect or when idle.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as path from 'node:path'
import { LinkError, toAppError, type AppError } from '../../shared/errors'
import { createLink, removeLink, retargetLink } from '../engine/ops'
import { fingerprintOf } from './fingerprint'
import { peerPid } from './peer-pid'
import { MAX_REQUEST_BYTES, parseBatch, sameFingerprint, type ElevatedOp, type ElevatedReply, type ElevatedResult, type Fingerprint } from './protocol'

export type HelperConfig = {
  socketDir: string
  parentPid: number
  parentUid: number
  /** sha256 (hex) of the one-time token; the token itself arrives only in the request */
  tokenSha256: string
  idleMs: number
}

export const SOCKET_NAME = 'helper.sock'

const changed = (p: string): LinkError =>
  new LinkError('CHANGED', `${p} changed after you asked; nothing was done there. Look again and retry.`, p)

function check(p: string, seen: Fingerprint): void {
  if (!sameFingerprint(fingerprintOf(p), seen)) throw changed(p)
}

function execute(op: ElevatedOp): ElevatedResult {
  try {
    switch (op.op) {
      case 'create':
        check(op.req.target, op.seen.target)
        check(op.req.link, op.seen.link)
        createLink(op.req)
        break
      case 'remove':
        check(op.path, op.seen)
        removeLink(op.path)
        break
      case 'retarget':
        check(op.req.path, op.seen)
        retargetLink(op.req)
        break
    }
    return { ok: true }
  } catch (e) {
    return { ok: false, error: toAppError(e) }
  }
}

function tokenMatches(token: string, sha256Hex: string): boolean {
  const given = createHash('sha256').update(token).digest()
  const expected = Buffer.from(sha256Hex, 'hex')
  return expected.length === given.length && timingSafeEqual(given, expected)
}

/** Answer one request line. Exported for unit tests of the decision logic. */
export function answer(line: string, config: Pick<HelperConfig, 'tokenSha256'>): ElevatedReply {
  try {
    const batch = parseBatch(line)
    if (!tokenMatches(batch.token, config.tokenSha256)) throw new LinkError('FORBIDDEN', 'The request did not carry this session\'s token.')
    return { results: batch.ops.map(execute) }
  } catch (e) {
    return { refused: toAppError(e) }
  }
}

/** Run until the client disconnects or nobody comes within idleMs. Resolves with the exit reason. */
export function runHelper(config: HelperConfig, onReady: (socketPath: string) => void): Promise<'done' | 'idle'> {
  const socketPath = path.join(config.socketDir, SOCKET_NAME)
  return new Promise((resolve, reject) => {
    let served = false
    const server = net.createServer((socket) => {
      const refuse = (error: AppError): void => { socket.end(JSON.stringify({ refused: error } satisfies ElevatedReply) + '\n') }
      if (served) return refuse({ code: 'FORBIDDEN', message: 'The helper already serves another client.' })
      const pid = peerPid(socket)
      if (process.platform === 'linux' && pid !== config.parentPid) {
        return refuse({ code: 'FORBIDDEN', message: `Only the Linkscope process that started the helper may use it (client was ${pid ?? 'unknown'}).` })
      }
      served = true
      clearTimeout(idle)
      let buffered = ''
      socket.setEncoding('utf8')
      socket.on('data', (chunk: string) => {
        buffered += chunk
        if (buffered.length > MAX_REQUEST_BYTES) { refuse({ code: 'INVALID_ARGUMENT', message: 'The request is too large.' }); return }
        for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
          const line = buffered.slice(0, nl)
          buffered = buffered.slice(nl + 1)
          socket.write(JSON.stringify(answer(line, config)) + '\n')
        }
      })
      socket.on('close', () => { server.close(); resolve('done') })
      socket.on('error', () => socket.destroy())
    })
    const idle = setTimeout(() => { server.close(); resolve('idle') }, config.idleMs)
    server.on('error', reject)
    server.listen({ path: socketPath, exclusive: true }, () => {
      fs.chmodSync(socketPath, 0o600)
      // Under pkexec we are root; the socket must belong to the user whose app connects.
      if (process.getuid?.() === 0 && config.parentUid !== 0) fs.chownSync(socketPath, config.parentUid, -1)
      onReady(socketPath)
    })
  })
}
