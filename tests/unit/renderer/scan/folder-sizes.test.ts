// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'

import { createAppStore } from '../../../../renderer/stores/app-store'
import { until } from '../../../fakes/fake-api'
import { scanningApi, SUMMARY } from '../../../fakes/scan-fake'

/** /root open: folders a and b, plain.txt (size 1), the link loop. */
async function opened() {
  const { api, runs } = scanningApi()
  const store = createAppStore(api)
  await store.getState().start()
  const s = () => store.getState()
  return { api, runs, s }
}

const sized = (root: string, entries: number, apparentBytes: number, uniqueBytes: number) => ({
  ok: true as const,
  value: { ...SUMMARY, root, entries, apparentBytes, uniqueBytes, onlyHereBytes: uniqueBytes - 100 },
})

describe('folder sizes: one folder from the details panel', () => {
  it('runs a sizes-only scan at once and keeps bytes in names and bytes of data', async () => {
    const { s, runs } = await opened()
    s().measureFolder('/root/b')
    expect(runs[0]).toMatchObject({ root: '/root/b', options: { broken: false, hardlinks: false, sizes: true } })
    expect(s().folderSizes.get('/root/b')).toMatchObject({ status: 'running', measured: false })
    runs[0]!.emit([{ type: 'progress', progress: { entries: 5, dirsQueued: 0, perSecond: 1, errors: 0 } }])
    await until(() => expect(s().folderSizes.get('/root/b')?.entries).toBe(5))
    runs[0]!.finish(sized('/root/b', 9, 12_400_000, 8_100_000))
    await until(() =>
      expect(s().folderSizes.get('/root/b')).toEqual({
        path: '/root/b',
        status: 'done',
        measured: true,
        entries: 9,
        apparentBytes: 12_400_000,
        uniqueBytes: 8_100_000,
        onlyHereBytes: 8_099_900,
        error: null,
      }),
    )
    expect(s().screen).toBe('explorer') // measuring does not leave the explorer
  })

  it('Cancel ends it as cancelled; a failure keeps the reason', async () => {
    const { s, runs } = await opened()
    s().measureFolder('/root/a')
    s().cancelMeasure('/root/a')
    expect(runs[0]!.cancelled).toBe(true)
    await until(() => expect(s().folderSizes.get('/root/a')).toMatchObject({ status: 'cancelled', measured: false }))
    s().measureFolder('/root/a')
    runs[1]!.finish({ ok: false, error: { code: 'ACCESS_DENIED', message: 'Permission denied: /root/a' } })
    await until(() =>
      expect(s().folderSizes.get('/root/a')).toMatchObject({ status: 'failed', error: { code: 'ACCESS_DENIED' } }),
    )
  })
})

describe('folder sizes: the toolbar toggle', () => {
  it('measures every real folder of the open one in turn, and sorts by them', async () => {
    const { s, runs } = await opened()
    s().setFolderSizes(true)
    expect(s().folderSizesOn).toBe(true)
    // one at a time, real folders only (not the link "loop", not the file)
    expect(runs.map((r) => r.root)).toEqual(['/root/a'])
    expect(s().folderSizes.get('/root/b')?.status).toBe('queued')
    runs[0]!.finish(sized('/root/a', 3, 100, 100))
    await until(() => expect(runs.map((r) => r.root)).toEqual(['/root/a', '/root/b']))
    runs[1]!.finish(sized('/root/b', 40, 5000, 3000))
    // b's end is the signal: the queue would have started a third run by then
    await until(() =>
      expect(s().folderSizes.get('/root/b')).toMatchObject({ measured: true, apparentBytes: 5000, uniqueBytes: 3000 }),
    )
    expect(runs).toHaveLength(2)
    expect(s().folderSizes.get('/root/a')).toMatchObject({ measured: true, apparentBytes: 100 })
    // by size, biggest first: b before a (folders first still), then the file, then the link with no size
    s().sortBy('size')
    s().sortBy('size')
    expect(s().view.map((e) => e.name)).toEqual(['b', 'a', 'plain.txt', 'loop'])
  })

  it('sorted by size, progress alone does not re-sort the folder; a measured size does', async () => {
    const { s, runs } = await opened()
    s().sortBy('size')
    s().setFolderSizes(true)
    await until(() => expect(s().folderSizes.get('/root/a')?.status).toBe('running'))
    const before = s().view
    runs[0]!.emit([{ type: 'progress', progress: { entries: 50, dirsQueued: 3, perSecond: 1, errors: 0 } }])
    // the progress shown is the signal: a re-sort would have come with the same flush
    await until(() => expect(s().folderSizes.get('/root/a')?.entries).toBe(50))
    expect(s().view).toBe(before) // the same array: not sorted again
    runs[0]!.finish(sized('/root/a', 60, 9000, 9000))
    await until(() => expect(s().folderSizes.get('/root/a')?.measured).toBe(true))
    expect(s().view).not.toBe(before)
    expect(s().view.map((e) => e.name)).toEqual(['b', 'a', 'loop', 'plain.txt']) // ascending: b not measured yet (none), a 9000 B
  })

  it('a refresh measures again and keeps the old figures on screen until the new ones come', async () => {
    const { s, runs } = await opened()
    s().setFolderSizes(true)
    runs[0]!.finish(sized('/root/a', 3, 100, 100))
    await until(() => expect(runs).toHaveLength(2))
    runs[1]!.finish(sized('/root/b', 40, 5000, 3000))
    await until(() => expect(s().folderSizes.get('/root/b')?.status).toBe('done'))
    await s().refresh()
    await until(() => {
      expect(runs.map((r) => r.root).slice(2)).toEqual(['/root/a'])
      expect(s().folderSizes.get('/root/a')).toMatchObject({ status: 'running', measured: true, apparentBytes: 100 })
      expect(s().folderSizes.get('/root/b')).toMatchObject({ status: 'queued', measured: true, apparentBytes: 5000 })
    })
    runs[2]!.finish(sized('/root/a', 4, 200, 150))
    await until(() =>
      expect(s().folderSizes.get('/root/a')).toMatchObject({ status: 'done', apparentBytes: 200, uniqueBytes: 150 }),
    )
    // turned off half way: b keeps its earlier figures, as done, not as still to measure
    await until(() => expect(runs).toHaveLength(4))
    s().setFolderSizes(false)
    expect(runs[3]!.cancelled).toBe(true)
    await until(() =>
      expect(s().folderSizes.get('/root/b')).toMatchObject({ status: 'done', measured: true, apparentBytes: 5000 }),
    )
  })

  it('turning it off cancels the folder being measured and drops the queue; what was measured stays', async () => {
    const { s, runs } = await opened()
    s().setFolderSizes(true)
    runs[0]!.finish(sized('/root/a', 3, 100, 100))
    await until(() => expect(runs[1]?.root).toBe('/root/b'))
    s().setFolderSizes(false)
    expect(runs[1]!.cancelled).toBe(true)
    await until(() => expect([...s().folderSizes.keys()]).toEqual(['/root/a']))
    expect(s().folderSizes.get('/root/a')?.status).toBe('done')
    expect(runs).toHaveLength(2)
  })

  it('another folder starts afresh; "Measure size" on a queued folder measures it at once', async () => {
    const { s, runs } = await opened()
    s().setFolderSizes(true)
    expect(runs.map((r) => r.root)).toEqual(['/root/a'])
    s().measureFolder('/root/b') // the click does not wait for the queue
    expect(runs.map((r) => r.root)).toEqual(['/root/a', '/root/b'])
    runs[1]!.finish(sized('/root/b', 40, 5000, 3000))
    runs[0]!.finish(sized('/root/a', 3, 100, 100))
    // both ends shown are the signal: a queued b would have started again by then
    await until(() => {
      expect(s().folderSizes.get('/root/a')?.status).toBe('done')
      expect(s().folderSizes.get('/root/b')?.status).toBe('done')
    })
    expect(runs).toHaveLength(2) // b was not measured twice
    await s().openDirectory('/root/b')
    // /root/b has no folders: nothing to measure, and /root's figures are gone
    expect(runs).toHaveLength(2)
    expect(s().folderSizes.size).toBe(0)
  })
})
