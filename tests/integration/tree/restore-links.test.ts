/**
 * buildManifest / restoreLinks and `linkscope manifest` / `restore-links`: a tree copied by `cp -r` (hard
 * links lost) and restored by its manifest has the original's structure; restoring is idempotent, a dry
 * run changes nothing, what differs is reported and left alone, bad manifests are typed errors with the
 * tree unchanged, and no path in a manifest can make it act outside ROOT.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildManifest, compareTrees, type Manifest, parseManifest, restoreLinks } from '../../../electron/engine/tree'
import { LinkError } from '../../../shared/errors'
import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'
import { buildTreeFixture, type Fixture, samefileGroups, structure } from './tree-fixture'

let fx: Fixture
let manifest: Manifest
let manifestFile: string
beforeAll(async () => {
  fx = buildTreeFixture('linkscope-restore-')
  fs.rmSync(path.join(fx.src, 'pipe')) // cp -r would block reading it
  manifest = (await buildManifest(fx.src)).manifest
  manifestFile = path.join(fx.top, 'links.json')
  const r = spawnSync(process.execPath, [CLI, 'manifest', fx.src], { encoding: 'utf8' })
  expect(r.status, r.stderr).toBe(0)
  fs.writeFileSync(manifestFile, r.stdout)
})
afterAll(() => fs.rmSync(fx.top, { recursive: true, force: true }))

const cpR = (name: string): string => {
  const to = path.join(fx.top, name)
  execFileSync('cp', ['-r', fx.src, to])
  return to
}
const codeOf = (fn: () => unknown): string => {
  try {
    fn()
  } catch (e) {
    return e instanceof LinkError ? e.code : `not a LinkError: ${String(e)}`
  }
  return 'no error'
}

describe('manifest', () => {
  it('records every symbolic link as stored and each group inside ROOT with its hash', () => {
    expect(manifest.format).toBe('linkscope-links')
    expect(manifest.version).toBe(1)
    const links = Object.fromEntries(manifest.links.map((l) => [l.path, l]))
    expect(links['rel-in']).toEqual({ path: 'rel-in', kind: 'symlink', target: 'plain.txt' })
    expect(links['abs-in-dir']).toEqual({
      path: 'abs-in-dir',
      kind: 'symlink',
      target: path.join(fx.src, 'docs'),
      within: 'docs',
    })
    expect(links['abs-out']?.within).toBeUndefined()
    expect(manifest.links).toHaveLength(Object.keys(structure(fx.src).links).length)
    expect(manifest.groups.map((g) => [...g.paths].sort())).toEqual(
      expect.arrayContaining(
        samefileGroups(fx.src).filter((g) => g.length > 1 && !g.includes('media/shared-inside.bin')),
      ),
    )
    expect(manifest.groups).toHaveLength(2)
  })

  it('the CLI writes the same manifest, and it reads back as written', () => {
    const fromCli = parseManifest(fs.readFileSync(manifestFile, 'utf8'))
    expect({ ...fromCli, created: '' }).toEqual({ ...manifest, created: '' })
  })
})

describe('restore-links after cp -r', () => {
  it('gives the copy the structure of the original', async () => {
    const copy = cpR('cp-r')
    expect(samefileGroups(copy)).not.toEqual(samefileGroups(fx.src)) // cp -r lost the groups
    const { summary, records } = await restoreLinks(manifest, copy)
    expect(summary.counts.failed).toBe(0)
    expect(summary.counts.relink).toBe(3) // one name of the pair, two of the triple
    expect(records.filter((r) => r.action === 'conflict' || r.action === 'differs')).toEqual([])
    expect(samefileGroups(copy)).toEqual(
      samefileGroups(fx.src).filter((g) => g.length > 1 && !g.includes('media/shared-inside.bin')),
    )
    expect(structure(copy).links).toEqual(structure(fx.src).links)
    // grouping is compared inside the two roots: the name whose other name is outside SRC is alone in both
    const cmp = await compareTrees(fx.src, copy)
    expect(cmp.summary.groupingDiffers).toBe(0)
    expect(cmp.records.filter((r) => r.state !== 'same-content')).toEqual([])
  })

  it('is idempotent: a second run finds everything as recorded', async () => {
    const copy = cpR('twice')
    await restoreLinks(manifest, copy)
    const before = treeHash(copy)
    const { summary } = await restoreLinks(manifest, copy)
    expect(summary.counts.ok).toBe(manifest.links.length + manifest.groups.reduce((n, g) => n + g.paths.length, 0))
    expect(treeHash(copy)).toBe(before)
  })

  it('a dry run reports the same actions and changes nothing', async () => {
    const copy = cpR('dry')
    const before = treeHash(copy)
    const dry = await restoreLinks(manifest, copy, { dryRun: true })
    expect(treeHash(copy)).toBe(before)
    const real = await restoreLinks(manifest, copy)
    expect(dry.records).toEqual(real.records)
  })

  it('creates missing links and names, rebasing absolute links into ROOT', async () => {
    const copy = cpR('missing')
    for (const rel of ['abs-in-dir', 'rel-in', 'docs/deep/report-deep.txt']) fs.rmSync(path.join(copy, rel))
    const { records } = await restoreLinks(manifest, copy)
    const byPath = Object.fromEntries(records.map((r) => [r.path, r.action]))
    expect(byPath).toMatchObject({
      'abs-in-dir': 'create-symlink',
      'rel-in': 'create-symlink',
      'docs/deep/report-deep.txt': 'create-hardlink',
    })
    expect(fs.readlinkSync(path.join(copy, 'abs-in-dir'))).toBe(path.join(copy, 'docs'))
    expect(fs.readlinkSync(path.join(copy, 'rel-in'))).toBe('plain.txt')
    expect(fs.lstatSync(path.join(copy, 'docs/deep/report-deep.txt')).ino).toBe(
      fs.lstatSync(path.join(copy, 'docs/report.txt')).ino,
    )
  })

  it('reports what differs and leaves it as it is', async () => {
    const copy = cpR('differs')
    fs.writeFileSync(path.join(copy, 'report-hard.txt'), 'edited since\n') // a group member with other bytes
    fs.rmSync(path.join(copy, 'rel-in'))
    fs.writeFileSync(path.join(copy, 'rel-in'), 'a file where a link was')
    fs.rmSync(path.join(copy, 'loop-a'))
    fs.symlinkSync('elsewhere', path.join(copy, 'loop-a'))
    fs.rmSync(path.join(copy, 'abs-out'))
    fs.mkdirSync(path.join(copy, 'abs-out')) // how some restores bring junctions back
    const keep = ['report-hard.txt', 'rel-in', 'loop-a', 'abs-out'].map((r) => [
      r,
      fs.lstatSync(path.join(copy, r)).ino,
    ])
    const { records } = await restoreLinks(manifest, copy)
    const byPath = Object.fromEntries(records.map((r) => [r.path, r.action]))
    expect(byPath).toMatchObject({
      'report-hard.txt': 'differs',
      'rel-in': 'conflict',
      'loop-a': 'conflict',
      'abs-out': 'conflict',
    })
    for (const [r, ino] of keep) expect(fs.lstatSync(path.join(copy, r as string)).ino, r as string).toBe(ino)
    expect(fs.readFileSync(path.join(copy, 'report-hard.txt'), 'utf8')).toBe('edited since\n')
    // the rest of that group was still joined
    expect(fs.lstatSync(path.join(copy, 'docs/deep/report-deep.txt')).ino).toBe(
      fs.lstatSync(path.join(copy, 'docs/report.txt')).ino,
    )
  })
})

describe('untrusted manifests', () => {
  const good = (): Record<string, unknown> => JSON.parse(JSON.stringify(manifest))
  const bad: [string, () => string][] = [
    ['not JSON', () => '{"format":'],
    ['another format', () => JSON.stringify({ ...good(), format: 'other' })],
    ['a newer version', () => JSON.stringify({ ...good(), version: 2 })],
    [
      'a path with ..',
      () => JSON.stringify({ ...good(), links: [{ path: '../escape', kind: 'symlink', target: 'x' }] }),
    ],
    [
      'an absolute path',
      () => JSON.stringify({ ...good(), links: [{ path: '/tmp/escape', kind: 'symlink', target: 'x' }] }),
    ],
    ['a path twice', () => JSON.stringify({ ...good(), links: [...manifest.links, manifest.links[0]] })],
    [
      'a group of one',
      () => JSON.stringify({ ...good(), groups: [{ paths: ['a'], links: 2, size: 1, sha256: '0'.repeat(64) }] }),
    ],
    [
      'a bad hash',
      () => JSON.stringify({ ...good(), groups: [{ paths: ['a', 'b'], links: 2, size: 1, sha256: 'xyz' }] }),
    ],
  ]
  for (const [name, text] of bad) {
    it(`${name}: INVALID_ARGUMENT`, () => {
      expect(codeOf(() => parseManifest(text()))).toBe('INVALID_ARGUMENT')
    })
  }

  it('the CLI refuses a bad manifest with exit 1 and the tree unchanged', () => {
    const copy = cpR('bad-cli')
    const file = path.join(fx.top, 'bad.json')
    fs.writeFileSync(file, JSON.stringify({ ...good(), version: 7 }))
    const before = treeHash(copy)
    const r = spawnSync(process.execPath, [CLI, 'restore-links', file, copy, '--json'], { encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout.trim()).error.code).toBe('INVALID_ARGUMENT')
    expect(treeHash(copy)).toBe(before)
  })

  it('never acts through a folder link: a path via a link to outside ROOT is a conflict, outside unchanged', async () => {
    const root = makeTempDir('linkscope-restore-attack-')
    const victim = makeTempDir('linkscope-restore-victim-')
    fs.writeFileSync(path.join(victim, 'keep.txt'), 'victim')
    fs.symlinkSync(victim, path.join(root, 'via'))
    fs.writeFileSync(path.join(root, 'a.txt'), 'same')
    fs.writeFileSync(path.join(root, 'b.txt'), 'same')
    const sha = (await buildManifest(root)).manifest // for the shape only
    const evil = parseManifest(
      JSON.stringify({
        ...sha,
        links: [{ path: 'via/planted', kind: 'symlink', target: '/etc/shadow' }],
        groups: [
          {
            paths: ['a.txt', 'via/keep.txt', 'via/new.txt'],
            links: 3,
            size: 4,
            sha256: execFileSync('sha256sum', [path.join(root, 'a.txt')], { encoding: 'utf8' }).slice(0, 64),
          },
        ],
      }),
    )
    const before = treeHash(victim)
    const { records } = await restoreLinks(evil, root)
    expect(records.filter((r) => r.path.startsWith('via/')).map((r) => r.action)).toEqual([
      'conflict',
      'conflict',
      'conflict',
    ])
    expect(treeHash(victim)).toBe(before)
    fs.rmSync(root, { recursive: true })
    fs.rmSync(victim, { recursive: true })
  })
})

describe('linkscope restore-links', () => {
  it('--json: one record per path then a summary; text: escaped names', () => {
    const copy = cpR('cli')
    const j = spawnSync(process.execPath, [CLI, 'restore-links', manifestFile, copy, '--json', '--dry-run'], {
      encoding: 'utf8',
    })
    expect(j.status, j.stderr).toBe(0)
    const lines = j.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.pop().summary).toMatchObject({ root: copy, dryRun: true })
    expect(lines.filter((l) => l.action === 'relink')).toHaveLength(3)
    const t = spawnSync(process.execPath, [CLI, 'restore-links', manifestFile, copy], { encoding: 'utf8' })
    expect(t.status, t.stderr).toBe(0)
    expect(t.stdout).toContain('media/new\\nline.txt')
    expect(t.stdout).toMatch(/3 relink/)
  })
})
