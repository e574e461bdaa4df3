// Recent folders and bookmarks (the Places menu): through the real engine worker and its configuration
// folder, across restarts, with typed refusals that leave the stored list as it was.
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { type EngineHost, startEngineHost } from '../../../electron/engine/service/engine-host'
import { MAX_RECENT } from '../../../electron/engine/store/last-folder'
import type { Result } from '../../../shared/errors'
import type { Places } from '../../../shared/types/places'
import { ENGINE_WORKER } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'

const hosts: EngineHost[] = []
const dirs: string[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()))
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})
const start = (configDir: string): EngineHost => {
  const h = startEngineHost({ mode: 'browser', configDir }, ENGINE_WORKER)
  hosts.push(h)
  return h
}
let n = 0
const request = (h: EngineHost, channel: string, args: unknown[], jobId?: string): Promise<Result<unknown>> =>
  h.session(() => {}).request(channel, { args, ...(jobId ? { jobId } : {}) })
const list = async (h: EngineHost, dir: string): Promise<void> => {
  const r = await request(h, 'links:list', [dir], `list-${++n}`)
  if (!r.ok) throw new Error(JSON.stringify(r))
}
const places = async (h: EngineHost): Promise<Places> => {
  const r = await request(h, 'places:list', [])
  if (!r.ok) throw new Error(JSON.stringify(r))
  return r.value as Places
}
const bookmark = (h: EngineHost, dir: unknown, on: unknown) => request(h, 'places:bookmark', [dir, on])

describe('places: recent folders and bookmarks', () => {
  it('recent: the folders listed, newest first, each once, at most MAX_RECENT, across a restart; gone ones left out', async () => {
    const config = makeTempDir('linkscope-config-')
    const tree = makeTempDir('linkscope-places-')
    dirs.push(config, tree)
    const sub = (i: number): string => path.join(tree, `d${i}`)
    for (let i = 0; i < MAX_RECENT + 2; i++) fs.mkdirSync(sub(i))
    const first = start(config)
    expect(await places(first)).toEqual({ recent: [], bookmarks: [] })
    await list(first, sub(0))
    await list(first, sub(1))
    await list(first, sub(0)) // again: moves to the front, not listed twice
    expect((await places(first)).recent).toEqual([sub(0), sub(1)])
    for (let i = 2; i < MAX_RECENT + 2; i++) await list(first, sub(i))
    await first.close()

    const second = start(config)
    const recent = (await places(second)).recent
    expect(recent).toHaveLength(MAX_RECENT)
    expect(recent[0]).toBe(sub(MAX_RECENT + 1))
    expect(recent).not.toContain(sub(1)) // the oldest fell off
    fs.rmSync(sub(MAX_RECENT), { recursive: true })
    expect((await places(second)).recent).not.toContain(sub(MAX_RECENT))
  })

  it('bookmarks: added and removed, kept across a restart; a file, a missing folder or a relative path refused', async () => {
    const config = makeTempDir('linkscope-config-')
    const tree = makeTempDir('linkscope-places-')
    dirs.push(config, tree)
    fs.mkdirSync(path.join(tree, 'a'))
    fs.mkdirSync(path.join(tree, 'b'))
    fs.writeFileSync(path.join(tree, 'file.txt'), 'x')
    const first = start(config)
    expect(await bookmark(first, path.join(tree, 'a'), true)).toMatchObject({
      ok: true,
      value: { bookmarks: [path.join(tree, 'a')] },
    })
    await bookmark(first, path.join(tree, 'b'), true)
    await bookmark(first, path.join(tree, 'a'), true) // twice: once
    await first.close()

    const second = start(config)
    expect((await places(second)).bookmarks).toEqual([path.join(tree, 'a'), path.join(tree, 'b')])
    const stored = fs.readFileSync(path.join(config, 'bookmarks.json'), 'utf8')
    expect(await bookmark(second, path.join(tree, 'file.txt'), true)).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_DIRECTORY' },
    })
    expect(await bookmark(second, path.join(tree, 'nowhere'), true)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await bookmark(second, 'relative/dir', true)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
    expect(await bookmark(second, path.join(tree, 'a'), 'yes')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
    expect(fs.readFileSync(path.join(config, 'bookmarks.json'), 'utf8')).toBe(stored) // refusals wrote nothing
    expect(await bookmark(second, path.join(tree, 'a'), false)).toMatchObject({
      ok: true,
      value: { bookmarks: [path.join(tree, 'b')] },
    })
    // a bookmarked folder removed later stays listed: it may come back (a mount, a drive)
    fs.rmSync(path.join(tree, 'b'), { recursive: true })
    expect((await places(second)).bookmarks).toEqual([path.join(tree, 'b')])
  })

  it('a damaged bookmarks file starts an empty list instead of failing', async () => {
    const config = makeTempDir('linkscope-config-')
    dirs.push(config)
    fs.writeFileSync(path.join(config, 'bookmarks.json'), '{ not json')
    fs.writeFileSync(path.join(config, 'last-folder.json'), '[1,2')
    expect(await places(start(config))).toEqual({ recent: [], bookmarks: [] })
  })
})
