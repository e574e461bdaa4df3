import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { findNames, runScan } from '../../../electron/engine/scan'
import { LinkError } from '../../../shared/errors'
import type { ScanItem } from '../../../shared/types/scan'
import { type BigTree, makeBigTree } from './big-tree'

/** Threads of this process right now (the scan's workers show up here while they live). */
const threads = (): number => fs.readdirSync('/proc/self/task').length

let big: BigTree
beforeAll(() => {
  big = makeBigTree('linkscope-cancel-')
}, 120_000)
afterAll(() => fs.rmSync(big.root, { recursive: true, force: true }))

/**
 * Decision: a cancelled scan resolves with `cancelled: true` and the counts so far (not a CANCELLED
 * error), emits nothing more, and its worker threads are gone when the promise settles. findNames has no
 * partial result, so it rejects with CANCELLED.
 */
describe('cancelling a scan', () => {
  it('a full scan of the big tree takes long enough to cancel in the middle', async () => {
    const items: ScanItem[] = []
    const s = await runScan(
      {
        signal: new AbortController().signal,
        emit: (b) => {
          items.push(...b)
        },
      },
      big.root,
      { broken: true, hardlinks: true },
    )
    expect(s.entries).toBe(big.entries)
    expect(s.broken).toBe(40 * 40)
    expect(items.filter((i) => i.type === 'progress').length).toBeGreaterThan(1)
  })

  it('after the first progress: settles promptly with cancelled: true, nothing emitted after, workers gone', async () => {
    const before = threads()
    const controller = new AbortController()
    let cancelledAt = 0
    let afterCancel = 0
    let peakThreads = 0
    const started = performance.now()
    const summary = await runScan(
      {
        signal: controller.signal,
        emit(items) {
          if (controller.signal.aborted) {
            afterCancel += items.length
            return
          }
          if (items.some((i) => i.type === 'progress')) {
            peakThreads = threads()
            cancelledAt = performance.now()
            controller.abort()
          }
        },
      },
      big.root,
      { broken: true, hardlinks: true },
    )
    const settleMs = performance.now() - cancelledAt
    expect(cancelledAt).toBeGreaterThan(started)
    expect(summary.cancelled).toBe(true)
    expect(summary.entries).toBeLessThan(big.entries)
    expect(settleMs).toBeLessThan(250)
    expect(afterCancel).toBe(0)
    expect(peakThreads).toBeGreaterThan(before) // the workers were running when we cancelled…
    // …and are gone: a native walker thread is waited for only briefly (one stuck on a hung mount is left
    // behind), so on a loaded machine one may end a moment after the promise settled. Bounded wait.
    for (const until = performance.now() + 5000; threads() > before && performance.now() < until;)
      await new Promise((r) => setTimeout(r, 20))
    expect(threads()).toBeLessThanOrEqual(before)
  })

  it('an already-cancelled signal ends at once, having listed nothing', async () => {
    const controller = new AbortController()
    controller.abort()
    const emitted: ScanItem[] = []
    const s = await runScan(
      {
        signal: controller.signal,
        emit: (b) => {
          emitted.push(...b)
        },
      },
      big.root,
      { broken: true, hardlinks: true },
    )
    expect(s).toMatchObject({ cancelled: true, entries: 0, broken: 0, groups: 0 })
    expect(emitted).toEqual([])
  })

  it('findNames rejects with CANCELLED, promptly', async () => {
    // two names, the second outside the root: the walk can never finish early by finding both
    const file = path.join(big.root, 't0', 's0', 'f0')
    const other = `${big.root}-other-name`
    fs.linkSync(file, other)
    try {
      const controller = new AbortController()
      setTimeout(() => controller.abort(), 30)
      const started = performance.now()
      const err = await findNames({ signal: controller.signal, emit: () => {} }, file, big.root).catch(
        (e: unknown) => e,
      )
      expect(err).toBeInstanceOf(LinkError)
      expect(err).toMatchObject({ code: 'CANCELLED', path: file })
      expect(performance.now() - started).toBeLessThan(600) // 50–150 ms measured with the machine loaded (load average 7)
    } finally {
      fs.unlinkSync(other)
    }
  })
})
