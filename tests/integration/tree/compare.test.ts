/**
 * compareTrees and `linkscope compare` on two hand-made trees where every state occurs once or more, with
 * its count and bytes; hard-link grouping differences; ids spare reading linked files; typed errors.
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type CompareResult, compareTrees } from '../../../electron/engine/tree'
import { LinkError } from '../../../shared/errors'
import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'

let top: string
let a: string
let b: string
let result: CompareResult
beforeAll(async () => {
  top = makeTempDir('linkscope-compare-')
  a = path.join(top, 'a')
  b = path.join(top, 'b')
  const w = (root: string, rel: string, data: string | Buffer): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
    fs.writeFileSync(path.join(root, rel), data)
  }
  w(a, 'linked.bin', Buffer.alloc(1000, 1))
  fs.mkdirSync(b)
  fs.linkSync(path.join(a, 'linked.bin'), path.join(b, 'linked.bin')) // same-file
  for (const r of [a, b]) w(r, 'sub/copy.txt', 'same bytes') // same-content
  w(a, 'edited.txt', 'version one')
  w(b, 'edited.txt', 'version two') // differs, same size
  w(a, 'grown.txt', 'short')
  w(b, 'grown.txt', 'much longer') // differs by size
  w(a, 'kind', 'a file')
  fs.mkdirSync(path.join(b, 'kind')) // differs by kind
  fs.symlinkSync('sub/copy.txt', path.join(a, 'rel-link'))
  fs.symlinkSync('sub/copy.txt', path.join(b, 'rel-link')) // same-content link
  fs.symlinkSync('edited.txt', path.join(a, 'moved-link'))
  fs.symlinkSync('grown.txt', path.join(b, 'moved-link')) // link-differs
  fs.symlinkSync(path.join(a, 'sub'), path.join(a, 'abs-link'))
  fs.symlinkSync(path.join(b, 'sub'), path.join(b, 'abs-link')) // absolute into each own root: same-content
  w(a, 'only-here/in-a.txt', 'aaa')
  w(b, 'in-b.txt', 'bbbb')
  // grouping: one file with two names in A, two separate equal files in B
  w(a, 'pair-1', 'pair')
  fs.linkSync(path.join(a, 'pair-1'), path.join(a, 'pair-2'))
  w(b, 'pair-1', 'pair')
  w(b, 'pair-2', 'pair')
  result = await compareTrees(a, b)
})
afterAll(() => fs.rmSync(top, { recursive: true, force: true }))

const stateOf = (p: string): string | undefined => result.records.find((r) => r.path === p)?.state

describe('compareTrees', () => {
  it('classifies every path', () => {
    expect(Object.fromEntries(result.records.map((r) => [r.path, r.state]))).toEqual({
      'abs-link': 'same-content',
      'edited.txt': 'differs',
      'grown.txt': 'differs',
      kind: 'differs',
      'linked.bin': 'same-file',
      'moved-link': 'link-differs',
      'only-here': 'only-a',
      'only-here/in-a.txt': 'only-a',
      'pair-1': 'same-content',
      'pair-2': 'same-content',
      'rel-link': 'same-content',
      'sub/copy.txt': 'same-content',
      'in-b.txt': 'only-b',
    })
    expect(stateOf('sub')).toBeUndefined() // a folder on both sides has no record of its own
  })

  it('counts and sums bytes per state', () => {
    const s = result.summary.states
    expect(s['same-file']).toEqual({ count: 1, bytes: 1000 })
    expect(s['same-content']).toEqual({ count: 5, bytes: 10 + 4 + 4 })
    expect(s.differs).toEqual({ count: 3, bytes: 11 + 5 + 6 })
    expect(s['link-differs'].count).toBe(1)
    expect(s['only-a']).toEqual({ count: 2, bytes: 3 })
    expect(s['only-b']).toEqual({ count: 1, bytes: 4 })
  })

  it('reads no byte of a same-file pair, nor of files whose sizes differ', () => {
    // read: sub/copy.txt, edited.txt and the two pair names, each on both sides
    expect(result.summary.bytesRead).toBe(2 * (10 + 11 + 4 + 4))
  })

  it('marks names grouped differently, and offers same-content files as pairs to link', () => {
    expect(result.summary.groupingDiffers).toBe(2)
    expect(
      result.records
        .filter((r) => r.grouping)
        .map((r) => r.path)
        .sort(),
    ).toEqual(['pair-1', 'pair-2'])
    expect(result.pairs.map((p) => p.path).sort()).toEqual(['pair-1', 'pair-2', 'sub/copy.txt'])
    const p = result.pairs.find((x) => x.path === 'sub/copy.txt')
    expect(p).toMatchObject({ a: path.join(a, 'sub/copy.txt'), b: path.join(b, 'sub/copy.txt'), size: 10 })
    expect(result.summary.sameDevice).toBe(true)
  })

  it('agrees with diff -rq on which files differ or exist on one side only', () => {
    const r = spawnSync('diff', ['-rq', '--no-dereference', a, b], { encoding: 'utf8' })
    const named = r.stdout.split('\n').filter(Boolean)
    expect(named.some((l) => l.includes('edited.txt'))).toBe(true)
    expect(named.some((l) => l.includes('sub/copy.txt'))).toBe(false)
    expect(named.some((l) => l.includes('linked.bin'))).toBe(false)
  })

  it('refuses a missing or non-folder side with a typed error, changing nothing', async () => {
    const before = treeHash(top)
    for (const [x, y, code] of [
      [path.join(top, 'none'), b, 'NOT_FOUND'],
      [a, path.join(a, 'edited.txt'), 'NOT_A_DIRECTORY'],
      [path.join(a, 'abs-link'), b, 'INVALID_ARGUMENT'],
    ] as const) {
      let got = 'no error'
      try {
        await compareTrees(x, y)
      } catch (e) {
        got = e instanceof LinkError ? e.code : String(e)
      }
      expect(got, `${x} ${y}`).toBe(code)
    }
    expect(treeHash(top)).toBe(before)
  })
})

describe('linkscope compare', () => {
  it('--json: {"path","state","size"} per path, then a summary', () => {
    const r = spawnSync(process.execPath, [CLI, 'compare', a, b, '--json'], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    const summary = lines.pop().summary
    expect(summary.states).toEqual(result.summary.states)
    expect(lines).toContainEqual({ path: 'linked.bin', state: 'same-file', size: 1000, kind: 'file' })
    expect(lines).toContainEqual({ path: 'pair-1', state: 'same-content', size: 4, kind: 'file', grouping: 'differs' })
  })

  it('text: differences listed with names escaped, then the states', () => {
    fs.writeFileSync(path.join(a, 'bad\nname\u001b[2J'), 'x')
    const r = spawnSync(process.execPath, [CLI, 'compare', a, b], { encoding: 'utf8' })
    fs.rmSync(path.join(a, 'bad\nname\u001b[2J'))
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('only-a        bad\\nname\\x1B[2J')
    expect(r.stdout).not.toContain('\u001b')
    expect(r.stdout).toMatch(/same-file +1 +1000 bytes/)
  })
})
