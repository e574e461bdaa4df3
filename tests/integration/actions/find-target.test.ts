// Find by target: links whose stored target matches a glob, as `find -lname` lists them, through the
// dispatcher (as the UI calls it: validated, streamed, cancellable) and the CLI's --target.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createDispatcher } from '../../../electron/engine/service/dispatch'
import { createHandlers } from '../../../electron/engine/service/handlers'
import type { LinkEntry } from '../../../shared/types/link'
import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'

let root: string
const p = (...parts: string[]): string => path.join(root, ...parts)
const findOf = (...args: string[]): string[] =>
  spawnSync('find', args, { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort()

beforeAll(() => {
  root = makeTempDir('linkscope-findtarget-')
  fs.mkdirSync(p('node_modules', '.pnpm', 'lodash@4.17.21', 'node_modules', 'lodash'), { recursive: true })
  fs.mkdirSync(p('app', 'deep'), { recursive: true })
  fs.symlinkSync('.pnpm/lodash@4.17.21/node_modules/lodash', p('node_modules', 'lodash'))
  fs.symlinkSync('../node_modules/.pnpm/LODASH@5/x', p('app', 'upper')) // broken, and upper case
  fs.symlinkSync('/etc/alternatives/awk', p('app', 'awk'))
  fs.symlinkSync('lodash.js', p('app', 'deep', 'named-lodash'))
  fs.writeFileSync(p('app', 'lodash.txt'), 'a file named lodash is no link')
  fs.mkdirSync(p('app', 'lodash-dir'))
  // many links for the cancel: more than one batch of folders
  for (let i = 0; i < 400; i++) {
    fs.mkdirSync(p('many', `d${i}`), { recursive: true })
    fs.symlinkSync(`/target/${i}`, p('many', `d${i}`, 'l'))
  }
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('find by target', () => {
  const dispatcher = createDispatcher(createHandlers({ mode: 'browser', configDir: makeTempDir('linkscope-ft-cfg-') }))
  let n = 0
  async function find(pattern: string, options: unknown) {
    const items: LinkEntry[] = []
    const r = await dispatcher.dispatch(
      'actions:findByName',
      { jobId: `ft-${++n}`, args: [root, pattern, options] },
      (_id, batch) => items.push(...(batch as LinkEntry[])),
    )
    return { r, paths: items.map((e) => e.path).sort(), items }
  }

  it('lists the links find -lname lists (* spans "/"), with their targets; files and folders never', async () => {
    const before = treeHash(root)
    for (const pattern of ['*lodash*', '*/node_modules/*', '/etc/*', '?odash.js', '[.]pnpm/*']) {
      const { r, paths, items } = await find(pattern, { ignoreCase: false, match: 'target' })
      expect(paths, pattern).toEqual(findOf(root, '-mindepth', '1', '-lname', pattern))
      expect(items.every((e) => e.kind === 'symlink' && e.target !== undefined)).toBe(true)
      expect(r).toMatchObject({ ok: true, value: { found: paths.length, cancelled: false, pattern } })
    }
    expect((await find('*lodash*', { ignoreCase: false, match: 'target' })).paths).toEqual([
      p('app', 'deep', 'named-lodash'),
      p('node_modules', 'lodash'),
    ])
    // -ilname: the broken upper-case one too
    const caseless = await find('*lodash*', { ignoreCase: true, match: 'target' })
    expect(caseless.paths).toEqual(findOf(root, '-mindepth', '1', '-ilname', '*lodash*'))
    expect(caseless.paths).toContain(p('app', 'upper'))
    // by name (the default) still finds names, not targets
    expect((await find('*lodash*', { ignoreCase: false })).paths).toContain(p('app', 'lodash.txt'))
    expect(treeHash(root)).toBe(before)
  })

  it('typed errors: an empty pattern, an unknown mode', async () => {
    expect((await find('', { ignoreCase: false, match: 'target' })).r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('target') },
    })
    expect((await find('*', { ignoreCase: false, match: 'content' })).r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    })
  })

  it('is cancellable: a cancel ends it with cancelled: true and fewer than all', async () => {
    const id = `ft-cancel-${++n}`
    let seen = 0
    const running = dispatcher.dispatch(
      'actions:findByName',
      { jobId: id, args: ['/usr', '*', { ignoreCase: false, match: 'target' }] },
      (_id, batch) => {
        seen += (batch as unknown[]).length
      },
    )
    await dispatcher.dispatch('jobs:cancel', { args: [id] }, () => {})
    const r = await running
    expect(r).toMatchObject({ ok: true, value: { cancelled: true } })
    if (r.ok) expect(seen).toBeLessThanOrEqual((r.value as { found: number }).found)
  })

  it('the CLI: --target, text and --json, the same as find -lname', () => {
    const text = spawnSync(process.execPath, [CLI, 'find', root, '/target/1*', '--target'], { encoding: 'utf8' })
    expect(text.status).toBe(0)
    const lines = text.stdout.split('\n').filter(Boolean)
    expect(
      lines
        .slice(0, -1)
        .map((l) => l.split(' -> ')[0])
        .sort(),
    ).toEqual(findOf(root, '-mindepth', '1', '-lname', '/target/1*'))
    expect(lines.at(-1)).toMatch(/^111 found among \d+ entries under /)
    const json = spawnSync(process.execPath, [CLI, 'find', root, '*LODASH*', '--target', '--ignore-case', '--json'], {
      encoding: 'utf8',
    })
    const records = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(records.pop()).toMatchObject({ type: 'summary', found: 3, cancelled: false })
    expect(records.map((e) => e.path).sort()).toEqual(findOf(root, '-mindepth', '1', '-ilname', '*LODASH*'))
  })
})
