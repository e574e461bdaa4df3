/**
 * copyTree and `linkscope copy` on a real tree (tree-fixture.ts): the copy compares equal everywhere, its
 * hard-link groups are those GNU find sees in SRC, links are kept or rebased as documented, modes and times
 * are kept; bad inputs are typed errors that leave both trees as they were; a cancel leaves no DST; a
 * hard-link clone shares SRC's files and is refused across devices (/dev/shm).
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { compareTrees, type CopyResult, copyTree } from '../../../electron/engine/tree'
import { LinkError } from '../../../shared/errors'
import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'
import { buildTreeFixture, type Fixture, NEWLINE_NAME, OLD_TIME, relPaths, samefileGroups } from './tree-fixture'

let fx: Fixture
let dst: string
let result: CopyResult
beforeAll(async () => {
  fx = buildTreeFixture()
  dst = path.join(fx.top, 'copy')
  result = await copyTree(fx.src, dst)
})
afterAll(() => fs.rmSync(fx.top, { recursive: true, force: true }))

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
  } catch (e) {
    return e instanceof LinkError ? e.code : `not a LinkError: ${String(e)}`
  }
  return 'no error'
}

describe('copyTree', () => {
  it('makes a tree that compares same-content everywhere, grouped as SRC is', async () => {
    const { summary, records } = await compareTrees(fx.src, dst)
    const notEqual = records.filter((r) => r.state !== 'same-content' && !(r.path === 'pipe' && r.state === 'only-a'))
    expect(notEqual).toEqual([])
    expect(summary.groupingDiffers).toBe(0)
    expect(summary.states['same-content'].count).toBeGreaterThan(15)
  })

  it('keeps hard-link groups inside SRC as find -samefile sees them', () => {
    // SRC's groups within SRC, less the group whose other name is outside (it has one name inside)
    const inSrc = samefileGroups(fx.src).filter((g) => g.length > 1)
    expect(samefileGroups(dst)).toEqual(inSrc)
    expect(inSrc.map((g) => g.length).sort()).toEqual([2, 3])
    expect(inSrc.flat()).toContain(`media/${NEWLINE_NAME}`)
  })

  it('copies each group once and reports the names outside SRC', () => {
    expect(result.summary.hardLinks).toBe(3)
    expect(result.notes).toContainEqual({
      kind: 'outside-names',
      path: 'media/shared-inside.bin',
      paths: ['media/shared-inside.bin'],
      links: 2,
    })
    expect(fs.lstatSync(path.join(dst, 'media', 'shared-inside.bin')).nlink).toBe(1)
  })

  it('keeps relative link text, rebases absolute links into SRC, keeps and reports the others', () => {
    const link = (rel: string): string => fs.readlinkSync(path.join(dst, rel))
    expect(link('rel-in')).toBe('plain.txt')
    expect(link('rel-out')).toBe('../outside/target.txt')
    expect(link('abs-in-dir')).toBe(path.join(dst, 'docs'))
    expect(link('media/abs-in-file')).toBe(path.join(dst, 'docs', 'report.txt'))
    expect(link('abs-out')).toBe(path.join(fx.outside, 'target.txt'))
    expect(link('loop-a')).toBe('loop-b')
    expect(link('self')).toBe('self')
    expect(link('docs/dot')).toBe('.')
    const kinds = result.notes.map((n) => `${n.kind} ${n.path}`).sort()
    expect(kinds).toEqual([
      'absolute-outside abs-out',
      'outside-names media/shared-inside.bin',
      'rebased abs-in-dir',
      'rebased media/abs-in-file',
      'relative-outside rel-out',
      'special-skipped pipe',
    ])
    expect(result.summary.rebased).toBe(2)
  })

  it('keeps modes and times of files, folders and links', () => {
    for (const rel of ['plain.txt', 'docs/deep', 'rel-in']) {
      const a = fs.lstatSync(path.join(fx.src, rel))
      const b = fs.lstatSync(path.join(dst, rel))
      expect(b.mode, rel).toBe(a.mode)
      expect(b.mtime.toISOString(), rel).toBe(OLD_TIME.toISOString())
    }
    for (const rel of relPaths(fx.src).filter((r) => r !== 'pipe')) {
      const a = fs.lstatSync(path.join(fx.src, rel))
      const b = fs.lstatSync(path.join(dst, rel))
      expect(b.mode, rel).toBe(a.mode)
      expect(Math.abs(b.mtimeMs - a.mtimeMs), rel).toBeLessThan(0.001)
    }
  })

  it('reports progress in files and bytes, ending at the totals', async () => {
    const seen: { files: number; bytes: number; totalBytes: number }[] = []
    const to = path.join(fx.top, 'progress-copy')
    await copyTree(fx.src, to, { onProgress: (p) => seen.push(p) })
    const last = seen[seen.length - 1]
    expect(last?.bytes).toBe(last?.totalBytes)
    expect(last?.totalBytes).toBeGreaterThan(3 << 20)
    fs.rmSync(to, { recursive: true })
  })
})

describe('copyTree refuses bad inputs with typed errors and changes nothing', () => {
  const cases: [string, () => string, () => string, string][] = [
    [
      'DST exists as an empty folder',
      () => fx.src,
      () => {
        const d = path.join(fx.top, 'empty-dst')
        fs.mkdirSync(d, { recursive: true })
        return d
      },
      'ALREADY_EXISTS',
    ],
    ['DST exists as a file', () => fx.src, () => path.join(fx.outside, 'target.txt'), 'ALREADY_EXISTS'],
    ['DST is a dangling link', () => fx.src, () => path.join(fx.src, 'dangling'), 'ALREADY_EXISTS'],
    ['DST inside SRC', () => fx.src, () => path.join(fx.src, 'docs', 'new-copy'), 'INVALID_ARGUMENT'],
    [
      'DST inside SRC through a link',
      () => fx.src,
      () => path.join(fx.src, 'abs-in-dir', 'new-copy'),
      'INVALID_ARGUMENT',
    ],
    ["DST's parent missing", () => fx.src, () => path.join(fx.top, 'no', 'such', 'dst'), 'NOT_FOUND'],
    ['SRC missing', () => path.join(fx.top, 'nothing-here'), () => path.join(fx.top, 'x1'), 'NOT_FOUND'],
    ['SRC a file', () => path.join(fx.src, 'plain.txt'), () => path.join(fx.top, 'x2'), 'NOT_A_DIRECTORY'],
    [
      'SRC a link to a folder',
      () => path.join(fx.src, 'abs-in-dir'),
      () => path.join(fx.top, 'x3'),
      'INVALID_ARGUMENT',
    ],
  ]
  for (const [name, srcOf, dstOf, code] of cases) {
    it(name, async () => {
      const s = srcOf()
      const d = dstOf()
      const before = treeHash(fx.top)
      expect(await codeOf(copyTree(s, d))).toBe(code)
      expect(treeHash(fx.top)).toBe(before)
    })
  }
})

describe('cancel', () => {
  it('removes the partial copy and leaves SRC as it was', async () => {
    const src = makeTempDir('linkscope-tree-cancel-')
    for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(src, `f${i}`), Buffer.alloc(10_000, i))
    const before = treeHash(src)
    const dstDir = makeTempDir('linkscope-tree-cancel-dst-')
    const d = path.join(dstDir, 'copy')
    const controller = new AbortController()
    let files = 0
    // Cancelled at the first progress report, after the first file was copied: DST existed then.
    const code = await codeOf(
      copyTree(src, d, {
        signal: controller.signal,
        onProgress: (p) => {
          files = p.files
          controller.abort()
        },
      }),
    )
    expect(code).toBe('CANCELLED')
    expect(files).toBeGreaterThan(0)
    expect(fs.existsSync(d)).toBe(false)
    expect(fs.readdirSync(dstDir)).toEqual([])
    expect(treeHash(src)).toBe(before)
    fs.rmSync(src, { recursive: true })
    fs.rmSync(dstDir, { recursive: true })
  })
})

describe('--hardlink-clone', () => {
  it('makes folders whose files are hard links to SRC, links kept as in a copy', async () => {
    const d = path.join(fx.top, 'clone')
    const before = treeHash(fx.src)
    const r = await copyTree(fx.src, d, { hardlinkClone: true })
    expect(r.summary.mode).toBe('hardlink-clone')
    const { summary } = await compareTrees(fx.src, d)
    const files = relPaths(fx.src).filter((rel) => fs.lstatSync(path.join(fx.src, rel)).isFile())
    expect(summary.states['same-file'].count).toBe(files.length)
    expect(summary.bytesRead).toBe(0) // ids alone told
    expect(summary.states.differs.count + summary.states['link-differs'].count).toBe(0)
    expect(fs.lstatSync(path.join(d, 'plain.txt')).ino).toBe(fs.lstatSync(path.join(fx.src, 'plain.txt')).ino)
    expect(fs.readlinkSync(path.join(d, 'abs-in-dir'))).toBe(path.join(d, 'docs'))
    // SRC's files gained names, nothing else changed: contents and link texts are as they were
    expect(treeHash(fx.src)).not.toBe(before)
    fs.rmSync(d, { recursive: true })
    expect(treeHash(fx.src)).toBe(before)
  })

  it('is refused across devices (/dev/shm) with CROSS_DEVICE, making nothing there', async () => {
    const shm = makeTempDir('linkscope-tree-shm-', '/dev/shm')
    expect(fs.statSync(shm).dev).not.toBe(fs.statSync(fx.src).dev)
    const before = treeHash(fx.src)
    expect(await codeOf(copyTree(fx.src, path.join(shm, 'clone'), { hardlinkClone: true }))).toBe('CROSS_DEVICE')
    expect(fs.readdirSync(shm)).toEqual([])
    expect(treeHash(fx.src)).toBe(before)
    // a plain copy across devices is fine, and compares equal
    await copyTree(fx.src, path.join(shm, 'copy'))
    const { summary } = await compareTrees(fx.src, path.join(shm, 'copy'))
    expect(summary.sameDevice).toBe(false)
    expect(summary.states.differs.count + summary.states['link-differs'].count + summary.groupingDiffers).toBe(0)
    fs.rmSync(shm, { recursive: true })
  })
})

describe('linkscope copy', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' })

  it('--json prints the notes then a summary', () => {
    const d = path.join(fx.top, 'cli-copy')
    const r = run('copy', fx.src, d, '--json')
    expect(r.status, r.stderr).toBe(0)
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    const last = lines.pop()
    expect(last.summary).toMatchObject({ src: fx.src, dst: d, mode: 'copy', hardLinks: 3, rebased: 2, notes: 6 })
    expect(lines.map((l) => l.kind).sort()).toEqual([
      'absolute-outside',
      'outside-names',
      'rebased',
      'rebased',
      'relative-outside',
      'special-skipped',
    ])
  })

  it('text output escapes control characters in names', () => {
    const src = makeTempDir('linkscope-tree-esc-')
    fs.symlinkSync('/etc/\u001b[31mred', path.join(src, 'evil\nname'))
    const r = run('copy', src, path.join(src + '-copy'))
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('evil\\nname -> /etc/\\x1B[31mred')
    expect(r.stdout).not.toContain('\u001b')
    fs.rmSync(src, { recursive: true })
    fs.rmSync(src + '-copy', { recursive: true })
  })

  it('an existing DST: exit 1, ALREADY_EXISTS as the last JSON line, nothing changed', () => {
    const before = treeHash(fx.top)
    const r = run('copy', fx.src, fx.outside, '--json')
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout.trim().split('\n').pop() as string).error.code).toBe('ALREADY_EXISTS')
    expect(treeHash(fx.top)).toBe(before)
  })

  it('a clone across devices: exit 1, CROSS_DEVICE', () => {
    const r = run('copy', fx.src, '/dev/shm/linkscope-never-made', '--hardlink-clone')
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('(CROSS_DEVICE)')
    expect(fs.existsSync('/dev/shm/linkscope-never-made')).toBe(false)
  })
})
