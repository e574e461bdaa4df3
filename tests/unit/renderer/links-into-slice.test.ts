// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'

import { createAppStore } from '../../../renderer/stores/app-store'
import { entry, fakeApi, until } from '../../fakes/fake-api'

const tree = () =>
  fakeApi({
    '/root': [
      entry('/root/docs', { kind: 'dir' }),
      entry('/root/to-docs', {
        kind: 'symlink',
        target: 'docs',
        resolved: '/root/docs',
        status: 'ok',
        targetKind: 'dir',
      }),
      entry('/root/to-report', {
        kind: 'symlink',
        target: 'docs/report.txt',
        resolved: '/root/docs/report.txt',
        status: 'ok',
        targetKind: 'file',
      }),
      entry('/root/elsewhere', { kind: 'symlink', target: '/etc', resolved: '/etc', status: 'ok', targetKind: 'dir' }),
    ],
    '/root/docs': [entry('/root/docs/report.txt')],
  })

describe('links-into slice', () => {
  it('searches under the folder Linkscope opened on, streams what it finds, and ends with the count', async () => {
    const api = tree()
    const store = createAppStore(api)
    await store.getState().start()
    store.getState().findLinksInto('/root/docs')
    expect(store.getState().linksInto).toMatchObject({ target: '/root/docs', root: '/root', done: false, found: [] })
    await until(() => expect(store.getState().linksInto?.done).toBe(true))
    expect(api.calls).toContain('scan:linksInto /root/docs /root')
    expect(store.getState().linksInto?.found.map((e) => e.path)).toEqual(['/root/to-docs', '/root/to-report'])
    expect(store.getState().linksInto).toMatchObject({ done: true, result: { links: 2 }, error: null })
  })

  it('"Search the whole drive" asks without a root; outside the start folder there is none either; stop forgets it', async () => {
    const api = tree()
    const store = createAppStore(api)
    await store.getState().start()
    store.getState().findLinksInto('/root/docs', true)
    expect(store.getState().linksInto?.root).toBeNull()
    store.getState().findLinksInto('/etc')
    expect(store.getState().linksInto?.root).toBeNull()
    // the second search's end is the signal: the first one's links would have come before it
    await until(() => expect(store.getState().linksInto).toMatchObject({ target: '/etc', done: true }))
    expect(api.calls.filter((c) => c.startsWith('scan:linksInto'))).toEqual([
      'scan:linksInto /root/docs',
      'scan:linksInto /etc',
    ])
    // the first search was replaced: only the second one's links are shown
    expect(store.getState().linksInto).toMatchObject({
      target: '/etc',
      done: true,
      found: [{ path: '/root/elsewhere' }],
    })
    store.getState().stopLinksInto()
    expect(store.getState().linksInto).toBeNull()
  })
})
