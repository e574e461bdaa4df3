import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'
import { type Collected, collectScan, findBroken, nulList, sorted, statIdLinks } from './scan-helpers'

/**
 * Every link shape on real trees, on ext4 (os.tmpdir()) and tmpfs (/dev/shm), checked against what GNU
 * find and stat say about the same tree. Precisely: links the scanner calls `broken` are exactly
 * `find ROOT -xtype l` (dangling, or through a file); links it calls `loop` are exactly the ones find
 * reports as "Too many levels of symbolic links" (find's -xtype does not match loops, it errors on them).
 */
const DEPTH = 40

function buildShapes(base: string): { root: string; outside: string } {
  const top = makeTempDir('linkscope-scan-', base)
  const root = path.join(top, 'root')
  const outside = path.join(top, 'outside')
  const p = (...parts: string[]): string => path.join(root, ...parts)
  fs.mkdirSync(p('docs'), { recursive: true })
  fs.mkdirSync(p('other', 'deep'), { recursive: true })
  fs.mkdirSync(outside)
  fs.writeFileSync(p('plain.txt'), 'plain\n')
  fs.writeFileSync(p('docs', 'report.txt'), 'report body\n')
  fs.linkSync(p('docs', 'report.txt'), p('report-hardlink.txt'))
  fs.linkSync(p('docs', 'report.txt'), p('other', 'deep', 'copy.txt'))
  fs.linkSync(p('docs', 'report.txt'), path.join(outside, 'elsewhere.txt')) // a name the scan cannot see
  fs.symlinkSync('plain.txt', p('rel-link'))
  fs.symlinkSync('rel-link', p('chain')) // chain → rel-link → plain.txt: fine
  fs.symlinkSync('missing.txt', p('dangling'))
  fs.symlinkSync('dangling', p('chain-to-broken')) // → dangling → missing.txt
  fs.symlinkSync('/nonexistent-linkscope/abs', p('abs-dangling'))
  fs.symlinkSync('loop-b', p('loop-a'))
  fs.symlinkSync('loop-a', p('loop-b'))
  fs.symlinkSync('self', p('self'))
  fs.symlinkSync('plain.txt/x', p('through-file')) // ENOTDIR
  fs.symlinkSync('docs', p('folder-link'))
  fs.symlinkSync('../..', p('other', 'deep', 'up')) // a folder link cycling back to the root
  fs.symlinkSync('.', p('other', 'here'))
  let deep = root
  for (let i = 1; i <= DEPTH; i++) deep = path.join(deep, `d${String(i).padStart(2, '0')}`)
  fs.mkdirSync(deep, { recursive: true })
  fs.symlinkSync('nowhere', path.join(deep, 'bottom-broken'))
  fs.linkSync(p('plain.txt'), path.join(deep, 'bottom-hard'))
  fs.mkdirSync(p('ünïcödé ✓'))
  fs.symlinkSync('manquant', p('ünïcödé ✓', 'lien cassé ✗'))
  fs.symlinkSync('gone\ntarget', p('new\nline'))
  fs.writeFileSync(p('new\nfile'), 'twelve bytes')
  fs.linkSync(p('new\nfile'), p('ünïcödé ✓', 'nl\nhard'))
  return { root, outside: top }
}

/** Apparent and unique bytes by an independent walk (lstat only, links never followed). */
function bytesOf(root: string): { apparent: number; unique: number } {
  let apparent = 0
  const seen = new Map<string, number>()
  const visit = (dir: string): void => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name)
      const st = fs.lstatSync(full)
      if (st.isDirectory()) visit(full)
      else if (st.isFile()) {
        apparent += st.size
        seen.set(`${st.dev}:${st.ino}`, st.size)
      }
    }
  }
  visit(root)
  return { apparent, unique: [...seen.values()].reduce((a, b) => a + b, 0) }
}

describe.each([
  ['ext4', os.tmpdir()],
  ['tmpfs', '/dev/shm'],
])('a full scan of every link shape on %s', (_fs, base) => {
  let root: string
  let top: string
  let scan: Collected
  let hashBefore: string
  beforeAll(async () => {
    ;({ root, outside: top } = buildShapes(base))
    hashBefore = treeHash(root)
    scan = await collectScan(root)
  })
  afterAll(() => fs.rmSync(top, { recursive: true, force: true }))

  it('reports exactly the broken links and loops, each with its reason', () => {
    const got = Object.fromEntries(scan.broken.map((b) => [path.relative(root, b.path), `${b.status}/${b.reason}`]))
    const deepLink = path.join(
      ...Array.from({ length: DEPTH }, (_, i) => `d${String(i + 1).padStart(2, '0')}`),
      'bottom-broken',
    )
    expect(got).toEqual({
      dangling: 'broken/missing',
      'chain-to-broken': 'broken/missing',
      'abs-dangling': 'broken/missing',
      'through-file': 'broken/through-file',
      'loop-a': 'loop/loop',
      'loop-b': 'loop/loop',
      self: 'loop/loop',
      [deepLink]: 'broken/missing',
      'ünïcödé ✓/lien cassé ✗': 'broken/missing',
      'new\nline': 'broken/missing',
    })
    expect(scan.summary.broken).toBe(10)
  })

  it('matches GNU find: broken = find -xtype l, loop = what find reports as a loop', () => {
    const f = findBroken(root)
    expect(sorted(scan.broken.filter((b) => b.status === 'broken').map((b) => b.path))).toEqual(f.dangling)
    expect(sorted(scan.broken.filter((b) => b.status === 'loop').map((b) => b.path))).toEqual(f.loops)
    expect(f.dangling.length + f.loops.length).toBe(10) // the comparison is not vacuous
  })

  it('gives every broken link as a full LinkEntry (stored target, resolved path, id)', () => {
    const nl = scan.broken.find((b) => b.name === 'new\nline')
    expect(nl).toMatchObject({
      kind: 'symlink',
      target: 'gone\ntarget',
      resolved: path.join(root, 'gone\ntarget'),
      targetKind: null,
      links: 1,
    })
    expect(nl?.id).toBe(statIdLinks(path.join(root, 'new\nline')).id)
  })

  it('groups hard links with the ids and link counts stat reports; a name outside the root makes links exceed the paths', () => {
    const groupOf = (rel: string) => scan.groups.find((g) => g.paths.includes(path.join(root, rel)))
    expect(scan.groups.length).toBe(3)
    expect(groupOf('plain.txt')?.paths.length).toBe(2) // with d01/…/d40/bottom-hard
    expect(groupOf('new\nfile')?.paths).toEqual(
      sorted([path.join(root, 'new\nfile'), path.join(root, 'ünïcödé ✓', 'nl\nhard')]),
    )
    const report = groupOf('docs/report.txt')
    expect(report?.paths).toEqual(
      sorted([
        path.join(root, 'docs', 'report.txt'),
        path.join(root, 'other', 'deep', 'copy.txt'),
        path.join(root, 'report-hardlink.txt'),
      ]),
    )
    expect(report?.links).toBe(4)
    expect(report?.paths.length).toBe(3)
    for (const g of scan.groups) {
      for (const p of g.paths) expect(statIdLinks(p)).toEqual({ id: g.id, links: g.links })
      expect(g.size).toBe(fs.lstatSync(g.paths[0] as string).size)
    }
    // every file find sees with more than one name is in exactly one group
    const multi = nulList('find', [root, '-type', 'f', '-links', '+1', '-print0']).list
    expect(sorted(scan.groups.flatMap((g) => g.paths))).toEqual(sorted(multi))
  })

  it('counts every entry once (links are never followed, so the cycling folder links add nothing)', () => {
    const all = nulList('find', [root, '-mindepth', '1', '-print0']).list
    expect(scan.summary.entries).toBe(all.length)
    expect(scan.summary).toMatchObject({ root, cancelled: false, errors: 0, groups: 3, sized: true, deniedLinks: 0 })
  })

  it('sums apparent bytes (every name) and unique bytes (each file once)', () => {
    const b = bytesOf(root)
    expect(b.apparent).toBeGreaterThan(b.unique)
    expect(scan.summary.apparentBytes).toBe(b.apparent)
    expect(scan.summary.uniqueBytes).toBe(b.unique)
  })

  it('leaves the tree exactly as it was', () => {
    expect(treeHash(root)).toBe(hashBefore)
  })

  it('streams in batches with progress, not one message per item', () => {
    expect(scan.batches.every((b) => b.length > 0)).toBe(true)
    expect(scan.batches.length).toBeLessThan(scan.broken.length + scan.groups.length)
    const progress = scan.batches.flat().filter((i) => i.type === 'progress')
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.at(-1)).toMatchObject({ progress: { entries: scan.summary.entries, dirsQueued: 0, errors: 0 } })
  })

  it('with only --broken: no groups, and files are not even lstat-ed (no byte totals)', async () => {
    const only = await collectScan(root, { broken: true, hardlinks: false, sizes: false })
    expect(only.groups).toEqual([])
    expect(only.broken.length).toBe(10)
    expect(only.summary).toMatchObject({ groups: 0, sized: false, apparentBytes: 0, uniqueBytes: 0 })
  })

  it('with only hard links: no broken links are looked for', async () => {
    const only = await collectScan(root, { broken: false, hardlinks: true })
    expect(only.broken).toEqual([])
    expect(only.groups.length).toBe(3)
    expect(only.summary.broken).toBe(0)
  })
})
