// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'

import { createAppStore } from '../../../../renderer/stores/app-store'
import { SCAN_FLUSH_MS } from '../../../../renderer/stores/slices/scan-slice'
import { entry, until } from '../../../fakes/fake-api'
import { group, LINKS, scanningApi, SUMMARY } from '../../../fakes/scan-fake'

function setup() {
  const { api, runs } = scanningApi()
  const store = createAppStore(api)
  return { api, runs, store, s: () => store.getState() }
}

/** A finished scan of /root with the four broken links and two groups. */
async function scanned() {
  const t = setup()
  t.s().startScan('/root')
  t.runs[0]!.emit([
    { type: 'broken', link: LINKS.gone },
    { type: 'broken', link: LINKS.loop },
  ])
  t.runs[0]!.emit([
    { type: 'broken', link: LINKS.through },
    { type: 'broken', link: LINKS.abs },
    { type: 'error', path: '/root/locked', code: 'ACCESS_DENIED', message: 'no' },
  ])
  t.runs[0]!.emit([
    { type: 'group', group: group('1:7', 3, ['/root/a/x', '/root/b/x'], 500) },
    { type: 'group', group: group('1:8', 2, ['/root/c/y', '/root/c/z'], 2000) },
  ])
  t.runs[0]!.finish({ ok: true, value: SUMMARY })
  await until(() => expect(t.s().scanStatus).toBe('done'))
  return t
}

describe('scan slice: streaming', () => {
  it('starts a broken + hard-link + sizes scan of the folder and switches to the Scan view', () => {
    const { s, runs } = setup()
    expect(s().screen).toBe('explorer')
    s().startScan('/root')
    expect(s().screen).toBe('scan')
    expect(s().scanStatus).toBe('running')
    expect(runs[0]).toMatchObject({
      root: '/root',
      options: { broken: true, hardlinks: true, sizes: true, crossDevices: false },
    })
  })

  it('stays on one file system unless other file systems are asked for, from the next scan on', () => {
    const { s, runs } = setup()
    s().setScanCrossDevices(true)
    s().startScan('/root')
    expect(runs[0]?.options.crossDevices).toBe(true)
    s().setScanCrossDevices(false)
    s().startScan('/root')
    expect(runs[1]?.options.crossDevices).toBe(false)
  })

  it('shows the first results at once, gathers later batches per flush, and tracks progress', async () => {
    const { s, runs } = setup()
    s().startScan('/root')
    const run = runs[0]!
    run.emit([
      { type: 'progress', progress: { entries: 10, dirsQueued: 3, perSecond: 5000, errors: 0 } },
      { type: 'broken', link: LINKS.gone },
    ])
    // no waiting for the first rows
    expect(s().scanBroken.map((l) => l.path)).toEqual(['/root/a/gone'])
    expect(s().scanFirstResultMs).not.toBeNull()
    expect(s().scanProgress).toEqual({ entries: 10, dirsQueued: 3, perSecond: 5000, errors: 0 })
    run.emit([
      { type: 'broken', link: LINKS.loop },
      { type: 'error', path: '/root/locked', code: 'ACCESS_DENIED', message: 'Permission denied: /root/locked' },
    ])
    run.emit([
      { type: 'broken', link: LINKS.through },
      { type: 'progress', progress: { entries: 30, dirsQueued: 1, perSecond: 6000, errors: 1 } },
    ])
    expect(s().scanBroken).toHaveLength(1) // gathered until the flush
    expect(s().scanProgress?.entries).toBe(30) // progress is not held back
    await until(() =>
      expect(s().scanBroken.map((l) => l.path)).toEqual(['/root/a/gone', '/root/b/through', '/root/loop']),
    )
    expect(s().scanErrors).toEqual([
      { path: '/root/locked', code: 'ACCESS_DENIED', message: 'Permission denied: /root/locked' },
    ])
    run.emit([{ type: 'group', group: group('1:7', 3, ['/root/a/x', '/root/b/x']) }])
    run.finish({ ok: true, value: SUMMARY })
    await until(() => expect(s().scanStatus).toBe('done'))
    expect(s().scanGroups).toHaveLength(1)
    expect(s().scanSummary).toEqual(SUMMARY)
    expect(s().scanProgress).toMatchObject({ entries: 40, dirsQueued: 0 })
    // "Done in" is timed from the click like "first result after", so it is never the smaller of the two
    expect(s().scanWallMs).toBeGreaterThanOrEqual(SCAN_FLUSH_MS)
    expect(s().scanWallMs).toBeGreaterThanOrEqual(s().scanFirstResultMs!)
  })

  it('a group sent again (it gained a name during the scan) replaces the one shown', async () => {
    const { s, runs } = setup()
    s().startScan('/root')
    runs[0]!.emit([
      { type: 'group', group: group('1:7', 2, ['/root/a/x', '/root/b/x']) },
      { type: 'group', group: group('1:8', 2, ['/root/c/y', '/root/c/z']) },
    ])
    runs[0]!.emit([{ type: 'group', group: group('1:7', 3, ['/root/a/x', '/root/b/x', '/root/c/x']) }])
    runs[0]!.finish({ ok: true, value: SUMMARY })
    await until(() => expect(s().scanStatus).toBe('done'))
    expect(
      s()
        .scanGroups.map((g) => [g.id, g.links, g.paths.length])
        .sort(),
    ).toEqual([
      ['1:7', 3, 3],
      ['1:8', 2, 2],
    ])
  })

  it('cancel stops the job and says cancelled, keeping what was found', async () => {
    const { s, runs } = setup()
    s().startScan('/root')
    runs[0]!.emit([{ type: 'broken', link: LINKS.gone }])
    s().cancelScan()
    expect(runs[0]!.cancelled).toBe(true)
    await until(() => expect(s().scanStatus).toBe('cancelled'))
    expect(s().scanSummary?.entries).toBe(7)
    expect(s().scanBroken).toHaveLength(1)
    s().cancelScan() // nothing running: no second cancel
    expect(runs).toHaveLength(1)
  })

  it('a failed scan keeps its error; a new scan drops the old rows and ignores the old stream', async () => {
    const { s, runs } = setup()
    s().startScan('/nope')
    runs[0]!.finish({ ok: false, error: { code: 'NOT_FOUND', message: '/nope does not exist.' } })
    await until(() => expect(s().scanStatus).toBe('failed'))
    expect(s().scanError?.code).toBe('NOT_FOUND')
    s().startScan('/root')
    const stale = runs[0]!
    stale.emit([{ type: 'broken', link: LINKS.loop }])
    runs[1]!.emit([{ type: 'broken', link: LINKS.gone }])
    // the new run's end is the signal: every row either stream sent is flushed by then
    runs[1]!.finish({ ok: true, value: SUMMARY })
    await until(() => expect(s().scanStatus).toBe('done'))
    expect(s().scanBroken.map((l) => l.path)).toEqual(['/root/a/gone'])
    expect(s().scanError).toBeNull()
  })
})

describe('scan slice: sort, filter, selection', () => {
  it('sorts broken links by any column both ways, and filters by path, target or reason words', async () => {
    const { s } = await scanned()
    expect(s().brokenView.map((l) => l.name)).toEqual(['gone', 'abs', 'through', 'loop']) // by path
    s().sortBrokenBy('name')
    expect(s().brokenView.map((l) => l.name)).toEqual(['abs', 'gone', 'loop', 'through'])
    s().sortBrokenBy('name')
    expect(s().brokenSort).toEqual({ column: 'name', desc: true })
    expect(s().brokenView.map((l) => l.name)).toEqual(['through', 'loop', 'gone', 'abs'])
    s().sortBrokenBy('reason')
    expect(s().brokenView.map((l) => l.reason)).toEqual(['missing', 'missing', 'through-file', 'loop'])
    s().setBrokenFilter('loop')
    expect(s().brokenView.map((l) => l.name)).toEqual(['loop'])
    s().setBrokenFilter('THROUGH A')
    expect(s().brokenView.map((l) => l.name)).toEqual(['through'])
    s().setBrokenFilter('old/')
    expect(
      s()
        .brokenView.map((l) => l.name)
        .sort(),
    ).toEqual(['abs', 'gone'])
    s().setBrokenFilter('')
    expect(s().brokenView).toHaveLength(4)
  })

  it('sorts groups (biggest first by default) and filters them, "elsewhere" finding names outside the root', async () => {
    const { s } = await scanned()
    expect(s().groupView.map((g) => g.id)).toEqual(['1:8', '1:7'])
    s().sortGroupsBy('elsewhere')
    expect(s().groupView.map((g) => g.id)).toEqual(['1:8', '1:7'])
    s().sortGroupsBy('elsewhere')
    expect(s().groupView.map((g) => g.id)).toEqual(['1:7', '1:8'])
    s().setGroupFilter('elsewhere')
    expect(s().groupView.map((g) => g.id)).toEqual(['1:7'])
    s().setGroupFilter('/c/')
    expect(s().groupView.map((g) => g.id)).toEqual(['1:8'])
  })

  it('selects one, toggles, extends a range in the shown order, and selects all shown', async () => {
    const { s } = await scanned()
    s().selectBroken('/root/a/gone')
    s().selectBroken('/root/b/through', 'range')
    expect([...s().brokenSelected]).toEqual(['/root/a/gone', '/root/b/abs', '/root/b/through'])
    s().selectBroken('/root/b/abs', 'toggle')
    expect([...s().brokenSelected].sort()).toEqual(['/root/a/gone', '/root/b/through'])
    s().toggleAllBroken()
    expect(s().brokenSelected.size).toBe(4)
    s().toggleAllBroken()
    expect(s().brokenSelected.size).toBe(0)
  })
})

describe('scan slice: fixes', () => {
  it('Find candidates asks under the scanned root; using one retargets (relative stays relative) and the row leaves', async () => {
    const { s, api } = await scanned()
    s().selectBroken('/root/a/gone')
    await s().findCandidates('/root/a/gone')
    expect(api.calls).toContain('scan:candidates /root/a/gone /root')
    expect(s().candidates?.list.map((c) => c.path)).toEqual(['/root/new/report.txt', '/root/x/report.txt'])
    const r = await s().useCandidate('/root/a/gone', '/root/new/report.txt')
    expect(r?.ok).toBe(true)
    expect(api.calls).toContain('links:retarget /root/a/gone /root/new/report.txt relative')
    expect(s().scanBroken.map((l) => l.path)).not.toContain('/root/a/gone')
    expect(s().brokenSelected.size).toBe(0)
    expect(s().candidates).toBeNull()
    expect(s().report?.title).toBe('Retargeted “gone”')
    expect(s().undoStack).toEqual([{ kind: 'retarget', path: '/root/a/gone', previousTarget: '../old/report.txt' }])
  })

  it('Make relative / absolute stores the same resolved path the other way; still broken, the row stays, updated', async () => {
    const { s, api } = await scanned()
    await s().convertForm('/root/b/abs')
    expect(api.calls).toContain('links:retarget /root/b/abs /root/old/notes.txt relative')
    const row = s().scanBroken.find((l) => l.path === '/root/b/abs')
    const done = s().report?.items[0]
    expect(done?.ok).toBe(true)
    // the row shows what the engine now stores, and stays: the target still does not exist
    expect(row?.target).toBe(done?.ok ? done.entry.target : 'not retargeted')
    expect(row?.target).not.toBe('/root/old/notes.txt')
    expect(row).toMatchObject({ reason: 'missing', status: 'broken' })
    expect(s().scanBroken).toHaveLength(4)
    await s().convertForm('/root/b/abs')
    expect(api.calls.at(-1)).toBe('links:retarget /root/b/abs /root/old/notes.txt')
  })

  it('Remove goes through the confirmation dialog; removed links leave the list, the others stay', async () => {
    const { s, api } = await scanned()
    s().requestRemoveBroken(['/root/loop', '/root/b/through'])
    expect(s().dialog).toMatchObject({ type: 'remove', entries: [{ path: '/root/loop' }, { path: '/root/b/through' }] })
    await s().removeLinks(['/root/loop', '/root/b/through'])
    expect(api.calls).toContain('links:remove /root/loop')
    expect(
      s()
        .scanBroken.map((l) => l.path)
        .sort(),
    ).toEqual(['/root/a/gone', '/root/b/abs'])
    expect(s().brokenView).toHaveLength(2)
  })

  it('a refused fix leaves the row; removing a hard-link name shrinks its group', async () => {
    const { s, api } = await scanned()
    Object.assign(api.links, { retarget: async () => ({ ok: false, error: { code: 'ACCESS_DENIED', message: 'no' } }) })
    const r = await s().useCandidate('/root/a/gone', '/root/new/report.txt')
    expect(r?.ok).toBe(false)
    expect(s().scanBroken).toHaveLength(4)
    // a name removed elsewhere (the explorer's Delete) updates the group it belonged to
    s().dismissReport()
    Object.assign(api.links, {
      remove: async (p: string) => ({ ok: true, value: { removed: entry(p, { links: p === '/root/a/x' ? 3 : 2 }) } }),
    })
    await s().removeLinks(['/root/a/x'])
    // the file keeps 2 names, one of them here
    expect(s().scanGroups.find((g) => g.id === '1:7')).toEqual({ id: '1:7', links: 2, paths: ['/root/b/x'], size: 500 })
    await s().removeLinks(['/root/c/y'])
    expect(s().scanGroups.map((g) => g.id)).toEqual(['1:7']) // one name left: no longer a group
  })

  it('batch: plans the closest candidate per link, retargets those that have one, reports each, undoable', async () => {
    const { s, api } = await scanned()
    await s().planBatchRepair(['/root/a/gone', '/root/b/abs', '/root/loop'])
    expect(s().batchRepair?.loading).toBe(false)
    expect(s().batchRepair?.plans.map((p) => [p.link.name, p.to?.path ?? null])).toEqual([
      ['gone', '/root/new/report.txt'],
      ['abs', '/root/new/notes.txt'],
      ['loop', null],
    ])
    await s().runBatchRepair()
    expect(api.calls).toContain('links:retarget /root/a/gone /root/new/report.txt relative')
    expect(api.calls).toContain('links:retarget /root/b/abs /root/new/notes.txt')
    expect(s().report?.title).toBe('Retargeted 2 links to the closest candidate')
    expect(s().report?.items.map((i) => i.source)).toEqual(['/root/a/gone', '/root/b/abs'])
    expect(s().undoStack.map((u) => u.kind)).toEqual(['retarget', 'retarget'])
    expect(
      s()
        .scanBroken.map((l) => l.path)
        .sort(),
    ).toEqual(['/root/b/through', '/root/loop'])
    expect(s().batchRepair).toBeNull()
    await s().undo()
    expect(api.calls).toContain('links:retarget /root/b/abs /root/old/notes.txt')
  })
})

describe('scan slice: batch lookups', () => {
  it('counts the links looked up, and stops looking when the dialog is closed', async () => {
    const { s, api } = await scanned()
    const all = s().scanBroken.map((l) => l.path)
    await s().planBatchRepair(all)
    expect(s().batchRepair).toMatchObject({ loading: false, checked: 4 })
    s().closeBatchRepair()
    const before = api.calls.filter((c) => c.startsWith('scan:candidates')).length
    const planning = s().planBatchRepair([...all, ...all, ...all])
    s().closeBatchRepair()
    await planning
    // at most the three lookups already under way when it closed
    expect(api.calls.filter((c) => c.startsWith('scan:candidates')).length - before).toBeLessThanOrEqual(3)
    expect(s().batchRepair).toBeNull()
  })

  it('closing the dialog cancels the lookups under way (each is a walk of the tree)', async () => {
    const { s, api } = await scanned()
    const all = s().scanBroken.map((l) => l.path)
    const planning = s().planBatchRepair(all)
    s().closeBatchRepair()
    await planning
    const started = api.calls.filter((c) => c.startsWith('scan:candidates')).length
    expect(started).toBe(3) // three at a time
    expect(api.calls.filter((c) => c.startsWith('cancel scan:candidates')).length).toBe(started)
  })

  it('Find candidates for another link cancels the first lookup; selecting another link cancels the second', async () => {
    const { s, api } = await scanned()
    const first = s().findCandidates('/root/a/gone')
    await s().findCandidates('/root/b/abs')
    await first
    expect(api.calls).toContain('cancel scan:candidates /root/a/gone')
    expect(s().candidates).toMatchObject({
      link: '/root/b/abs',
      loading: false,
      list: [{ path: '/root/new/notes.txt' }],
    })
    s().selectBroken('/root/b/abs')
    const third = s().findCandidates('/root/b/abs')
    s().selectBroken('/root/a/gone')
    await third
    expect(api.calls.filter((c) => c === 'cancel scan:candidates /root/b/abs')).toHaveLength(1)
    expect(s().candidates).toBeNull()
  })
})

describe('scan slice: undo', () => {
  it('an undone fix or removal brings the row back as it was, once the link is broken again', async () => {
    const { s } = await scanned()
    await s().useCandidate('/root/a/gone', '/root/new/report.txt')
    expect(s().scanBroken.map((l) => l.path)).not.toContain('/root/a/gone')
    await s().undo()
    await until(() => expect(s().scanBroken.map((l) => l.path)).toContain('/root/a/gone'))
    const back = s().scanBroken.find((l) => l.path === '/root/a/gone')
    expect(back).toMatchObject({ reason: 'missing', status: 'broken', target: '../old/report.txt' })
    expect(s().brokenView.map((l) => l.path)).toContain('/root/a/gone')

    await s().removeLinks(['/root/b/through'])
    expect(s().scanBroken.map((l) => l.path)).not.toContain('/root/b/through')
    await s().undo()
    await until(() => expect(s().scanBroken.map((l) => l.path)).toContain('/root/b/through'))
    // re-created by the ops slice's undo, and broken as before: listed again with its reason
    expect(s().scanBroken.find((l) => l.path === '/root/b/through')).toMatchObject({ reason: 'through-file' })
    expect(s().scanBroken).toHaveLength(4)
  })
})
