import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type EngineHost, startEngineHost } from '../../../electron/engine/service/engine-host'
import type { ScanItem, ScanSummary } from '../../../shared/types/scan'
import { ENGINE_WORKER } from '../../helpers/built'
import { buildLinkTree, makeTempDir } from '../../helpers/link-tree'
import { type BigTree, makeBigTree } from './big-tree'

/** The scanner through the real engine worker (out/engine/engine-worker.js starting out/engine/scan-worker.js). */
let host: EngineHost
let root: string
let big: BigTree
beforeAll(() => {
  root = buildLinkTree(makeTempDir('linkscope-scanhost-'))
  big = makeBigTree('linkscope-scanhost-big-', 20, 30, 30)
  host = startEngineHost({ mode: 'browser', startDir: root }, ENGINE_WORKER)
}, 120_000)
afterAll(async () => {
  await host.close()
  fs.chmodSync(path.join(root, 'locked'), 0o755)
  fs.rmSync(root, { recursive: true, force: true })
  fs.rmSync(big.root, { recursive: true, force: true })
})

describe('scan:run, links:names and scan:candidates through the engine worker', () => {
  it('streams broken links and the group, then the summary', async () => {
    const items: ScanItem[] = []
    const session = host.session((_job, batch) => {
      items.push(...(batch as ScanItem[]))
    })
    const r = await session.request('scan:run', { jobId: 'scan-1', args: [root, { broken: true, hardlinks: true }] })
    expect(r).toMatchObject({ ok: true, value: { root, broken: 6, groups: 1, cancelled: false, errors: 0 } })
    expect(items.filter((i) => i.type === 'broken').length).toBe(6)
    expect(items.filter((i) => i.type === 'group')).toEqual([
      { type: 'group', group: expect.objectContaining({ links: 3, paths: expect.any(Array) }) },
    ])
  })

  it('jobs:cancel ends a running scan with cancelled: true', async () => {
    // The cancel goes right behind the request: the whole tree takes the scanner a few tens of
    // milliseconds, so waiting for a first batch would race the end of the scan.
    const session = host.session(() => {})
    const running = session.request('scan:run', {
      jobId: 'scan-2',
      args: [big.root, { broken: true, hardlinks: true }],
    })
    const cancel = session.request('jobs:cancel', { args: ['scan-2'] })
    const r = await running
    expect(await cancel).toMatchObject({ ok: true })
    expect(r.ok).toBe(true)
    const s = (r as { value: ScanSummary }).value
    expect(s.cancelled).toBe(true)
    expect(s.entries).toBeLessThan(big.entries)
  })

  it('names and candidates answer through the same worker', async () => {
    const streamed: string[] = []
    const session = host.session((_job, batch) => {
      streamed.push(...(batch as string[]))
    })
    const n = await session.request('links:names', {
      jobId: 'names-1',
      args: [path.join(root, 'report-hardlink.txt'), root],
    })
    expect(n).toMatchObject({
      ok: true,
      value: { links: 3, paths: expect.arrayContaining([path.join(root, 'docs', 'report.txt')]) },
    })
    expect(streamed.length).toBe(3)
    fs.writeFileSync(path.join(root, 'other', 'missing.txt'), 'found it')
    const c = await session.request('scan:candidates', {
      jobId: 'candidates-1',
      args: [path.join(root, 'dangling'), root],
    })
    expect(c).toEqual({
      ok: true,
      value: [{ path: path.join(root, 'other', 'missing.txt'), kind: 'file', score: expect.any(Number) }],
    })
    fs.unlinkSync(path.join(root, 'other', 'missing.txt'))
    // a walk of the whole tree: jobs:cancel ends it with CANCELLED
    fs.symlinkSync('gone/f1', path.join(big.root, 'cand-link'))
    const walking = session.request('scan:candidates', {
      jobId: 'candidates-2',
      args: [path.join(big.root, 'cand-link'), big.root],
    })
    expect(await session.request('jobs:cancel', { args: ['candidates-2'] })).toEqual({ ok: true, value: true })
    expect(await walking).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    fs.unlinkSync(path.join(big.root, 'cand-link'))
    const bad = await session.request('scan:run', {
      jobId: 'scan-3',
      args: [path.join(root, 'plain.txt'), { broken: true, hardlinks: true }],
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'NOT_A_DIRECTORY', path: path.join(root, 'plain.txt') } })
  })
})
