/**
 * The elevated helper: a short-lived process that performs an allow-listed batch of link operations for
 * the app and exits. It compares the one-time token in constant time before it looks at anything else in
 * a request, re-checks every path against what the app saw, and executes through the same engine ops,
 * strictly: no symbolic link in any folder of a path, every act through a handle to a folder pinned to
 * the identity the app saw. One result per item.
 *
 * On Linux and macOS it talks over its standard input and output, which are the pipes of the app that
 * started it (through pkexec): there is no socket or file another process could find and enter. On
 * Windows the same answer() serves a named pipe (win32/pipe-server.ts).
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Readable, Writable } from 'node:stream'

import { LinkError, toAppError } from '../../shared/errors'
import { createLink, removeLink, retargetLink } from '../engine/ops'
import { actStrictly, type Pin, withPins } from '../engine/platform/acting'
import { fingerprintOf } from './fingerprint'
import { lineReader } from './line-reader'
import {
  type ElevatedOp,
  type ElevatedReply,
  type ElevatedResult,
  type Fingerprint,
  MAX_REQUEST_BYTES,
  parseBatch,
  sameFingerprint,
  tokenOf,
} from './protocol'

export type HelperConfig = {
  /** sha256 (hex) of the one-time token; the token itself arrives only in the request */
  tokenSha256: string
  idleMs: number
}

const changed = (p: string): LinkError =>
  new LinkError('CHANGED', `${p} changed after you asked; nothing was done there. Look again and retry.`, p)

function check(p: string, seen: Fingerprint): void {
  if (!sameFingerprint(fingerprintOf(p), seen)) throw changed(p)
}

/** The folders the app saw, and for a hard link the file it saw: the platform re-checks them on its handles. */
function pinsOf(op: ElevatedOp): Pin[] {
  const pins: Pin[] = [...op.folders]
  if (op.op === 'create' && op.req.type === 'hard' && op.seen.target.exists)
    pins.push({ path: op.req.target, id: op.seen.target.id })
  return pins
}

function execute(op: ElevatedOp): ElevatedResult {
  try {
    withPins(pinsOf(op), () => {
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
    })
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

/** Answer one request line: the token first, then the batch. Exported for tests of the decision logic. */
export function answer(line: string, config: Pick<HelperConfig, 'tokenSha256'>): ElevatedReply {
  const { raw, token } = tokenOf(line)
  if (token === null || !tokenMatches(token, config.tokenSha256)) {
    return { refused: { code: 'FORBIDDEN', message: "The request did not carry this session's token." } }
  }
  try {
    return { results: parseBatch(raw).ops.map(execute) }
  } catch (e) {
    return { refused: toAppError(e) }
  }
}

function readConfig(line: string): HelperConfig {
  const raw = tokenOf(line).raw as { tokenSha256?: unknown; idleMs?: unknown } | undefined
  if (
    typeof raw?.tokenSha256 !== 'string' ||
    !/^[0-9a-f]{64}$/.test(raw.tokenSha256) ||
    typeof raw.idleMs !== 'number' ||
    !(raw.idleMs > 0)
  ) {
    throw new LinkError('INVALID_ARGUMENT', 'The helper configuration is not { tokenSha256, idleMs }.')
  }
  return { tokenSha256: raw.tokenSha256, idleMs: raw.idleMs }
}

/**
 * Serve the app over `input`/`output` (standard input and output in the helper process): the first line
 * is the configuration, answered with READY; then one reply line per request line. Resolves with the
 * reason it ended: the app closed its end ('done'), nothing came within idleMs ('idle'), or a request was
 * too large ('refused').
 */
export function serveStdio(input: Readable, output: Writable): Promise<'done' | 'idle' | 'refused'> {
  actStrictly()
  return new Promise((resolve, reject) => {
    let config: HelperConfig | undefined
    let idle: NodeJS.Timeout | undefined
    const finish = (why: 'done' | 'idle' | 'refused'): void => {
      clearTimeout(idle)
      input.destroy()
      resolve(why)
    }
    const write = (reply: ElevatedReply): void => {
      output.write(JSON.stringify(reply) + '\n')
    }
    lineReader(input, MAX_REQUEST_BYTES, {
      line(text) {
        if (!config) {
          try {
            config = readConfig(text)
          } catch (e) {
            return reject(e)
          }
          idle = setTimeout(() => finish('idle'), config.idleMs)
          output.write('READY\n')
          return
        }
        clearTimeout(idle)
        write(answer(text, config))
        idle = setTimeout(() => finish('idle'), config.idleMs)
      },
      tooLong() {
        write({ refused: { code: 'INVALID_ARGUMENT', message: 'The request is too large.' } })
        finish('refused')
      },
      end: () => finish('done'),
    })
  })
}
