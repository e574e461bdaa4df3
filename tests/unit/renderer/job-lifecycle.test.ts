// The one-job-per-view rules the Compare and Duplicates views share: a new start cancels the last job,
// whose late rows and end are then ignored; the first rows show at once; the end is told by its kind.
import { describe, expect, it } from 'vitest'

import { type JobEnd, jobLifecycle } from '../../../renderer/stores/job-lifecycle'
import type { Result } from '../../../shared/errors'
import type { Job } from '../../../shared/ipc/contract'

/** A job whose items and end the test drives by hand. */
function handJob() {
  let finish: (r: Result<string>) => void = () => undefined
  let push: (items: number[]) => void = () => undefined
  const state = { cancelled: false }
  const open = (p: (items: number[]) => void): Job<string> => {
    push = p
    return {
      id: 'j',
      done: new Promise((res) => (finish = res)),
      cancel: () => {
        state.cancelled = true
      },
    }
  }
  return { open, push: (items: number[]) => push(items), finish: (r: Result<string>) => finish(r), state }
}

function lifecycle() {
  const rows: number[] = []
  const ends: JobEnd<string>[] = []
  const jobs = jobLifecycle<number, number, string>({
    flushMs: 60_000,
    rowsOf: (items) => items.filter((n) => n >= 0),
    addRows: (r) => rows.push(...r),
    isEmpty: () => rows.length === 0,
  })
  return { jobs, rows, ends, end: (e: JobEnd<string>) => ends.push(e) }
}

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('jobLifecycle', () => {
  it('shows the first rows at once, gathers the rest until the end, and tells it is done', async () => {
    const l = lifecycle()
    const j = handJob()
    l.jobs.start(j.open, l.end)
    j.push([1, -1, 2])
    expect(l.rows).toEqual([1, 2])
    j.push([3])
    expect(l.rows).toEqual([1, 2])
    j.finish({ ok: true, value: 'sum' })
    await tick()
    expect(l.rows).toEqual([1, 2, 3])
    expect(l.ends).toEqual([{ status: 'done', value: 'sum', error: null }])
  })

  it('cancels the last job on a new start and ignores its late rows and end', async () => {
    const l = lifecycle()
    const first = handJob()
    const second = handJob()
    l.jobs.start(first.open, l.end)
    l.jobs.start(second.open, l.end)
    expect(first.state.cancelled).toBe(true)
    first.push([7])
    first.finish({ ok: true, value: 'old' })
    second.push([8])
    second.finish({ ok: false, error: { code: 'CANCELLED', message: 'stopped' } as never })
    await tick()
    expect(l.rows).toEqual([8])
    expect(l.ends).toEqual([{ status: 'cancelled', error: null }])
  })

  it('tells a failure with its error, and cancel reaches the running job only', async () => {
    const l = lifecycle()
    const j = handJob()
    l.jobs.start(j.open, l.end)
    l.jobs.cancel()
    expect(j.state.cancelled).toBe(true)
    const error = { code: 'NOT_FOUND', message: 'gone' } as never
    j.finish({ ok: false, error })
    await tick()
    expect(l.ends).toEqual([{ status: 'failed', error }])
    j.state.cancelled = false
    l.jobs.cancel()
    expect(j.state.cancelled).toBe(false)
  })
})
