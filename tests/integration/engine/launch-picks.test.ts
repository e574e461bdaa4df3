import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { type EngineHost, startEngineHost } from '../../../electron/engine/service/engine-host'
import { applyLaunch, createAppEvents } from '../../../electron/main/app-events'
import { engineClient } from '../../../electron/main/engine-client'
import { parseLaunchArgs } from '../../../electron/main/launch-args'
import type { AppEvent } from '../../../shared/types/app'
import { ENGINE_WORKER } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'

const hosts: EngineHost[] = []
const start = (configDir: string): EngineHost => {
  const h = startEngineHost({ mode: 'electron', configDir }, ENGINE_WORKER)
  hosts.push(h)
  return h
}
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()))
})

describe('Explorer verbs reaching the app', () => {
  it('keeps picked sources across a restart, merged and without duplicates', async () => {
    const config = makeTempDir('linkscope-config-')
    const events = createAppEvents()
    const seen: AppEvent[] = []
    const first = start(config)
    await applyLaunch(parseLaunchArgs(['--pick', '/data/a.txt', '/data/b.txt']), engineClient(first), events)
    await applyLaunch(parseLaunchArgs(['--pick', '/data/b.txt', '/data/c.txt']), engineClient(first), events)
    events.subscribe((e) => seen.push(e)) // a window that subscribes late still gets what came before
    expect(seen).toEqual([
      { type: 'picked', paths: ['/data/a.txt', '/data/b.txt'] },
      { type: 'picked', paths: ['/data/a.txt', '/data/b.txt', '/data/c.txt'] },
    ])
    await first.close()

    const second = start(config) // the app restarted
    const listed = await second.session(() => {}).request('picks:list', { args: [] })
    expect(listed).toEqual({ ok: true, value: ['/data/a.txt', '/data/b.txt', '/data/c.txt'] })
    expect(JSON.parse(fs.readFileSync(path.join(config, 'picks.json'), 'utf8')).paths).toHaveLength(3)
    const cleared = await second.session(() => {}).request('picks:set', { args: [[]] })
    expect(cleared).toEqual({ ok: true, value: [] })
    fs.rmSync(config, { recursive: true, force: true })
  })

  it('turns --drop-as and --show into window events', async () => {
    const events = createAppEvents()
    const seen: AppEvent[] = []
    events.subscribe((e) => seen.push(e))
    const client = engineClient(start(makeTempDir('linkscope-config-')))
    await applyLaunch(parseLaunchArgs(['--drop-as', 'hardlink', '/target']), client, events)
    await applyLaunch(parseLaunchArgs(['--drop-as', 'junction', '/target']), client, events)
    await applyLaunch(parseLaunchArgs(['--show', '/x/y.txt']), client, events)
    expect(seen).toEqual([
      { type: 'drop', as: 'hard', dir: '/target' },
      { type: 'drop', as: 'junction', dir: '/target' },
      { type: 'show', path: '/x/y.txt' },
    ])
  })

  it('refuses malformed picks with INVALID_ARGUMENT', async () => {
    const session = start(makeTempDir('linkscope-config-')).session(() => {})
    expect(await session.request('picks:set', { args: ['/a'] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
    expect(await session.request('picks:set', { args: [[1]] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
  })
})
