import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { terminalSafe } from '../../../electron/cli/format'
import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { data, idOf, makeTree, type Tree } from './dedupe-helpers'

let t: Tree
let state: string
beforeEach(() => {
  t = makeTree()
  state = makeTempDir('linkscope-dedupe-cli-state-')
})
afterEach(() => {
  t.done()
  fs.rmSync(state, { recursive: true, force: true })
})

const cli = (args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: t.root,
    env: { ...process.env, LINKSCOPE_STATE_DIR: state },
  })
const lines = (s: string): Record<string, unknown>[] =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)

function fixture(): void {
  const body = data(12_345)
  t.write('a/one', body)
  t.write('b/two', body)
  fs.linkSync(t.p('b/two'), t.p('b/two-again'))
  t.write('a/small1', 'tiny\n')
  t.write('b/small2', 'tiny\n')
  t.write('a/unique', 'unique\n')
}

describe('linkscope dupes', () => {
  it('--json: one record a group with exactly the contract keys, then the summary', () => {
    fixture()
    const r = cli(['dupes', t.root, '--json'])
    expect(r.status, r.stderr).toBe(0)
    const out = lines(r.stdout)
    expect(out).toHaveLength(3)
    expect(Object.keys(out[0] as object)).toEqual(['size', 'hash', 'files', 'paths', 'reclaimable'])
    expect(out[0]).toMatchObject({ size: 12_345, files: 2, reclaimable: 12_345 })
    expect((out[0]?.paths as string[]).sort()).toEqual([t.p('a/one'), t.p('b/two'), t.p('b/two-again')].sort())
    expect(out[1]).toMatchObject({
      size: 5,
      files: 2,
      paths: expect.arrayContaining([t.p('a/small1'), t.p('b/small2')]),
      reclaimable: 5,
    })
    expect(out[2]).toEqual({ summary: { files: 4, groups: 2, reclaimable: 12_350, ms: expect.any(Number) } })
    const min = lines(cli(['dupes', t.root, '--json', '--min-size', '100']).stdout)
    expect(min).toHaveLength(2)
  })

  it('finds the same groups through the node:fs walk as through the native one', () => {
    fixture()
    const run = (native: string): unknown[] => {
      const r = spawnSync(process.execPath, [CLI, 'dupes', t.root, '--json'], {
        encoding: 'utf8',
        env: { ...process.env, LINKSCOPE_SCAN_NATIVE: native },
      })
      expect(r.status, r.stderr).toBe(0)
      return lines(r.stdout)
        .slice(0, -1)
        .map((g) => ({ ...g, paths: (g.paths as string[]).sort() }))
    }
    const viaNative = run('1')
    expect(viaNative).toHaveLength(2)
    expect(run('0')).toEqual(viaNative)
  })

  it('text output escapes control characters in names, so one name stays one line', () => {
    t.write('evil\nname\u001b[31m', 'same\n')
    t.write('plain', 'same\n')
    const r = cli(['dupes', t.root])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(`  ${terminalSafe(t.p('evil\nname\u001b[31m'))}\n`)
    expect(r.stdout).toContain(`${t.root}/evil\\nname\\x1B[31m`)
    expect(r.stdout).not.toContain('\u001b')
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(
      /^1 groups of duplicates, 2 files, 5 bytes reclaimable \(\d+ ms\)$/,
    )
  })

  it('usage errors exit 2', () => {
    expect(cli(['dupes']).status).toBe(2)
    expect(cli(['dupes', t.root, '--min-size', 'lots']).status).toBe(2)
    expect(cli(['dedupe', t.root, '--keep', 'largest']).status).toBe(2)
    expect(cli(['undo']).status).toBe(2)
    expect(cli(['split']).status).toBe(2)
  })

  it('a missing root is a typed error: exit 1, the last --json line is {"error":…}', () => {
    const r = cli(['dupes', t.p('nope'), '--json'])
    expect(r.status).toBe(1)
    expect(lines(r.stdout).at(-1)).toEqual({
      error: { code: 'NOT_FOUND', message: expect.any(String), path: t.p('nope') },
    })
  })
})

describe('linkscope dedupe, undo, split', () => {
  it('dedupe --json then undo in a new process (as after a restart)', () => {
    fixture()
    const dry = cli(['dedupe', t.root, '--dry-run', '--json'])
    expect(lines(dry.stdout).at(-1)).toEqual({ summary: { linked: 2, freed: 12_350, journal: null } })
    expect(idOf(t.p('a/one'))).not.toBe(idOf(t.p('b/two')))

    const r = cli(['dedupe', t.root, '--json'])
    expect(r.status, r.stderr).toBe(0)
    const out = lines(r.stdout)
    expect(Object.keys(out[0] as object)).toEqual(['keeper', 'linked', 'refused'])
    // the file with two names keeps (fewer names to move)
    expect(out[0]).toEqual({ keeper: t.p('b/two'), linked: [t.p('a/one')], refused: [] })
    const summary = (out.at(-1) as { summary: { linked: number; freed: number; journal: string } }).summary
    expect(summary).toMatchObject({ linked: 2, freed: 12_350 })
    expect(summary.journal.startsWith(state)).toBe(true)
    expect(idOf(t.p('a/one'))).toBe(idOf(t.p('b/two')))

    const u = cli(['undo', summary.journal, '--json'])
    expect(u.status, u.stderr).toBe(0)
    const undone = lines(u.stdout)
    expect(undone.at(-1)).toMatchObject({ summary: { restored: 2, refused: 0 } })
    expect(idOf(t.p('a/one'))).not.toBe(idOf(t.p('b/two')))
    expect(idOf(t.p('b/two'))).toBe(idOf(t.p('b/two-again')))
    expect(lines(cli(['dupes', t.root, '--json']).stdout).at(-1)).toMatchObject({ summary: { files: 4, groups: 2 } })
  })

  it('dedupe text output names keepers, linked and refused files, and how to undo', () => {
    t.write('x', 'same\n')
    t.write('y', 'same\n')
    t.write('z', 'same\n')
    fs.chmodSync(t.p('z'), 0o600)
    const r = cli(['dedupe', t.root])
    expect(r.status).toBe(0)
    const text = r.stdout.trim().split('\n')
    expect(text[0]).toBe(`kept ${t.p('x')}`)
    expect(text).toContain(`  linked ${t.p('y')}`)
    expect(text.find((l) => l.startsWith(`  refused ${t.p('z')}: `))).toMatch(/mode 600 .*\(METADATA_DIFFERS\)$/)
    expect(text.at(-1)).toMatch(/^linked 1 names, freed 5 bytes; undo with: linkscope undo .+\.jsonl$/)
  })

  it('split --json makes one name independent and says so; a missing path exits 1', () => {
    t.write('f', 'shared\n')
    fs.linkSync(t.p('f'), t.p('g'))
    const r = cli(['split', 'f', '--json'])
    expect(r.status, r.stderr).toBe(0)
    const out = lines(r.stdout)
    expect(out[0]).toEqual({ path: t.p('f'), split: true, links: 2, id: idOf(t.p('f')) })
    expect(out[1]).toEqual({ summary: { split: 1, journal: expect.stringContaining(state) } })
    expect(fs.statSync(t.p('g')).nlink).toBe(1)
    const missing = cli(['split', 'nope', '--json'])
    expect(missing.status).toBe(1)
    expect(lines(missing.stdout)[0]).toMatchObject({ path: t.p('nope'), split: false, code: 'NOT_FOUND' })
  })
})
