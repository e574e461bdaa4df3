/**
 * A scan's exclude globs and depth limit (`--exclude`, `--max-depth`): through the CLI with each lister
 * (the addon, LINKSCOPE_SCAN_NATIVE=1, and node:fs, =0), which must agree, and bad values refused with
 * INVALID_ARGUMENT before anything is read, the tree unchanged.
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runScan } from '../../../electron/engine/scan/run-scan'
import { LinkError } from '../../../shared/errors'
import type { ScanOptions } from '../../../shared/types/scan'
import { CLI, cliJsonLines } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'

let root: string
beforeAll(() => {
  root = makeTempDir('linkscope-limits-')
  const broken = (rel: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    fs.symlinkSync('missing', path.join(root, rel))
  }
  broken('top-broken') // depth 1
  broken('skip.tmp') // depth 1, excluded by name
  broken('a/broken-2') // depth 2
  broken('a/b/broken-3') // depth 3
  broken('a/b/cache/broken-4') // excluded by path (a/b/cache)
  broken('node_modules/x/broken-3') // excluded by name (node_modules)
  fs.writeFileSync(path.join(root, 'one'), 'x')
  fs.linkSync(path.join(root, 'one'), path.join(root, 'a', 'two')) // a hard-link group across depths 1 and 2
  fs.linkSync(path.join(root, 'one'), path.join(root, 'a', 'b', 'three.tmp')) // its third name, excluded
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

type Summary = { entries: number; folders: number; broken: number; excluded?: number; beyondDepth?: number; ms: number }
type Scan = { broken: string[]; groups: string[][]; summary: Summary }

function scan(native: '0' | '1', ...args: string[]): Scan {
  const lines = cliJsonLines<{ path?: string; paths?: string[]; summary?: Summary }>(
    ['scan', root, '--json', ...args],
    native,
  )
  const rel = (p: string): string => path.relative(root, p)
  const groups = new Map<string, string[]>() // a group printed again later replaces the earlier line
  for (const l of lines) if (l.paths) groups.set(JSON.stringify(l.paths.slice(0, 1)), l.paths.map(rel).sort())
  return {
    broken: lines.flatMap((l) => (l.path ? [rel(l.path)] : [])).sort(),
    groups: [...new Set([...groups.values()].map((g) => JSON.stringify(g)))].map((g) => JSON.parse(g) as string[]),
    summary: { ...(lines.at(-1)?.summary as Summary), ms: 0 }, // the one field two runs do not share
  }
}

describe.each(['1', '0'] as const)('scan limits (LINKSCOPE_SCAN_NATIVE=%s)', (native) => {
  it('without limits every broken link and every name of the group is found', () => {
    const s = scan(native)
    expect(s.broken).toEqual([
      'a/b/broken-3',
      'a/b/cache/broken-4',
      'a/broken-2',
      'node_modules/x/broken-3',
      'skip.tmp',
      'top-broken',
    ])
    expect(s.groups).toEqual([['a/b/three.tmp', 'a/two', 'one']])
    expect(s.summary.excluded).toBeUndefined()
  })

  it('--exclude leaves out folders by name and by path, and entries by name, and counts them', () => {
    const s = scan(native, '--exclude', 'node_modules', '--exclude', 'a/b/cache', '--exclude', '*.tmp')
    expect(s.broken).toEqual(['a/b/broken-3', 'a/broken-2', 'top-broken'])
    expect(s.groups).toEqual([['a/two', 'one']])
    // two folders not entered, the broken skip.tmp and the name three.tmp not reported
    expect(s.summary.excluded).toBe(4)
    expect(s.summary.beyondDepth).toBe(0)
  })

  it('--max-depth 1 lists only the root own entries; 2 one level more', () => {
    const one = scan(native, '--max-depth', '1')
    expect(one.broken).toEqual(['skip.tmp', 'top-broken'])
    expect(one.summary.folders).toBe(1)
    expect(one.summary.beyondDepth).toBe(2) // a and node_modules
    const two = scan(native, '--max-depth=2')
    expect(two.broken).toEqual(['a/broken-2', 'skip.tmp', 'top-broken'])
    expect(two.groups).toEqual([['a/two', 'one']])
    expect(two.summary.beyondDepth).toBe(2) // a/b and node_modules/x
  })

  it('the addon and node:fs give the same results with both limits', () => {
    const args = ['--exclude', 'cache', '--max-depth', '4'] // a/b/cache (depth 3) is within reach: only the glob keeps it out
    const s = scan(native, ...args)
    expect(s).toEqual(scan(native === '1' ? '0' : '1', ...args))
    expect(s.broken).toEqual(['a/b/broken-3', 'a/broken-2', 'node_modules/x/broken-3', 'skip.tmp', 'top-broken'])
  })
})

describe('bad scan limits', () => {
  const ctx = { signal: new AbortController().signal, emit: () => {} }
  const base: ScanOptions = { broken: true, hardlinks: true }

  it.each([
    [{ maxDepth: -1 }, /depth limit must be a whole number of at least 1/],
    [{ maxDepth: 0 }, /at least 1/],
    [{ maxDepth: 1.5 }, /whole number/],
    [{ exclude: [''] }, /exclude pattern is empty/],
    [{ exclude: ['ok', '  '] }, /exclude pattern is empty/],
  ])('%j is refused with INVALID_ARGUMENT, the tree unchanged', async (bad, message) => {
    const before = treeHash(root)
    const e = await runScan(ctx, root, { ...base, ...bad }).catch((err: unknown) => err)
    expect(e).toBeInstanceOf(LinkError)
    expect((e as LinkError).code).toBe('INVALID_ARGUMENT')
    expect((e as LinkError).message).toMatch(message)
    expect(treeHash(root)).toBe(before)
  })

  it.each([
    [['--max-depth', '-2'], 'INVALID_ARGUMENT'],
    [['--max-depth', 'deep'], 'INVALID_ARGUMENT'],
    [['--exclude', ''], 'INVALID_ARGUMENT'],
  ])('the CLI refuses %j (exit 1, a typed error), the tree unchanged', (args, code) => {
    const before = treeHash(root)
    const r = spawnSync(process.execPath, [CLI, 'scan', root, '--json', ...args], { encoding: 'utf8' })
    expect(r.status).toBe(1)
    const last = JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as { error: { code: string } }
    expect(last.error.code).toBe(code)
    expect(treeHash(root)).toBe(before)
  })
})
