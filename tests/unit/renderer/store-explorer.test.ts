// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'

import { createAppStore } from '../../../renderer/stores/app-store'
import { entry, fakeApi } from '../../fakes/fake-api'

const tree = () =>
  fakeApi({
    '/root': [
      entry('/root/docs', { kind: 'dir' }),
      entry('/root/a.txt', { links: 2, id: 'f:a' }),
      entry('/root/b.txt'),
      entry('/root/to-deep', {
        kind: 'symlink',
        target: 'docs/deep.txt',
        resolved: '/root/docs/deep.txt',
        status: 'ok',
        targetKind: 'file',
      }),
      entry('/root/to-docs', {
        kind: 'symlink',
        target: 'docs',
        resolved: '/root/docs',
        status: 'ok',
        targetKind: 'dir',
      }),
      entry('/root/gone', {
        kind: 'symlink',
        target: 'missing',
        resolved: '/root/missing',
        status: 'broken',
        targetKind: null,
      }),
      entry('/root/loop', {
        kind: 'symlink',
        target: 'loop',
        resolved: '/root/loop',
        status: 'loop',
        targetKind: null,
      }),
    ],
    '/root/docs': [entry('/root/docs/deep.txt'), entry('/root/docs/a2.txt', { links: 2, id: 'f:a' })],
    '/': [entry('/root', { kind: 'dir' })],
  })

async function started() {
  const api = tree()
  const store = createAppStore(api)
  await store.getState().start()
  return { api, store, s: () => store.getState() }
}

describe('navigation slice', () => {
  it('starts at app:info startDir with every entry, sorted with folders first, and counts', async () => {
    const { s } = await started()
    expect(s().dir).toBe('/root')
    expect(s().view.map((e) => e.name)).toEqual(['docs', 'to-docs', 'a.txt', 'b.txt', 'gone', 'loop', 'to-deep'])
    expect(s().stats).toEqual({ total: 7, hardLinked: 1, broken: 2, links: 4 })
    expect(s().loading).toBe(false)
    expect(s().summary?.count).toBe(7)
  })

  it('keeps a history: back selects the folder we came from, forward returns, opening anew drops the forward steps', async () => {
    const { s } = await started()
    await s().openDirectory('/root/docs')
    expect(s().history).toEqual(['/root', '/root/docs'])
    await s().goBack()
    expect(s().dir).toBe('/root')
    expect([...s().selected]).toEqual(['/root/docs'])
    await s().goForward()
    expect(s().dir).toBe('/root/docs')
    await s().goBack()
    await s().openDirectory('/')
    expect(s().history).toEqual(['/root', '/'])
    expect(s().historyIndex).toBe(1)
    await s().goForward() // nothing ahead
    expect(s().dir).toBe('/')
  })

  it('goes up to the parent with the child selected, and not above the root', async () => {
    const { s } = await started()
    await s().goUp()
    expect(s().dir).toBe('/')
    expect([...s().selected]).toEqual(['/root'])
    await s().goUp()
    expect(s().dir).toBe('/')
  })

  it('follows a file link into its target’s folder with the target selected, a folder link into the folder', async () => {
    const { s } = await started()
    await s().openEntry(s().view.find((e) => e.name === 'to-deep')!)
    expect(s().dir).toBe('/root/docs')
    expect([...s().selected]).toEqual(['/root/docs/deep.txt'])
    await s().goBack()
    await s().openEntry(s().view.find((e) => e.name === 'to-docs')!)
    expect(s().dir).toBe('/root/docs')
  })

  it('refuses to follow broken and looping links, saying why, without moving', async () => {
    const { s, api } = await started()
    await s().openEntry(s().view.find((e) => e.name === 'gone')!)
    expect(s().notice?.text).toBe('“gone” cannot be followed: its target “missing” does not exist.')
    await s().openEntry(s().view.find((e) => e.name === 'loop')!)
    expect(s().notice?.text).toContain('leads back to itself')
    expect(s().dir).toBe('/root')
    expect(api.calls.filter((c) => c.startsWith('links:stat'))).toEqual([])
  })

  it('keeps a listing error in state (never throws) and clears it on the next folder', async () => {
    const { s } = await started()
    await s().openDirectory('/nope')
    expect(s().listError?.code).toBe('NOT_FOUND')
    expect(s().view).toEqual([])
    await s().goBack()
    expect(s().listError).toBeNull()
    expect(s().view.length).toBe(7)
  })
})

describe('listing slice', () => {
  it('shows rows while batches stream in, before the listing is done', async () => {
    const api = tree()
    api.batchSize = 1
    const big = Array.from({ length: 400 }, (_, i) => entry(`/big/f${i}`))
    api.folders.set('/big', big)
    const store = createAppStore(api)
    const loading = store.getState().openDirectory('/big')
    const seen: number[] = []
    const unsub = store.subscribe((st) => {
      if (st.loading) seen.push(st.entries.length)
    })
    await loading
    unsub()
    expect(seen.some((n) => n > 0 && n < 400)).toBe(true)
    expect(store.getState().stats.total).toBe(400)
  })

  it('sorts by a column, flips on the second click, and filters without losing the sort', async () => {
    const { s } = await started()
    s().sortBy('links')
    expect(s().sort).toMatchObject({ column: 'links', desc: false })
    s().sortBy('links')
    expect(s().sort.desc).toBe(true)
    expect(s().view[2]!.name).toBe('a.txt')
    s().setFoldersFirst(false)
    expect(s().view[0]!.name).toBe('a.txt')
    s().setFilter('to-')
    expect(
      s()
        .view.map((e) => e.name)
        .sort(),
    ).toEqual(['to-deep', 'to-docs'])
    s().setFilter('')
    expect(s().view.length).toBe(7)
  })

  it('a stale listing never overwrites a newer one', async () => {
    const { s } = await started()
    const first = s().openDirectory('/root/docs')
    const second = s().openDirectory('/')
    await Promise.all([first, second])
    expect(s().dir).toBe('/')
    expect(s().view.map((e) => e.name)).toEqual(['root'])
  })
})

describe('selection slice', () => {
  it('selects one, toggles, ranges over the visible order, all, and moves the focus by keys', async () => {
    const { s } = await started()
    s().selectOnly('/root/a.txt')
    s().toggleSelected('/root/gone')
    expect([...s().selected].sort()).toEqual(['/root/a.txt', '/root/gone'])
    s().selectOnly('/root/docs')
    s().selectRangeTo('/root/b.txt')
    expect([...s().selected]).toEqual(['/root/docs', '/root/to-docs', '/root/a.txt', '/root/b.txt'])
    s().moveFocus('end', false)
    expect([...s().selected]).toEqual(['/root/to-deep'])
    s().moveFocus('up', true)
    expect([...s().selected]).toEqual(['/root/loop', '/root/to-deep'])
    s().moveFocus('home', false)
    expect(s().focus).toBe('/root/docs')
    s().moveFocus('pagedown', false, 3)
    expect(s().focus).toBe('/root/b.txt')
    s().moveFocus('pageup', false, 10)
    expect(s().focus).toBe('/root/docs')
    s().selectAll()
    expect(s().selected.size).toBe(7)
    s().clearSelection()
    expect(s().selected.size).toBe(0)
  })

  it('drops selected paths that disappear after a refresh', async () => {
    const { s, api } = await started()
    s().selectPaths(['/root/b.txt', '/root/a.txt'])
    api.folders.set(
      '/root',
      api.folders.get('/root')!.filter((e) => e.name !== 'b.txt'),
    )
    await s().refresh()
    expect([...s().selected]).toEqual(['/root/a.txt'])
  })
})

describe('session slice', () => {
  it('keeps an app:info failure in state', async () => {
    const api = tree()
    const failing = {
      ...api,
      app: {
        ...api.app,
        info: async () => ({ ok: false as const, error: { code: 'UNKNOWN' as const, message: 'Lost the connection' } }),
      },
    }
    const store = createAppStore(failing)
    await store.getState().start()
    expect(store.getState().infoError?.message).toBe('Lost the connection')
    expect(store.getState().dir).toBeNull()
  })
})
