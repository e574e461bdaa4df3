// A new start opens the folder last listed (when it is still there), else the home folder; an explicit
// start folder always wins. Through the real engine worker and its configuration folder.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { type EngineHost, startEngineHost } from '../../../electron/engine/service/engine-host'
import { ENGINE_WORKER } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'

const hosts: EngineHost[] = []
const start = (configDir: string, startDir?: string): EngineHost => {
  const h = startEngineHost({ mode: 'browser', configDir, ...(startDir ? { startDir } : {}) }, ENGINE_WORKER)
  hosts.push(h)
  return h
}
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()))
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})
const startDirOf = async (h: EngineHost): Promise<string> => {
  const r = await h.session(() => {}).request('app:info', { args: [] })
  if (!r.ok) throw new Error(JSON.stringify(r))
  return (r.value as { startDir: string }).startDir
}
const list = async (h: EngineHost, dir: string): Promise<void> => {
  const r = await h
    .session(() => {})
    .request('links:list', { jobId: `list-${dir.length}-${Math.random()}`.slice(0, 60), args: [dir] })
  if (!r.ok) throw new Error(JSON.stringify(r))
}

describe('the folder a start opens', () => {
  it('is the last one listed, across a restart', async () => {
    const config = makeTempDir('linkscope-config-')
    const tree = makeTempDir('linkscope-last-')
    dirs.push(config, tree)
    fs.mkdirSync(path.join(tree, 'deeper'))
    const first = start(config)
    expect(await startDirOf(first)).toBe(os.homedir()) // nothing remembered yet
    await list(first, tree)
    await list(first, path.join(tree, 'deeper'))
    await first.close()

    expect(await startDirOf(start(config))).toBe(path.join(tree, 'deeper'))
    expect(await startDirOf(start(config, tree))).toBe(tree) // a folder given to the start wins
  })

  it('is the home folder when the last one is gone, or the record is unreadable', async () => {
    const config = makeTempDir('linkscope-config-')
    const tree = makeTempDir('linkscope-last-')
    dirs.push(config, tree)
    const first = start(config)
    await list(first, tree)
    await first.close()
    fs.rmSync(tree, { recursive: true })
    expect(await startDirOf(start(config))).toBe(os.homedir())
    fs.writeFileSync(path.join(config, 'last-folder.json'), '{not json')
    expect(await startDirOf(start(config))).toBe(os.homedir())
  })
})
