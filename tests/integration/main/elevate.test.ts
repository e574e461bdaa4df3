import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { startHelper } from '../../../electron/elevation/launcher'
import { type EngineHost, startEngineHost } from '../../../electron/engine/service/engine-host'
import { ENGINE_WORKER, REPO } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'

// The Electron binary cannot exist here: its module is the one fake, and runElevated only reads app paths
// from it on Windows. Everything else is real: the engine worker, the helper process and the disk.
vi.mock('electron', () => ({ app: { isPackaged: false, getAppPath: () => REPO } }))
const { runElevated } = await import('../../../electron/main/elevate')
const { engineClient } = await import('../../../electron/main/engine-client')

const HELPER = path.join(REPO, 'out', 'elevation', 'helper.js')
let engine: EngineHost
let root: string
beforeAll(() => {
  engine = startEngineHost({ mode: 'electron' }, ENGINE_WORKER)
  root = makeTempDir('linkscope-main-elev-')
  fs.writeFileSync(path.join(root, 'data.txt'), 'data')
  fs.symlinkSync('data.txt', path.join(root, 'link'))
})
afterAll(async () => {
  await engine.close()
  fs.rmSync(root, { recursive: true, force: true })
})
const p = (n: string): string => path.join(root, n)
const unelevated = () => startHelper({ elevate: false, command: [process.execPath, HELPER] })

describe('main: running operations through the elevated helper', () => {
  it('describes each operation through the engine, runs the batch in the helper, answers per operation', async () => {
    const outcomes = await runElevated(
      [
        { op: 'create', req: { type: 'hard', target: p('data.txt'), link: p('second.txt') } },
        { op: 'create', req: { type: 'hard', target: p('missing.txt'), link: p('third.txt') } },
        { op: 'remove', path: p('link') },
      ],
      engineClient(engine),
      unelevated,
    )
    expect(outcomes).toEqual([
      { ok: true },
      { ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) },
      { ok: true },
    ])
    expect(fs.statSync(p('second.txt')).ino).toBe(fs.statSync(p('data.txt')).ino)
    expect(fs.existsSync(p('link'))).toBe(false)
  })

  it('reports a helper that could not start as the answer for every operation, changing nothing', async () => {
    const before = treeHash(root)
    const outcomes = await runElevated(
      [
        { op: 'remove', path: p('second.txt') },
        { op: 'remove', path: p('data.txt') },
      ],
      engineClient(engine),
      () =>
        Promise.reject(
          Object.assign(new Error('declined'), {
            code: 'CANCELLED',
            message: 'Administrator rights were not granted; nothing was done.',
          }),
        ),
    )
    expect(outcomes).toEqual([
      { ok: false, error: expect.objectContaining({ code: 'CANCELLED' }) },
      { ok: false, error: expect.objectContaining({ code: 'CANCELLED' }) },
    ])
    expect(treeHash(root)).toBe(before)
  })
})
