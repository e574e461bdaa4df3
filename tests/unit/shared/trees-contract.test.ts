// The trees channels at the boundary: every argument checked before the engine sees it; well-formed ones
// reach the engine (whose own refusals then come back, not a refusal at the door).
import { describe, expect, it } from 'vitest'

import { createDispatcher } from '../../../electron/engine/service/dispatch'
import { createHandlers } from '../../../electron/engine/service/handlers'

describe('trees channels: argument validation', () => {
  const dispatcher = createDispatcher(createHandlers({ mode: 'browser' }))
  const call = (channel: string, envelope: unknown) => dispatcher.dispatch(channel, envelope, () => {})

  const malformed: Array<[string, unknown]> = [
    ['trees:compare', { args: ['/tmp/a', '/tmp/b'] }], // a stream needs a job id
    ['trees:compare', { jobId: 'c1', args: ['/tmp/a'] }],
    ['trees:compare', { jobId: 'c1', args: ['/tmp/a', 7] }],
    ['trees:compare', { jobId: 'c1', args: ['/tmp/a', '/tmp/b\0c'] }],
    ['trees:link', { args: [42, undefined] }],
    ['trees:link', { args: ['x'.repeat(65), undefined] }],
    ['trees:link', { args: ['s', 'one.txt'] }],
    ['trees:link', { args: ['s', []] }],
    ['trees:link', { args: ['s', ['ok', '']] }],
    ['trees:link', { args: ['s', ['a\0b']] }],
    ['trees:link', { args: ['s', Array(200_001).fill('a')] }],
    ['trees:link', { args: ['s', ['a'], 'extra'] }],
    ['trees:undo', { args: [''] }],
    ['trees:undo', { args: [{ path: '/tmp/j' }] }],
    ['trees:copy', { jobId: 'c2', args: ['/tmp/a', '/tmp/b', 'yes'] }],
    ['trees:copy', { jobId: 'c2', args: ['/tmp/a', '/tmp/b'] }],
    ['trees:copy', { jobId: 'c2', args: ['/tmp/a', '', false] }],
  ]
  it.each(malformed)('%s refuses %j with INVALID_ARGUMENT', async (channel, envelope) => {
    const r = await call(channel, envelope)
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
  })

  it('well-formed calls reach the engine: an unknown session is CHANGED, a journal not made here is refused', async () => {
    expect(await call('trees:link', { args: ['no-such-session', ['a.txt']] })).toMatchObject({
      ok: false,
      error: { code: 'CHANGED' },
    })
    expect(await call('trees:link', { args: ['no-such-session'] })).toMatchObject({
      ok: false,
      error: { code: 'CHANGED' },
    })
    const undo = await call('trees:undo', { args: ['/etc/passwd'] })
    expect(undo).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    if (!undo.ok) expect(undo.error.message).toContain('Only a link made in this window')
  })
})
