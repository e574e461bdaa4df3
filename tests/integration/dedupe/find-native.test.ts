/**
 * The search chained in the addon (native/find_dupes.c, find-native.ts) against the JavaScript search
 * (LINKSCOPE_SCAN_NATIVE=0): on the same trees both give the same groups, files, names, sizes, hashes,
 * ids, link counts, roots and metadata, the same count of files and the same errors, in the same order
 * (names of one file aside: the walk's threads find them in any order, on either way).
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { type DupeGroup, findDuplicates, planGroup } from '../../../electron/engine/dedupe'
import type { FindResult } from '../../../electron/engine/dedupe/find'
import { nativeDupes } from '../../../electron/engine/dedupe/find-native'
import { giveToOtherUser, runAsOtherUser, type Stage, stageForOtherUser, SWITCHES_USER } from '../../helpers/as-user'
import { makeTempDir } from '../../helpers/link-tree'
import { isRoot, skipUnlessRoot } from '../../helpers/needs-root'
import { data, makeTree, type Tree } from './dedupe-helpers'

let t: Tree
beforeEach(() => {
  t = makeTree()
})
afterEach(() => t.done())

/** A result as comparable data: every field of every file, names of one file sorted. */
const plain = (r: FindResult): unknown => ({
  files: r.files,
  errors: r.errors,
  groups: r.groups.map((g: DupeGroup) => ({
    size: g.size,
    hash: g.hash,
    freed: planGroup(g).freed,
    files: g.files.map((f) => ({ ...f, paths: [...f.paths].sort() })),
  })),
})

/** The search run the JavaScript way (no addon for it, nor for the walk). */
async function withoutAddon<T>(fn: () => Promise<T>): Promise<T> {
  const before = process.env.LINKSCOPE_SCAN_NATIVE
  process.env.LINKSCOPE_SCAN_NATIVE = '0'
  try {
    expect(nativeDupes()).toBeNull()
    return await fn()
  } finally {
    if (before === undefined) delete process.env.LINKSCOPE_SCAN_NATIVE
    else process.env.LINKSCOPE_SCAN_NATIVE = before
  }
}

async function bothWays(roots: string[], minSize?: number): Promise<FindResult> {
  const opts = minSize !== undefined ? { minSize } : {}
  expect(nativeDupes()).not.toBeNull()
  const chained = await findDuplicates(roots, opts)
  const js = await withoutAddon(() => findDuplicates(roots, opts))
  expect(plain(chained)).toEqual(plain(js))
  return chained
}

/** A tree with every case the search tells apart. */
function mixedTree(outside: string): void {
  const body = data(100_000)
  t.write('a/x', body)
  t.write('b/x', body)
  fs.linkSync(t.p('b/x'), t.p('b/x-name')) // one file, two names: one member
  t.write('linked-alone', 'one file, two names\n')
  fs.linkSync(t.p('linked-alone'), t.p('linked-alone-2'))
  const small = data(3000)
  for (const n of ['s1', 's2', 'c/s3']) t.write(n, small)
  fs.linkSync(t.p('s1'), path.join(outside, 's1-outside')) // a name outside the roots: frees nothing
  const head = data(70_000)
  const headTail = Buffer.concat([head, data(60_000), head.subarray(0, 10_000)])
  t.write('big/same-head-1', Buffer.concat([head, data(10)]))
  t.write('big/same-head-2', Buffer.concat([head, data(10)]))
  for (const at of [90_000, 100_000]) {
    const middle = Buffer.from(headTail) // the same head and tail as big/equal-*, not the same middle
    middle[at] = (middle[at] as number) ^ 1
    t.write(`big/middle-${at}`, middle)
  }
  t.write('big/equal-1', headTail)
  t.write('big/equal-2', headTail)
  t.write('e1', '')
  t.write('e2', '')
  fs.symlinkSync(t.p('a/x'), t.p('link-to-x'))
  execFileSync('mkfifo', [t.p('fifo')])
  for (let i = 0; i < 40; i++) t.write(`many/f${i}`, `content ${i % 7}\n`)
}

describe.runIf(process.platform === 'linux')(
  'the chained search (find_dupes.c) gives what the JavaScript search gives',
  () => {
    let outside: string
    beforeEach(() => {
      outside = makeTempDir('linkscope-dedupe-outside-')
    })
    afterEach(() => fs.rmSync(outside, { recursive: true, force: true }))

    it('on hard-linked names, names outside the roots, equal heads, empty files, links and a fifo', async () => {
      mixedTree(outside)
      const r = await bothWays([t.root])
      const sizes = r.groups.map((g) => `${g.size}×${g.files.length}`)
      // largest first; one group per content; the fifo, links, empty files and the lone linked file left out
      expect(sizes.slice(0, 3)).toEqual(['140000×2', '100000×2', '3000×3'])
      expect(sizes.slice(3).sort()).toEqual(['10×5', '10×5', '10×6', '10×6', '10×6', '10×6', '10×6'])
      const small = r.groups.find((g) => g.size === 3000) as DupeGroup
      expect(small.files.find((f) => f.paths[0] === t.p('s1'))?.links).toBe(2)
      const pair = r.groups.find((g) => g.size === 100_000) as DupeGroup
      expect(pair.files.flatMap((f) => f.paths).sort()).toEqual([t.p('a/x'), t.p('b/x'), t.p('b/x-name')].sort())
    })

    it('with --min-size, several roots (one inside another, one named twice) and roots that are files', async () => {
      mixedTree(outside)
      await bothWays([t.root], 5000)
      const r = await bothWays([t.p('big'), t.root, t.p('big'), t.p('a')])
      expect(r.groups.find((g) => g.size === 100_000)?.files.find((f) => f.paths.length > 1)?.paths).toHaveLength(2)
      const files = await bothWays([t.p('a/x'), t.p('b/x'), t.p('s2'), t.p('c/s3')])
      expect(files.groups.map((g) => g.files.length)).toEqual([2, 2])
    })

    it('stops with CANCELLED when its signal is aborted between the small files and the large', async () => {
      mixedTree(outside)
      const ac = new AbortController()
      const search = findDuplicates([t.root], { signal: ac.signal, onGroups: () => ac.abort() })
      await expect(search).rejects.toMatchObject({ code: 'CANCELLED' })
    })
  },
)

describe.runIf(process.platform === 'linux')('the chained search as an unprivileged user', () => {
  let stage: Stage
  beforeAll(() => {
    if (isRoot) stage = stageForOtherUser()
  })
  afterAll(() => stage?.remove())
  beforeEach((ctx) => skipUnlessRoot(ctx, SWITCHES_USER))

  it('leaves out a file it may not read and reports a folder it may not list, as the JavaScript search does', () => {
    const body = data(20_000)
    for (const n of ['r1', 'r2', 'locked', 'shut/inside']) t.write(n, body)
    fs.chmodSync(t.p('locked'), 0o000)
    fs.chmodSync(t.p('shut'), 0o000)
    giveToOtherUser(t.p('r1'))
    const run = (native: '0' | '1'): { groups: unknown[]; stderr: string } => {
      const r = runAsOtherUser(process.execPath, [stage.cli, 'dupes', t.root, '--json'], {
        env: { ...process.env, LINKSCOPE_SCAN_NATIVE: native },
      })
      expect(r.status, r.stderr).toBe(0)
      const lines = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { summary?: { ms: number } })
      for (const l of lines) if (l.summary) l.summary.ms = 0
      return { groups: lines, stderr: r.stderr }
    }
    const chained = run('1')
    expect(chained).toEqual(run('0'))
    const group = chained.groups[0] as { size: number; files: number; paths: string[] }
    expect({ ...group, paths: [...group.paths].sort() }).toMatchObject({
      size: 20_000,
      files: 2,
      paths: [t.p('r1'), t.p('r2')],
    })
    expect(chained.stderr).toContain(t.p('shut'))
  })
})
