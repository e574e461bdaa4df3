/**
 * "Only here": the bytes removing a folder would free, as the folder-sizes scan measures them. A file
 * counts only when every name it has (its link count) is inside the folder; each such file once. Checked
 * against GNU find on a pnpm-like tree (packages whose files are hard links into a store), through the
 * engine, and through `linkscope scan --json` with each lister (the addon and node:fs).
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ScanSummary } from '../../../shared/types/scan'
import { cliJsonLines } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'
import { collectScan } from './scan-helpers'

let top: string
let root: string
const put = (rel: string, bytes: number): void => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
  fs.writeFileSync(path.join(root, rel), 'x'.repeat(bytes))
}
const link = (from: string, to: string): void => {
  fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true })
  fs.linkSync(path.join(root, from), path.join(root, to))
}

beforeAll(() => {
  top = makeTempDir('linkscope-onlyhere-')
  root = path.join(top, 'project')
  put('own/a.txt', 100) // one name: only here
  put('own/b.txt', 300)
  link('own/b.txt', 'own/sub/b-again.txt') // two names, both inside "own": only here, once
  put('store/x.js', 2000)
  link('store/x.js', 'pkg/x.js') // a package file that lives on in the store: frees nothing
  put('store/y.js', 500)
  link('store/y.js', 'pkg/y.js')
  fs.linkSync(path.join(root, 'store', 'y.js'), path.join(top, 'elsewhere.js')) // a third name outside the project
  put('pkg/own.js', 7) // the package's only file of its own
  fs.symlinkSync('own/a.txt', path.join(root, 'pkg', 'sym')) // a link's bytes are not data
})
afterAll(() => fs.rmSync(top, { recursive: true, force: true }))

/** What find says: each regular file once, and whether all its names are under `dir`. */
function findOnlyHere(dir: string): { unique: number; onlyHere: number } {
  const r = spawnSync('find', [dir, '-type', 'f', '-printf', '%D:%i %n %s\\n'], { encoding: 'utf8' })
  expect(r.status).toBe(0)
  const files = new Map<string, { links: number; size: number; seen: number }>()
  for (const line of r.stdout.trim().split('\n')) {
    const [id, links, size] = line.split(' ') as [string, string, string]
    const f = files.get(id) ?? { links: Number(links), size: Number(size), seen: 0 }
    f.seen++
    files.set(id, f)
  }
  let unique = 0
  let onlyHere = 0
  for (const f of files.values()) {
    unique += f.size
    if (f.seen === f.links) onlyHere += f.size
  }
  return { unique, onlyHere }
}

const sizesOnly = { broken: false, hardlinks: false, sizes: true }
const DIRS = ['own', 'pkg', 'store', '.']

describe('only-here bytes', () => {
  it('the sizes scan counts a file only where all its names are, and agrees with find', async () => {
    const summaries = new Map<string, ScanSummary>()
    for (const dir of DIRS) summaries.set(dir, (await collectScan(path.join(root, dir), sizesOnly)).summary)
    expect(summaries.get('own')).toMatchObject({ apparentBytes: 700, uniqueBytes: 400, onlyHereBytes: 400 })
    // the package shows its whole size, but removing it frees only its own file
    expect(summaries.get('pkg')).toMatchObject({ apparentBytes: 2507, uniqueBytes: 2507, onlyHereBytes: 7 })
    expect(summaries.get('store')).toMatchObject({ uniqueBytes: 2500, onlyHereBytes: 0 })
    // the whole project frees the store's x.js, not y.js (a third name outside)
    expect(summaries.get('.')).toMatchObject({ uniqueBytes: 2907, onlyHereBytes: 2407 })
    for (const [dir, s] of summaries)
      expect({ unique: s.uniqueBytes, onlyHere: s.onlyHereBytes }, dir).toEqual(findOnlyHere(path.join(root, dir)))
  })

  it.each(['1', '0'] as const)(
    'the CLI gives the byte totals in its --json summary (LINKSCOPE_SCAN_NATIVE=%s), and changes nothing',
    (native) => {
      const before = treeHash(top)
      for (const dir of DIRS) {
        const lines = cliJsonLines<{ summary?: Record<string, number> }>(
          ['scan', path.join(root, dir), '--hardlinks', '--json'],
          native,
        )
        const found = findOnlyHere(path.join(root, dir))
        expect(lines.at(-1)?.summary, dir).toMatchObject({ uniqueBytes: found.unique, onlyHereBytes: found.onlyHere })
      }
      expect(treeHash(top)).toBe(before)
    },
  )
})
