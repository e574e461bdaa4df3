// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'

import { createAppStore } from '../../../renderer/stores/app-store'
import { recreateRequest } from '../../../renderer/stores/slices/undo'
import { entry, fakeApi, until } from '../../fakes/fake-api'

const tree = () =>
  fakeApi(
    {
      '/r': [
        entry('/r/a.txt', { id: 'f:a' }),
        entry('/r/b.txt', { id: 'f:b' }),
        entry('/r/docs', { kind: 'dir' }),
        entry('/r/out', { kind: 'dir' }),
        entry('/r/gone', {
          kind: 'symlink',
          target: 'missing.txt',
          resolved: '/r/missing.txt',
          status: 'broken',
          targetKind: null,
        }),
        entry('/r/twice.txt', { id: 'f:t', links: 2 }),
      ],
      '/r/docs': [entry('/r/docs/twice-2.txt', { id: 'f:t', links: 2 })],
      '/r/out': [],
    },
    {
      mode: 'browser',
      platform: 'posix',
      sep: '/',
      home: '/r',
      startDir: '/r',
      capabilities: { junctions: false, symlinks: 'yes', reveal: false },
    },
  )

async function started() {
  const api = tree()
  const store = createAppStore(api)
  await store.getState().start()
  return { api, store, s: () => store.getState() }
}

describe('pick tray', () => {
  it('adds picks without duplicates, keeps them in the app (picks:set), unpicks and clears', async () => {
    const { s, api } = await started()
    await s().pickSources(['/r/a.txt', '/r/b.txt'])
    await s().pickSources(['/r/a.txt'])
    expect(s().picked).toEqual(['/r/a.txt', '/r/b.txt'])
    expect(await api.picks.list()).toEqual({ ok: true, value: ['/r/a.txt', '/r/b.txt'] })
    await s().unpick('/r/a.txt')
    expect(s().picked).toEqual(['/r/b.txt'])
    await s().clearPicked()
    expect(s().picked).toEqual([])
  })

  it('loads the kept picks at start and follows verbs from outside (picked, show)', async () => {
    const api = tree()
    await api.picks.set(['/r/b.txt'])
    const store = createAppStore(api)
    await store.getState().start()
    expect(store.getState().picked).toEqual(['/r/b.txt'])
    api.sendEvent({ type: 'picked', paths: ['/r/a.txt'] })
    expect(store.getState().picked).toEqual(['/r/a.txt'])
    api.sendEvent({ type: 'show', path: '/r/docs/twice-2.txt' })
    await until(() => {
      expect(store.getState().dir).toBe('/r/docs')
      expect([...store.getState().selected]).toEqual(['/r/docs/twice-2.txt'])
    })
  })
})

describe('drop and the per-item report', () => {
  it('drops picked files into a folder, opens it with the new entries selected, and reports each item', async () => {
    const { s } = await started()
    await s().pickSources(['/r/a.txt', '/r/docs'])
    await s().dropPicked('/r/out', 'hard')
    const report = s().report!
    expect(report.title).toBe('Dropped as hard links: 1 made, 1 refused')
    expect(report.items.map((i) => [i.source, i.ok])).toEqual([
      ['/r/a.txt', true],
      ['/r/docs', false],
    ])
    expect(report.items[1]!.ok ? null : report.items[1]!.error.code).toBe('IS_DIRECTORY')
    expect(s().dir).toBe('/r/out')
    expect([...s().selected]).toEqual(['/r/out/a.txt'])
    expect(s().view.find((e) => e.name === 'a.txt')!.links).toBe(2)
    expect(s().undoStack).toEqual([{ kind: 'create', path: '/r/out/a.txt' }])
  })

  it('a refused drop call becomes a report, not an exception', async () => {
    const { s, api } = await started()
    const failing = {
      ...api,
      links: {
        ...api.links,
        drop: async () => ({ ok: false as const, error: { code: 'UNKNOWN' as const, message: 'Lost the connection' } }),
      },
    }
    const store = createAppStore(failing)
    await store.getState().start()
    await store.getState().pickSources(['/r/a.txt'])
    await store.getState().dropPicked('/r', 'symbolic-relative')
    expect(store.getState().report?.items).toEqual([
      { source: '/r/a.txt', ok: false, error: { code: 'UNKNOWN', message: 'Lost the connection' } },
    ])
    expect(s().busy).toBe(false)
  })
})

describe('undo stack', () => {
  it('undoes a create by removing the new link', async () => {
    const { s, api } = await started()
    const r = await s().createLink({ type: 'symbolic', target: '/r/a.txt', link: '/r/to-a', relative: true })
    expect(r.ok).toBe(true)
    expect([...s().selected]).toEqual(['/r/to-a'])
    await s().undo()
    expect(api.calls).toContain('links:remove /r/to-a')
    expect(s().view.find((e) => e.name === 'to-a')).toBeUndefined()
    expect(s().undoStack).toEqual([])
  })

  it('undoes removing a hard-link name by linking it again from another name', async () => {
    const { s, api } = await started()
    await s().removeLinks(['/r/twice.txt'])
    expect(s().report?.items[0]).toMatchObject({ ok: true, note: 'The file keeps its data under 1 other name.' })
    expect(s().view.find((e) => e.name === 'twice.txt')).toBeUndefined()
    await s().undo()
    expect(api.calls).toContain('links:create hard /r/docs/twice-2.txt /r/twice.txt')
    expect(s().view.find((e) => e.name === 'twice.txt')!.links).toBe(2)
    expect([...s().selected]).toEqual(['/r/twice.txt'])
  })

  it('undoes a remove of a relative symlink with the same relative target, and a retarget with the previous one', async () => {
    const { s, api } = await started()
    const fixed = await s().retarget({ path: '/r/gone', target: '/r/a.txt', relative: true })
    expect(fixed.ok && fixed.value.previousTarget).toBe('missing.txt')
    expect(s().view.find((e) => e.name === 'gone')!.status).toBe('ok')
    await s().undo()
    expect(api.calls).toContain('links:retarget /r/gone /r/missing.txt relative')
    expect(s().view.find((e) => e.name === 'gone')!.status).toBe('broken')

    await s().removeLinks(['/r/gone'])
    expect(s().report?.items[0]).toMatchObject({
      ok: true,
      note: 'Only the link was removed; “missing.txt” was not touched.',
    })
    await s().undo()
    expect(api.calls).toContain('links:create symbolic /r/missing.txt /r/gone relative')
    expect(s().view.find((e) => e.name === 'gone')!.target).toBe('missing.txt')
  })

  it('undoes a rename, in reverse order of the operations', async () => {
    const { s } = await started()
    await s().rename('/r/a.txt', 'renamed.txt')
    await s().createLink({ type: 'hard', target: '/r/b.txt', link: '/r/b2.txt' })
    expect(s().undoStack.map((u) => u.kind)).toEqual(['rename', 'create'])
    await s().undo()
    await s().undo()
    expect(
      s()
        .view.map((e) => e.name)
        .sort(),
    ).toEqual(['a.txt', 'b.txt', 'docs', 'gone', 'out', 'twice.txt'])
    await s().undo() // nothing left: no change, no throw
    expect(s().undoStack).toEqual([])
  })

  it('keeps a refused undo on the stack and reports why', async () => {
    const { s, api } = await started()
    await s().createLink({ type: 'symbolic', target: '/r/a.txt', link: '/r/x' })
    api.folders.set(
      '/r',
      api.folders.get('/r')!.filter((e) => e.name !== 'x'),
    ) // someone removed it meanwhile
    await s().undo()
    expect(s().report?.title).toBe('Could not undo')
    expect(s().report?.items[0]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(s().undoStack.length).toBe(1)
  })

  it('cannot re-create a removed single name without another name (never guesses)', () => {
    expect(recreateRequest({ kind: 'remove', removed: entry('/r/a.txt') }, '/')).toBeNull()
    expect(
      recreateRequest(
        { kind: 'remove', removed: entry('/r/j', { kind: 'junction', target: 'C:\\x', resolved: 'C:\\x' }) },
        '/',
      ),
    ).toEqual({ type: 'junction', target: 'C:\\x', link: '/r/j' })
    expect(
      recreateRequest(
        { kind: 'remove', removed: entry('/r/s', { kind: 'symlink', target: '/abs/t', resolved: '/abs/t' }) },
        '/',
      ),
    ).toEqual({ type: 'symbolic', target: '/abs/t', link: '/r/s', relative: false })
  })
})

describe('dialog requests', () => {
  it('Delete asks to remove the selection; F2 renames the focused entry', async () => {
    const { s } = await started()
    s().selectPaths(['/r/gone', '/r/twice.txt'])
    s().requestRemoveSelected()
    expect(s().dialog).toMatchObject({ type: 'remove' })
    const dialog = s().dialog
    expect(dialog?.type === 'remove' ? dialog.entries.map((e) => e.name).sort() : null).toEqual(['gone', 'twice.txt'])
    s().closeDialog()
    s().selectOnly('/r/a.txt')
    s().requestRename()
    expect(s().dialog).toMatchObject({ type: 'rename', entry: { path: '/r/a.txt' } })
  })

  it('streams every name of a file for the names dialog', async () => {
    const { s } = await started()
    s().findNames('/r/twice.txt')
    await until(() =>
      expect(s().names).toMatchObject({
        done: true,
        found: ['/r/twice.txt', '/r/docs/twice-2.txt'],
        result: { links: 2 },
      }),
    )
    s().stopNames()
    expect(s().names).toBeNull()
  })
})
