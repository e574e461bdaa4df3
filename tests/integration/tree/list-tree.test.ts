/**
 * listTree lists through the scan's native folder lister (F_EVERY) and through node:fs (`complete`, and
 * wherever the addon is missing): both must give the same entries for every shape in the tree fixture.
 */
import * as fs from 'node:fs'

import { afterAll, beforeAll, expect, it } from 'vitest'

import { nativeScan } from '../../../electron/engine/scan/native-scan'
import { listTree, type TreeEntry } from '../../../electron/engine/tree'
import { buildTreeFixture, type Fixture, relPaths } from './tree-fixture'

let fx: Fixture
beforeAll(() => {
  fx = buildTreeFixture('linkscope-list-')
})
afterAll(() => fs.rmSync(fx.top, { recursive: true, force: true }))

const common = ({ rel, kind, id, dev, links, size, mode, mtimeMs, target }: TreeEntry) => ({
  rel,
  kind,
  id,
  dev,
  links,
  size,
  mode,
  mtimeMs,
  target,
})
const byRel = (a: { rel: string }, b: { rel: string }): number => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0)

it('the native lister is there on Linux (so the comparison below compares two listers)', () => {
  expect(process.platform !== 'linux' || nativeScan() !== null).toBe(true)
})

it('native and node:fs listings agree, entry for entry, parents first', async () => {
  const fast = await listTree(fx.src)
  const full = await listTree(fx.src, { complete: true })
  expect(fast.problems).toEqual([])
  expect(fast.entries.map(common).sort(byRel)).toEqual(full.entries.map(common).sort(byRel))
  expect(
    fast.entries
      .map((e) => e.rel)
      .slice(1)
      .sort(),
  ).toEqual(relPaths(fx.src).sort())
  const at = new Map(fast.entries.map((e, i) => [e.rel, i]))
  for (const e of fast.entries.slice(1)) {
    const parent = e.rel.includes('/') ? e.rel.slice(0, e.rel.lastIndexOf('/')) : ''
    expect(at.get(parent) as number, e.rel).toBeLessThan(at.get(e.rel) as number)
  }
  expect(full.entries.every((e) => e.atimeMs !== undefined && e.uid !== undefined)).toBe(true)
})
