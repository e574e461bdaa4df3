import { describe, expect, it } from 'vitest'

import { createDispatcher, sideDispatcher } from '../../../electron/engine/service/dispatch'
import { createHandlers, withoutMain } from '../../../electron/engine/service/handlers'
import { APP_ERROR_CODES } from '../../../shared/errors'
import { ALL_CHANNELS, forEachSpec, ipcContract, SUBSCRIPTION_CHANNELS } from '../../../shared/ipc/contract'
import { servedBy } from '../../../shared/ipc/sides'

describe('the IPC contract', () => {
  it('names every channel once, as domain:verb matching its place in the object', () => {
    expect(new Set(ALL_CHANNELS).size).toBe(ALL_CHANNELS.length)
    forEachSpec((group, method, spec) => {
      expect(spec.channel).toMatch(/^[a-z]+:[a-z][a-zA-Z]*$/)
      expect(spec.channel).toBe(`${group}:${method}`)
    })
  })

  it('marks the streams that never end by themselves, and only streams', () => {
    expect([...SUBSCRIPTION_CHANNELS].sort()).toEqual(['actions:watch', 'app:events'])
    forEachSpec((_g, _m, spec) => {
      if (spec.kind === 'call') expect(spec).not.toHaveProperty('endless')
    })
  })

  it('has a handler for every channel (the dispatcher refuses to start otherwise)', () => {
    const handlers = createHandlers({ mode: 'browser' })
    forEachSpec((group, method) => {
      if (group === 'jobs') return // the dispatcher owns cancellation
      expect(typeof (handlers as unknown as Record<string, Record<string, unknown>>)[group]?.[method]).toBe('function')
    })
    expect(() => createDispatcher(handlers)).not.toThrow()
    const broken = { ...handlers, links: { ...handlers.links, stat: undefined } }
    expect(() => createDispatcher(broken as never)).toThrow(/links:stat/)
  })

  it('gives each channel to one side; a side serves its own channels and no other', async () => {
    const main = sideDispatcher('main', withoutMain)
    forEachSpec((group, method, spec) => {
      const side = (servedBy as Record<string, Record<string, string>>)[group]?.[method]
      expect(side === 'engine' || side === 'main').toBe(true)
      if (group !== 'jobs') expect(main.serves(spec.channel)).toBe(side === 'main')
    })
    expect(await main.dispatch(ipcContract.links.stat.channel, { args: ['/'] }, () => {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(
      await main.dispatch(ipcContract.shell.saveFile.channel, { args: ['list.csv', 'a,b'] }, () => {}),
    ).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_ON_PLATFORM' } })
  })

  it('keeps error codes SCREAMING_SNAKE and unique', () => {
    expect(new Set(APP_ERROR_CODES).size).toBe(APP_ERROR_CODES.length)
    for (const c of APP_ERROR_CODES) expect(c).toMatch(/^[A-Z]+(_[A-Z]+)*$/)
  })
})

describe('argument validation at the boundary', () => {
  const dispatcher = createDispatcher(createHandlers({ mode: 'browser' }))
  const noPush = (): void => {}
  const call = (channel: string, envelope: unknown) => dispatcher.dispatch(channel, envelope, noPush)

  const malformed: Array<[string, unknown]> = [
    ['links:stat', { args: [42] }],
    ['links:stat', { args: [''] }],
    ['links:stat', { args: ['/tmp/a\0b'] }],
    ['links:stat', { args: ['x'.repeat(40000)] }],
    ['links:stat', { args: ['/tmp', 'extra'] }],
    ['links:stat', { args: 'not a list' }],
    ['links:stat', null],
    ['links:create', { args: [{ type: 'hard', target: '/a' }] }],
    ['links:create', { args: [{ type: 'copy', target: '/a', link: '/b' }] }],
    ['links:create', { args: [{ type: 'hard', target: '/a', link: '/b', evil: true }] }],
    ['links:create', { args: [{ type: 'symbolic', target: '/a', link: '/b', relative: 'yes' }] }],
    ['links:drop', { args: [{ sources: [], dir: '/tmp', as: 'hard' }] }],
    ['links:drop', { args: [{ sources: Array(1001).fill('/a'), dir: '/tmp', as: 'hard' }] }],
    ['links:drop', { args: [{ sources: ['/a'], dir: '/tmp', as: 'copy' }] }],
    ['links:rename', { args: ['/tmp/a', 7] }],
    ['links:remove', { args: ['/tmp/a', { readOnlyToo: 'yes' }] }],
    ['links:remove', { args: ['/tmp/a', { readOnlyToo: true, recursive: true }] }],
    ['links:remove', { args: ['/tmp/a', true] }],
    ['scan:run', { jobId: 'j1', args: ['/tmp', { broken: 'yes', hardlinks: true }] }],
    ['links:list', { args: ['/tmp'] }], // a stream needs a job id
    ['links:list', { jobId: 'x'.repeat(65), args: ['/tmp'] }],
    ['jobs:cancel', { args: [{}] }],
    ['links:elevate', { args: [[{ op: 'format-disk', path: '/' }]] }],
    ['links:elevate', { args: [[]] }],
    ['links:elevate', { args: [[{ op: 'remove', path: '/a', extra: 1 }]] }],
    ['settings:setExplorerMenu', { args: ['yes'] }],
    ['picks:set', { args: [['/a', '']] }],
    ['actions:watch', { args: ['/tmp'] }], // a subscription needs a job id
    ['actions:watch', { jobId: 'w1', args: [42] }],
    ['actions:watch', { jobId: 'w1', args: ['/tmp', 'extra'] }],
  ]
  it.each(malformed)('%s refuses %j with INVALID_ARGUMENT', async (channel, envelope) => {
    const r = await call(channel, envelope)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_ARGUMENT')
      expect(r.error.message.length).toBeGreaterThan(10)
    }
  })

  it('refuses channels outside the contract with FORBIDDEN', async () => {
    for (const channel of ['fs:delete', 'links:list ', '__proto__', 'constructor']) {
      const r = await call(channel, { args: [] })
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })

  it('passes well-formed arguments through to the engine', async () => {
    const r = await call(ipcContract.app.info.channel, { args: [] })
    expect(r.ok).toBe(true)
  })

  it('links:remove takes remove options; the engine gets them (NOT_FOUND from the engine, not a refusal at the door)', async () => {
    for (const args of [
      ['/nonexistent-linkscope/a'],
      ['/nonexistent-linkscope/a', { readOnlyToo: true }],
      ['/nonexistent-linkscope/a', {}],
    ]) {
      expect(await call('links:remove', { args })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
  })
})
