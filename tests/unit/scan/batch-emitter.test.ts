import { describe, expect, it } from 'vitest'

import { createBatchEmitter } from '../../../electron/engine/scan/batch-emitter'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function sink(aborted = new AbortController()) {
  const batches: number[][] = []
  return {
    batches,
    controller: aborted,
    ctx: {
      signal: aborted.signal,
      emit: (items: number[]) => {
        batches.push(items)
      },
    },
  }
}

describe('the batch emitter', () => {
  it('sends full batches by count, never one message per item', () => {
    const s = sink()
    const e = createBatchEmitter(s.ctx, 500, 60_000)
    for (let i = 0; i < 1234; i++) e.push(i)
    expect(s.batches.map((b) => b.length)).toEqual([500, 500])
    e.close()
    expect(s.batches.map((b) => b.length)).toEqual([500, 500, 234])
    expect(s.batches.flat()).toEqual(Array.from({ length: 1234 }, (_, i) => i))
  })

  it('sends a quiet tail by time without waiting for more items', async () => {
    const s = sink()
    const e = createBatchEmitter(s.ctx, 500, 20)
    e.push(1)
    e.push(2)
    expect(s.batches).toEqual([])
    await sleep(80)
    expect(s.batches).toEqual([[1, 2]])
    e.close()
  })

  it('sends nothing once the job is cancelled, and nothing after close', () => {
    const s = sink()
    const e = createBatchEmitter(s.ctx, 2, 60_000)
    e.push(1)
    s.controller.abort()
    e.push(2)
    e.close()
    e.push(3)
    expect(s.batches).toEqual([])
  })
})
