/**
 * The byte reads of a compare: the addon's threads (native/same_bytes.c) and node:fs give the same verdict
 * on every pair, at the edges of their read blocks and on a name that is not UTF-8; a pair of the same two
 * files (a hard-link group copied as a group) is read once; a file that cannot be read stops the compare
 * with the typed error node:fs gives, whichever side reads.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { nativeScan } from '../../../electron/engine/scan/native-scan'
import { runAsOtherUser, type Stage, stageForOtherUser, SWITCHES_USER } from '../../helpers/as-user'
import { cliJsonLines } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { isRoot, skipUnlessRoot } from '../../helpers/needs-root'

const BLOCK = 256 * 1024
const SIZES = [0, 1, 4095, 4096, BLOCK - 1, BLOCK, BLOCK + 1, 1 << 20, (1 << 20) + 7, 3 * BLOCK + 5]

let top: string
let a: string
let b: string
beforeAll(() => {
  top = makeTempDir('linkscope-compare-reads-')
  fs.chmodSync(top, 0o755)
  a = path.join(top, 'a')
  b = path.join(top, 'b')
  for (const r of [a, b]) fs.mkdirSync(r, { mode: 0o755 })
  const put = (rel: string, x: Buffer, y: Buffer): void => {
    fs.writeFileSync(path.join(a, rel), x)
    fs.writeFileSync(path.join(b, rel), y)
  }
  for (const size of SIZES) {
    const bytes = Buffer.alloc(size, `${size} `)
    put(`equal-${size}`, bytes, Buffer.from(bytes))
    if (size === 0) continue
    const first = Buffer.from(bytes)
    first[0] = (first[0] as number) ^ 1
    put(`first-${size}`, bytes, first)
    const last = Buffer.from(bytes)
    last[size - 1] = (last[size - 1] as number) ^ 1
    put(`last-${size}`, bytes, last)
  }
  // a name that is not UTF-8, given to the kernel as its bytes
  const raw = Buffer.concat([Buffer.from('raw-'), Buffer.from([0xff, 0xfe])])
  for (const r of [a, b]) fs.writeFileSync(Buffer.concat([Buffer.from(r + '/'), raw]), 'raw bytes')
  // one file with two names on each side: the pair of the same two files is read once
  for (const r of [a, b]) {
    fs.writeFileSync(path.join(r, 'group-1'), Buffer.alloc(1000, 'g'))
    fs.linkSync(path.join(r, 'group-1'), path.join(r, 'group-2'))
  }
})
afterAll(() => fs.rmSync(top, { recursive: true, force: true }))

type Line = { path?: string; state?: string; summary?: { bytesRead: number } }

function compare(native: '0' | '1'): { records: Line[]; bytesRead: number } {
  const lines = cliJsonLines<Line>(['compare', a, b, '--json'], native)
  return { records: lines.slice(0, -1), bytesRead: (lines.at(-1)?.summary as { bytesRead: number }).bytesRead }
}

describe('compare reads', () => {
  it('the addon and node:fs agree on every pair, at the edges of a read block and on a raw-byte name', () => {
    // the native run reads through the addon's sameBytes (an addon without it would fall back quietly)
    expect(typeof (nativeScan() as { sameBytes?: unknown } | null)?.sameBytes).toBe('function')
    const native = compare('1')
    const js = compare('0')
    expect(native.records).toEqual(js.records)
    const state = new Map(native.records.map((r) => [r.path, r.state]))
    for (const size of SIZES) {
      expect(state.get(`equal-${size}`), `equal-${size}`).toBe('same-content')
      if (size === 0) continue
      expect(state.get(`first-${size}`), `first-${size}`).toBe('differs')
      expect(state.get(`last-${size}`), `last-${size}`).toBe('differs')
    }
    expect(native.records.find((r) => r.path?.startsWith('raw-'))?.state).toBe('same-content')
  })

  it('reads a pair of the same two files once', () => {
    const { records, bytesRead } = compare('1')
    expect(records.filter((r) => r.path?.startsWith('group-')).map((r) => r.state)).toEqual([
      'same-content',
      'same-content',
    ])
    const sizes = SIZES.reduce((n, s) => n + (s === 0 ? 0 : 3 * s), 0)
    expect(bytesRead).toBe(2 * (sizes + 'raw bytes'.length + 1000))
  })

  describe('as a user who may not read a file', () => {
    let stage: Stage | undefined
    beforeAll(() => {
      if (isRoot) stage = stageForOtherUser()
    })
    afterAll(() => stage?.remove())

    it('stops with the typed error node:fs gives, naming the file, with or without the addon', (ctx) => {
      skipUnlessRoot(ctx, SWITCHES_USER)
      const secret = path.join(b, 'last-4096')
      fs.chmodSync(secret, 0o600)
      try {
        const runs = (['1', '0'] as const).map((native) =>
          runAsOtherUser(process.execPath, [(stage as Stage).cli, 'compare', a, b], {
            env: { ...process.env, LINKSCOPE_SCAN_NATIVE: native },
          }),
        )
        for (const r of runs) {
          expect(r.status).toBe(1)
          expect(r.stderr).toContain('(ACCESS_DENIED)')
          expect(r.stderr).toContain(secret)
        }
        expect(runs[0]?.stderr).toBe(runs[1]?.stderr)
      } finally {
        fs.chmodSync(secret, 0o644)
      }
    })
  })
})
