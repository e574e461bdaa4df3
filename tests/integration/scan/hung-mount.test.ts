/**
 * A scan that reaches a hung mount (a FUSE server that never answers, like a dead NFS server): one native
 * walker thread waits in fstatat for ever. Cancelling must answer at once, every other request must keep
 * being answered (each in a few ms, logged; asserted under PROMPT_MS, since the alternative is never and a
 * busy host stretches a millisecond), and the stuck thread is left behind, never waited for on the engine
 * thread.
 * The CLI must exit promptly on Ctrl-C in the same state.
 */
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { type EngineHost, startEngineHost } from '../../../electron/engine/service/engine-host'
import { CLI, ENGINE_WORKER } from '../../helpers/built'
import {
  type HungMount,
  hungMountUnavailable,
  mountHung,
  threadsWaitingOnFuse,
  waitFor,
} from '../../helpers/hung-mount'
import { makeTempDir } from '../../helpers/link-tree'
import { skipBecause } from '../../helpers/needs-root'

const unavailable = hungMountUnavailable()
if (unavailable) console.log(`hung-mount tests skipped: ${unavailable}`)

/** hangfs gives up (unmounts, exits) after this long whatever the test does. */
const HANG_SECONDS = 30
/** An answer within this, while the stuck call waits for ever: prompt, however busy the host (the log has the figures). */
const PROMPT_MS = 1000

let root: string
let mount: HungMount | undefined
beforeEach((ctx) => skipBecause(ctx, unavailable))

beforeAll(async () => {
  if (unavailable) return
  root = makeTempDir('linkscope-hung-')
  for (const d of ['a', 'z']) {
    fs.mkdirSync(path.join(root, d))
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(root, d, `f${i}`), 'x')
  }
  fs.symlinkSync('missing', path.join(root, 'a', 'dangling'))
  fs.mkdirSync(path.join(root, 'm'))
  mount = await mountHung(path.join(root, 'm'), HANG_SECONDS)
})
afterAll(async () => {
  await mount?.unmount()
  if (root) fs.rmSync(root, { recursive: true, force: true })
})

/** ms that `p` takes to settle, and its value. */
async function timed<T>(p: Promise<T>): Promise<[number, T]> {
  const started = performance.now()
  const v = await p
  return [performance.now() - started, v]
}

describe('a scan stuck on a hung mount', () => {
  let host: EngineHost | undefined
  afterAll(async () => {
    await mount?.unmount() // first: the stuck thread gets its answer (an error) and leaves
    await host?.close()
  })

  it('cancel answers at once, the engine answers everything else promptly, the stuck thread is left behind', async () => {
    host = startEngineHost({ mode: 'browser', startDir: root }, ENGINE_WORKER)
    const session = host.session(() => {})
    const stuckBefore = threadsWaitingOnFuse('self')
    const scan = session.request('scan:run', { jobId: 'hung-scan', args: [root, { broken: true, hardlinks: true }] })
    // A walker thread reaches m/ and waits in the kernel for the FUSE answer that never comes.
    expect(await waitFor(() => threadsWaitingOnFuse('self') > stuckBefore, 10_000)).toBe(true)

    const other = path.join(root, 'a', 'f0')
    const [statMs, stat] = await timed(session.request('links:stat', { args: [other] }))
    expect(stat).toMatchObject({ ok: true, value: { path: other } })

    const [cancelMs, cancelled] = await timed(session.request('jobs:cancel', { args: ['hung-scan'] }))
    expect(cancelled).toEqual({ ok: true, value: true })
    const statsAfter: number[] = []
    for (let i = 0; i < 5; i++) {
      const [ms, r] = await timed(session.request('links:stat', { args: [other] }))
      expect(r).toMatchObject({ ok: true })
      statsAfter.push(ms)
    }
    const [scanEndMs, summary] = await timed(scan)
    expect(summary).toMatchObject({ ok: true, value: { cancelled: true } })
    // The scan is over, and its thread is still waiting on the mount: abandoned, not joined.
    expect(threadsWaitingOnFuse('self')).toBeGreaterThan(stuckBefore)
    console.log(
      `hung mount: links:stat ${statMs.toFixed(1)} ms while stuck; jobs:cancel ${cancelMs.toFixed(1)} ms; ` +
        `links:stat after ${statsAfter.map((m) => m.toFixed(1)).join(', ')} ms; the scan's result ${scanEndMs.toFixed(1)} ms after those`,
    )
    expect(statMs).toBeLessThan(PROMPT_MS)
    expect(cancelMs).toBeLessThan(PROMPT_MS)
    for (const ms of statsAfter) expect(ms).toBeLessThan(PROMPT_MS)

    // A second scan of the same tree while the first thread is still stuck: it gets stuck too, and cancels as fast.
    const stuckNow = threadsWaitingOnFuse('self')
    const again = session.request('scan:run', { jobId: 'hung-scan-2', args: [root, { broken: true, hardlinks: true }] })
    expect(await waitFor(() => threadsWaitingOnFuse('self') > stuckNow, 10_000)).toBe(true)
    const [cancel2Ms] = await timed(session.request('jobs:cancel', { args: ['hung-scan-2'] }))
    expect(cancel2Ms).toBeLessThan(PROMPT_MS)
    expect(await again).toMatchObject({ ok: true, value: { cancelled: true } })

    // Once the mount is gone, the abandoned threads get their error and leave (the last one frees the walk).
    await mount?.unmount()
    expect(await waitFor(() => threadsWaitingOnFuse('self') === stuckBefore, 5000)).toBe(true)
    const [lastMs, last] = await timed(session.request('links:stat', { args: [other] }))
    expect(last).toMatchObject({ ok: true })
    expect(lastMs).toBeLessThan(PROMPT_MS)
  }, 60_000)
})

describe('listing a folder that holds a hung mount', () => {
  const STUCK_MS = 1500
  let host: EngineHost | undefined
  beforeAll(async () => {
    if (unavailable) return
    await mount?.unmount()
    mount = await mountHung(path.join(root, 'm'), HANG_SECONDS)
  })
  afterAll(async () => {
    await mount?.unmount()
    await host?.close()
  })

  it('fails that listing with NOT_RESPONDING, and a fresh engine answers everything after', async () => {
    host = startEngineHost({ mode: 'browser', startDir: root }, ENGINE_WORKER, { stuckMs: STUCK_MS })
    const session = host.session(() => {})
    const stuckBefore = threadsWaitingOnFuse('self')
    // The listing lstats m/, whose FUSE server never answers: the engine thread waits in the kernel.
    const [listMs, listed] = await timed(session.request('links:list', { jobId: 'hung-list', args: [root] }))
    expect(listed).toMatchObject({ ok: false, error: { code: 'NOT_RESPONDING' } })
    expect(threadsWaitingOnFuse('self')).toBeGreaterThan(stuckBefore) // left behind, still waiting
    const other = path.join(root, 'a', 'f0')
    const after: number[] = []
    for (let i = 0; i < 5; i++) {
      const [ms, r] = await timed(session.request('links:stat', { args: [other] }))
      expect(r).toMatchObject({ ok: true, value: { path: other } })
      after.push(ms)
    }
    const [, a] = await timed(session.request('links:list', { jobId: 'list-a', args: [path.join(root, 'a')] }))
    expect(a).toMatchObject({ ok: true, value: { count: 21 } })
    console.log(
      `hung mount: the listing failed after ${listMs.toFixed(0)} ms (stuck after ${STUCK_MS} ms); links:stat then ${after.map((m) => m.toFixed(1)).join(', ')} ms`,
    )
    expect(listMs).toBeGreaterThanOrEqual(STUCK_MS)
    expect(listMs).toBeLessThan(STUCK_MS + 5000)
    for (const ms of after.slice(1)) expect(ms).toBeLessThan(PROMPT_MS) // the first may wait for the fresh engine to start
    // Once the mount is gone, the stuck thread gets its answer and the abandoned engine ends.
    await mount?.unmount()
    expect(await waitFor(() => threadsWaitingOnFuse('self') === stuckBefore, 5000)).toBe(true)
  }, 60_000)
})

describe('the CLI on a hung mount', () => {
  beforeAll(async () => {
    if (unavailable) return
    await mount?.unmount()
    mount = await mountHung(path.join(root, 'm'), HANG_SECONDS)
  })

  it('Ctrl-C ends `linkscope scan` promptly (exit 1, CANCELLED) while a thread is stuck', async () => {
    const child = spawn(process.execPath, [CLI, 'scan', root], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      expect(await waitFor(() => threadsWaitingOnFuse(child.pid as number) > 0, 10_000)).toBe(true)
      const started = performance.now()
      child.kill('SIGINT')
      const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5000))])
      const ms = performance.now() - started
      console.log(`hung mount: linkscope scan exited ${ms.toFixed(0)} ms after SIGINT`)
      expect(code).toBe(1)
      expect(stderr).toMatch(/was cancelled\. \(CANCELLED\)/)
      expect(ms).toBeLessThan(2000)
    } finally {
      child.kill('SIGKILL')
    }
  }, 30_000)
})
