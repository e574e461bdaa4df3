import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type EngineHost, startEngineHost } from '../../../electron/engine/service/engine-host'
import { type ColumnBatch, fromColumns } from '../../../shared/ipc/columns'
import type { LinkEntry } from '../../../shared/types/link'
import { ENGINE_WORKER } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'

const BIG = 100_000
let big: string
let host: EngineHost

beforeAll(() => {
  big = makeTempDir('linkscope-big-')
  for (let i = 0; i < BIG; i++) fs.writeFileSync(path.join(big, `f${i}`), '')
  host = startEngineHost({ mode: 'browser', startDir: big }, ENGINE_WORKER)
}, 120_000)
afterAll(async () => {
  await host.close()
  fs.rmSync(big, { recursive: true, force: true })
})

describe('the engine host (worker thread) streaming a 100k-entry folder', () => {
  it('streams the whole folder in batches, then a summary', async () => {
    const batches: number[] = []
    const names = new Set<string>()
    const session = host.session((_job, items) => {
      batches.push(items.length)
      for (const e of items as LinkEntry[]) names.add(e.name)
    })
    const r = await session.request('links:list', { jobId: 'list-1', args: [big] })
    expect(r).toMatchObject({ ok: true, value: { dir: big, count: BIG, parent: path.dirname(big) } })
    expect(names.size).toBe(BIG)
    expect(batches.length).toBeGreaterThan(10) // streamed, not one giant message
    expect(Math.max(...batches)).toBeLessThanOrEqual(2000)
  })

  it('gives a session that asks for socket text the same batches, encoded by the worker', async () => {
    const asItems: unknown[] = []
    const asText: unknown[] = []
    let itemsCalls = 0
    const plain = host.session((_job, items) => void asItems.push(...items))
    const encoded = host.session(
      () => itemsCalls++,
      (job, text) => {
        const m = JSON.parse(text) as { type: string; jobId: string; columns: ColumnBatch }
        expect(m).toMatchObject({ type: 'columns', jobId: job })
        asText.push(...fromColumns(m.columns))
      },
    )
    await plain.request('links:list', { jobId: 'list-items', args: [big] })
    const r = await encoded.request('links:list', { jobId: 'list-text', args: [big] })
    expect(r).toMatchObject({ ok: true, value: { count: BIG } })
    expect(itemsCalls).toBe(0)
    expect(asText).toEqual(asItems)
  })

  it('stops when cancelled and says CANCELLED', async () => {
    let received = 0
    let cancelled = false
    const session = host.session((_job, items) => {
      received += items.length
      if (!cancelled) {
        cancelled = true
        void session.request('jobs:cancel', { args: ['list-2'] })
      }
    })
    const r = await session.request('links:list', { jobId: 'list-2', args: [big] })
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(received).toBeLessThan(BIG)
  })

  it('keeps sessions apart: batches go to their owner, and one may not cancel another', async () => {
    const seenByA: string[] = []
    const seenByB: string[] = []
    const a = host.session((job) => seenByA.push(job))
    const b = host.session((job) => seenByB.push(job))
    const running = a.request('links:list', { jobId: 'list-3', args: [big] })
    const foreign = await b.request('jobs:cancel', { args: ['list-3'] })
    expect(foreign).toEqual({ ok: true, value: false })
    expect((await running).ok).toBe(true)
    expect(new Set(seenByA)).toEqual(new Set(['list-3']))
    expect(seenByB).toEqual([])
  })

  it("cancels a closed session's jobs", async () => {
    const session = host.session(() => session.close())
    const r = await session.request('links:list', { jobId: 'list-4', args: [big] })
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
  })

  it('refuses unknown channels before they reach the engine, and reports engine errors as Results', async () => {
    const s = host.session(() => {})
    expect(await s.request('fs:rm', { args: ['/'] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await s.request('links:stat', { args: [path.join(big, 'nope')] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await s.request('links:elevate', { args: [[{ op: 'remove', path: big }]] })).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED_ON_PLATFORM' },
    })
    expect(await s.request('settings:explorerMenu', { args: [] })).toMatchObject({
      ok: true,
      value: { available: false, state: 'absent', reason: expect.stringContaining('Windows') },
    })
    expect(await s.request('settings:setExplorerMenu', { args: [true] })).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED_ON_PLATFORM' },
    })
    const info = await s.request('app:info', { args: [] })
    expect(info).toMatchObject({ ok: true, value: { mode: 'browser', startDir: big, platform: 'posix', sep: '/' } })
  })
})
