// The engine's side of the everyday actions on a real tree: watching a folder, completing a typed path,
// finding by name (through the dispatcher, as the UI calls them).
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { completeFolder } from '../../../electron/engine/actions/complete-folder'
import { watchFolder } from '../../../electron/engine/actions/watch-folder'
import { findByName } from '../../../electron/engine/scan/find-by-name'
import { createDispatcher } from '../../../electron/engine/service/dispatch'
import { createHandlers } from '../../../electron/engine/service/handlers'
import { decodeNameBytes } from '../../../shared/names'
import type { FolderChange } from '../../../shared/types/actions'
import type { LinkEntry } from '../../../shared/types/link'

let tmp: string
const p = (...parts: string[]): string => path.join(tmp, ...parts)

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ls-actions-')))
  fs.mkdirSync(p('src', 'lib', 'deep'), { recursive: true })
  fs.mkdirSync(p('Shared'))
  fs.mkdirSync(p('share'))
  fs.mkdirSync(p('other'))
  fs.writeFileSync(p('shell.txt'), 'x')
  fs.symlinkSync('Shared', p('shortcut'))
  fs.symlinkSync('shell.txt', p('sh-file-link'))
  fs.writeFileSync(p('src', 'a.ts'), '')
  fs.writeFileSync(p('src', 'lib', 'b.TS'), '')
  fs.writeFileSync(p('src', 'lib', 'deep', 'c.ts'), '')
  fs.writeFileSync(p('src', 'lib', 'deep', 'c.ts.map'), '')
  fs.symlinkSync('a.ts', p('src', 'link.ts'))
  fs.writeFileSync(Buffer.from(p('other') + '/raw-\xff.ts', 'latin1'), '')
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

describe('address completion', () => {
  it('offers the folders (and folder links) whose names start with the typed part, case-insensitively', () => {
    expect(completeFolder(p('sh'))).toEqual([p('share'), p('Shared'), p('shortcut')])
    expect(completeFolder(p('SH'))).toEqual([p('share'), p('Shared'), p('shortcut')])
    expect(completeFolder(p('src', 'l'))).toEqual([p('src', 'lib')])
  })
  it('after a separator: every subfolder; files never; nothing for a missing folder or a relative path', () => {
    expect(completeFolder(p('src') + path.sep)).toEqual([p('src', 'lib')])
    expect(completeFolder(p('nowhere', 'x'))).toEqual([])
    expect(completeFolder('relative/x')).toEqual([])
  })
})

/** Collects what a watch reports; `stop` cancels it. */
function startWatch(dir: string) {
  const seen: FolderChange[] = []
  const controller = new AbortController()
  const done = watchFolder({ emit: (items) => seen.push(...items), signal: controller.signal }, dir)
  return { seen, done, stop: () => controller.abort() }
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600 && !cond(); i++) await new Promise((r) => setTimeout(r, 25))
  if (!cond()) throw new Error(`never happened: ${what}`)
}

describe('watching a folder', () => {
  it('reports a burst of changes as one change, then ends when cancelled', async () => {
    const dir = p('watched')
    fs.mkdirSync(dir)
    const w = startWatch(dir)
    for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(dir, `f${i}`), 'x')
    await until(() => w.seen.length > 0, 'a change report')
    // a burst can arrive as a few reports if the machine stalls, never one per file
    expect(w.seen.length).toBeLessThan(10)
    expect(w.seen.every((c) => c.type === 'changed' && c.dir === dir)).toBe(true)
    w.stop()
    await expect(w.done).resolves.toBeNull()
    const before = w.seen.length
    fs.writeFileSync(path.join(dir, 'after-stop'), 'x')
    await new Promise((r) => setTimeout(r, 400))
    expect(w.seen.length).toBe(before)
  })

  it('reports a folder that disappears as gone and ends (no throw)', async () => {
    const dir = p('doomed')
    fs.mkdirSync(dir)
    const w = startWatch(dir)
    fs.rmSync(dir, { recursive: true })
    await expect(w.done).resolves.toBeNull()
    expect(w.seen.at(-1)).toEqual({ type: 'gone', dir })
  })

  it('a folder moved away is gone from where it was watched', async () => {
    const dir = p('moving')
    fs.mkdirSync(dir)
    const w = startWatch(dir)
    fs.renameSync(dir, p('moved'))
    fs.writeFileSync(p('moved', 'x'), 'x') // a change in the moved folder: reported as the watched path being gone
    await expect(w.done).resolves.toBeNull()
    expect(w.seen.at(-1)).toEqual({ type: 'gone', dir })
  })

  it('refuses what is not a folder with a typed error', () => {
    expect(() => startWatch(p('shell.txt'))).toThrow(expect.objectContaining({ code: 'NOT_A_DIRECTORY' }))
    expect(() => startWatch(p('missing'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })
})

describe('find by name (through the dispatcher)', () => {
  const dispatcher = createDispatcher(createHandlers({ mode: 'browser' }))
  let n = 0
  async function find(root: string, pattern: string, ignoreCase = false) {
    const items: LinkEntry[] = []
    const r = await dispatcher.dispatch(
      'actions:findByName',
      { jobId: `find-${++n}`, args: [root, pattern, { ignoreCase }] },
      (_id, batch) => items.push(...(batch as LinkEntry[])),
    )
    return { r, paths: items.map((e) => e.path).sort(), items }
  }

  it('streams every entry whose name matches, as LinkEntry rows (links too, never followed)', async () => {
    const { r, paths, items } = await find(tmp, '*.ts')
    const raw = path.join(p('other'), decodeNameBytes(Buffer.from('raw-\xff.ts', 'latin1')))
    expect(paths).toEqual([raw, p('src', 'a.ts'), p('src', 'lib', 'deep', 'c.ts'), p('src', 'link.ts')].sort())
    expect(items.find((e) => e.path === p('src', 'link.ts'))?.kind).toBe('symlink')
    expect(r).toMatchObject({
      ok: true,
      value: { found: 4, truncated: false, cancelled: false, root: tmp, pattern: '*.ts' },
    })
  })

  it('ignores case when asked; a path pattern with ** matches below the root', async () => {
    expect((await find(tmp, '*.ts', true)).paths).toContain(p('src', 'lib', 'b.TS'))
    expect((await find(tmp, 'src/**/c.*')).paths).toEqual([
      p('src', 'lib', 'deep', 'c.ts'),
      p('src', 'lib', 'deep', 'c.ts.map'),
    ])
    expect((await find(tmp, 'sh*')).paths).toEqual([p('sh-file-link'), p('share'), p('shell.txt'), p('shortcut')])
  })

  it('finds a name that is not UTF-8 by a pattern around it', async () => {
    expect((await find(tmp, 'raw-?.ts')).paths).toEqual([
      path.join(p('other'), decodeNameBytes(Buffer.from('raw-\xff.ts', 'latin1'))),
    ])
  })

  it('typed errors: an empty pattern, a root that is not a folder', async () => {
    expect((await find(tmp, '')).r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect((await find(p('shell.txt'), '*')).r).toMatchObject({ ok: false, error: { code: 'NOT_A_DIRECTORY' } })
  })

  it('past its limit, counts the rest without streaming them (truncated)', async () => {
    const items: LinkEntry[] = []
    const summary = await findByName(
      { emit: (b) => items.push(...b), signal: new AbortController().signal },
      tmp,
      '*',
      { ignoreCase: false },
      3,
    )
    expect(items).toHaveLength(3)
    expect(summary.found).toBeGreaterThan(10)
    expect(summary.truncated).toBe(true)
  })

  it('is cancellable: a cancel ends it with cancelled: true', async () => {
    const id = `find-cancel-${++n}`
    const running = dispatcher.dispatch(
      'actions:findByName',
      { jobId: id, args: ['/usr', '*', { ignoreCase: false }] },
      () => {},
    )
    await dispatcher.dispatch('jobs:cancel', { args: [id] }, () => {})
    const r = await running
    expect(r.ok).toBe(true)
    if (r.ok) expect((r.value as { cancelled: boolean }).cancelled).toBe(true)
  })
})
