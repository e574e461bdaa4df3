// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'

import { takeToken } from '../../../renderer/lib/api'
import { createWebSocketTransport, LOST_MESSAGE, type SocketLike } from '../../../renderer/lib/ws-transport'
import { toColumns } from '../../../shared/ipc/columns'

/** A socket double standing in for the browser's WebSocket (the OS boundary of this module). */
function fakeSocket() {
  const sent: string[] = []
  const s: SocketLike & { sent: string[]; open(): void; receive(m: unknown): void; drop(): void } = {
    readyState: 0,
    sent,
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
    send: (d) => {
      sent.push(d)
    },
    close() {
      this.drop()
    },
    open() {
      ;(this as { readyState: number }).readyState = 1
      this.onopen?.({})
    },
    receive(m) {
      this.onmessage?.({ data: JSON.stringify(m) })
    },
    drop() {
      ;(this as { readyState: number }).readyState = 3
      this.onclose?.({})
    },
  }
  return s
}

describe('createWebSocketTransport', () => {
  it('queues requests until the socket opens, then routes results by id', async () => {
    const s = fakeSocket()
    const t = createWebSocketTransport(() => s)
    const a = t.invoke('app:info', { args: [] })
    const b = t.invoke('links:stat', { args: ['/x'] })
    expect(s.sent).toEqual([])
    s.open()
    expect(s.sent.map((m) => JSON.parse(m))).toEqual([
      { id: 1, channel: 'app:info', envelope: { args: [] } },
      { id: 2, channel: 'links:stat', envelope: { args: ['/x'] } },
    ])
    s.receive({ type: 'result', id: 2, result: { ok: true, value: 'stat' } })
    s.receive({ type: 'result', id: 1, result: { ok: true, value: 'info' } })
    expect(await a).toEqual({ ok: true, value: 'info' })
    expect(await b).toEqual({ ok: true, value: 'stat' })
  })

  it('passes stream batches to listeners until they unsubscribe', () => {
    const s = fakeSocket()
    const t = createWebSocketTransport(() => s)
    const got: unknown[] = []
    const off = t.onJobItems((jobId, items) => got.push([jobId, items]))
    s.receive({ type: 'items', jobId: 'j1', items: [1, 2] })
    off()
    s.receive({ type: 'items', jobId: 'j1', items: [3] })
    expect(got).toEqual([['j1', [1, 2]]])
  })

  it('turns a batch sent as columns back into its objects, and drops a message it cannot read', () => {
    const s = fakeSocket()
    const t = createWebSocketTransport(() => s)
    const got: unknown[] = []
    t.onJobItems((jobId, items) => got.push([jobId, items]))
    const entries = [
      { path: '/d/a', name: 'a', size: 1 },
      { path: '/d/b', name: 'b', size: 2, target: 'a' },
    ]
    s.receive({ type: 'columns', jobId: 'j2', columns: toColumns(entries) })
    s.receive({ type: 'columns', jobId: 'j2', columns: { n: 1, keys: ['x'], cols: [{ p: 'q', of: 7 }] } })
    s.onmessage?.({ data: 'not json' })
    expect(got).toEqual([['j2', entries]])
  })

  it('resolves pending and later calls with an UNKNOWN error when the connection is lost, and says so once', async () => {
    const s = fakeSocket()
    const t = createWebSocketTransport(() => s)
    let lost = 0
    t.onLost(() => lost++)
    s.open()
    const pending = t.invoke('app:info', { args: [] })
    s.drop()
    s.onerror?.({})
    expect(await pending).toEqual({ ok: false, error: { code: 'UNKNOWN', message: LOST_MESSAGE } })
    expect(await t.invoke('app:info', { args: [] })).toEqual({
      ok: false,
      error: { code: 'UNKNOWN', message: LOST_MESSAGE },
    })
    expect(lost).toBe(1)
    let late = 0
    t.onLost(() => late++)
    expect(late).toBe(1)
  })
})

describe('takeToken', () => {
  it('moves the token from the address to session storage, and finds it there after a reload', () => {
    window.history.replaceState(null, '', '/?token=abc123&x=1#h')
    expect(takeToken(window.location, window.sessionStorage, window.history)).toBe('abc123')
    expect(window.location.search).toBe('?x=1')
    expect(window.location.hash).toBe('#h')
    expect(takeToken(window.location, window.sessionStorage, window.history)).toBe('abc123')
  })
})
