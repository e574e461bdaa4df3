import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runAsOtherUser } from '../../helpers/as-user'
import { otherUserStage } from '../../helpers/as-user-vitest'
import { CLI } from '../../helpers/built'
import { buildLinkTree, makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'
import { findBroken, sorted, statIdLinks } from './scan-helpers'

type Line = Record<string, unknown>
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' })
  const lines = r.stdout.split('\n').filter(Boolean)
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines }
}
const json = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line)
const otherUser = otherUserStage()

let top: string
let root: string
let outside: string
beforeAll(() => {
  top = makeTempDir('linkscope-scancli-')
  fs.chmodSync(top, 0o755)
  root = path.join(top, 'tree')
  fs.mkdirSync(root)
  buildLinkTree(root)
  outside = path.join(top, 'outside-name.txt')
  fs.linkSync(path.join(root, 'docs', 'report.txt'), outside) // 4 names, 3 under the root
})
afterAll(() => {
  fs.chmodSync(path.join(root, 'locked'), 0o755)
  fs.rmSync(top, { recursive: true, force: true })
})

describe('linkscope scan', () => {
  it('--json prints the broken links find knows (plus loops) as LinkEntry + reason, then the groups stat knows', () => {
    const before = treeHash(root)
    const r = cli('scan', root, '--json')
    expect(r.status).toBe(0)
    const lines = json(r.lines)
    // the last line sums the scan up
    const { summary } = lines.pop() as { summary: Record<string, number> }
    expect(Object.keys(summary)).toEqual([
      'entries',
      'folders',
      'broken',
      'groups',
      'errors',
      'deniedLinks',
      'mountsSkipped',
      'apparentBytes',
      'uniqueBytes',
      'onlyHereBytes',
      'ms',
    ])
    expect(summary).toMatchObject({ broken: 6, groups: 1, mountsSkipped: 0 })
    expect(summary.folders).toBe(
      Number(
        spawnSync('find', [root, '-type', 'd', '-readable', '-executable'], { encoding: 'utf8' })
          .stdout.trim()
          .split('\n').length,
      ),
    )
    expect(summary.entries).toBeGreaterThan(summary.folders as number)
    expect(summary.errors).toBe(r.stderr.split('\n').filter((l) => l.startsWith('linkscope: warning:')).length)
    const broken = lines.filter((l) => 'reason' in l)
    const groups = lines.filter((l) => 'paths' in l)
    expect(broken.length + groups.length).toBe(lines.length)
    const f = findBroken(root)
    expect(sorted(broken.filter((b) => b.status === 'broken').map((b) => b.path as string))).toEqual(f.dangling)
    expect(sorted(broken.filter((b) => b.status === 'loop').map((b) => b.path as string))).toEqual(f.loops)
    expect(sorted(broken.map((b) => b.name as string))).toEqual(
      sorted(['dangling', 'chain-to-broken', 'loop-a', 'loop-b', 'self', 'through-file']),
    )
    for (const b of broken)
      expect(Object.keys(b)).toEqual(
        expect.arrayContaining(['path', 'name', 'kind', 'links', 'id', 'target', 'status', 'reason']),
      )
    // groups: exactly {"id","links","paths"}, ids and counts as stat says; the outside name shows in links only
    expect(groups.length).toBe(1)
    const g = groups[0] as { id: string; links: number; paths: string[] }
    expect(Object.keys(g)).toEqual(['id', 'links', 'paths'])
    expect(g.paths).toEqual(
      sorted(
        ['docs/report.txt', 'report-hardlink.txt', 'other/deep/report-copy-name.txt'].map((p) => path.join(root, p)),
      ),
    )
    expect(g.links).toBe(4)
    for (const p of g.paths) expect(statIdLinks(p)).toEqual({ id: g.id, links: 4 })
    expect(treeHash(root)).toBe(before)
  })

  it('--broken prints only links, --hardlinks only groups', () => {
    const b = json(cli('scan', root, '--broken', '--json').lines)
    expect(b.pop()).toMatchObject({ summary: { broken: 6, groups: 0 } })
    expect(b.length).toBe(6)
    expect(b.every((l) => 'reason' in l)).toBe(true)
    const h = json(cli('scan', root, '--hardlinks', '--json').lines)
    expect(h).toEqual([
      expect.objectContaining({ links: 4 }),
      { summary: expect.objectContaining({ broken: 0, groups: 1 }) },
    ])
  })

  it('prints readable text, names made safe for a terminal, and a summary line', () => {
    const r = cli('scan', root)
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(`loop    ${root}/self -> self  (links loop)`)
    expect(r.stdout).toContain(`broken  ${root}/through-file -> plain.txt/x  (a part of the target path is a file)`)
    expect(r.stdout).toMatch(/hard links \d+:\d+: 4 names, 3 under /)
    expect(r.lines.at(-1)).toMatch(
      /^\d+ entries in \d+ ms: 6 broken link\(s\), 1 hard-link group\(s\), 0 error\(s\); \d+ bytes in files, \d+ counting each file once, \d+ only here$/,
    )
  })

  it('text is sorted and the same on every run; the summary names only what was asked', () => {
    const strip = (out: string): string => out.replace(/ entries in \d+ ms:/, ' entries in N ms:')
    const runs = [cli('scan', root), cli('scan', root), cli('scan', root)].map((r) => strip(r.stdout))
    expect(new Set(runs).size).toBe(1)
    const brokenLines = runs[0]!
      .split('\n')
      .filter((l) => /^(broken|loop) /.test(l))
      .map((l) => l.slice(8))
    expect(brokenLines).toEqual([...brokenLines].sort())
    const onlyBroken = cli('scan', root, '--broken')
    expect(onlyBroken.lines.at(-1)).toMatch(/: 6 broken link\(s\), \d+ error\(s\)$/)
    expect(cli('scan', root, '--hardlinks').lines.at(-1)).toMatch(/: 1 hard-link group\(s\), \d+ error\(s\); /)
  })

  it('escapes a newline in a name in text mode', () => {
    const d = makeTempDir('linkscope-scannl-')
    fs.symlinkSync('x', path.join(d, 'new\nline'))
    const r = cli('scan', d, '--broken')
    expect(r.stdout).toContain(`${d}/new\\nline -> x`)
    fs.rmSync(d, { recursive: true })
  })

  it('fails with exit 1 and a typed error line for a missing root or a file', () => {
    const missing = cli('scan', path.join(top, 'nope'), '--json')
    expect(missing.status).toBe(1)
    expect(JSON.parse(missing.lines.at(-1) as string)).toEqual({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('nope'), path: path.join(top, 'nope') },
    })
    const file = cli('scan', path.join(root, 'plain.txt'), '--json')
    expect(file.status).toBe(1)
    expect(JSON.parse(file.lines.at(-1) as string)).toMatchObject({ error: { code: 'NOT_A_DIRECTORY' } })
  })

  it('exits 2 on usage errors', () => {
    expect(cli('scan').status).toBe(2)
    expect(cli('scan', root, root).status).toBe(2)
    expect(cli('scan', root, '--all').status).toBe(2)
  })

  it('as an unprivileged user: records the folder it may not read, finishes, exits 0', (ctx) => {
    const r = runAsOtherUser(process.execPath, [otherUser(ctx).cli, 'scan', root, '--json'])
    expect(r.status).toBe(0)
    const locked = path.join(root, 'locked')
    expect(r.stderr).toContain(`warning: You do not have permission to do this at ${locked}. (ACCESS_DENIED)`)
    // the link into the locked folder cannot be checked: not called broken, but said on stderr
    expect(r.stderr).toContain('1 link(s) could not be checked')
    const lines = json(r.stdout.split('\n').filter(Boolean))
    expect(sorted(lines.filter((l) => 'reason' in l).map((l) => l.name as string))).toEqual(
      sorted(['dangling', 'chain-to-broken', 'loop-a', 'loop-b', 'self', 'through-file']),
    )
    expect(lines.filter((l) => 'paths' in l).length).toBe(1)
  })
})

describe('linkscope names', () => {
  it('--json prints {"id","links","paths"} for the names under --root', () => {
    const r = cli('names', path.join(root, 'docs', 'report.txt'), '--root', root, '--json')
    expect(r.status).toBe(0)
    const v = JSON.parse(r.lines[0] as string)
    expect(Object.keys(v)).toEqual(['id', 'links', 'paths'])
    expect(v).toEqual({
      ...statIdLinks(path.join(root, 'docs', 'report.txt')),
      paths: sorted(
        ['docs/report.txt', 'report-hardlink.txt', 'other/deep/report-copy-name.txt'].map((p) => path.join(root, p)),
      ),
    })
    expect(v.links).toBe(4)
  })

  it('prints names as text, then a count', () => {
    const r = cli('names', path.join(root, 'report-hardlink.txt'), '--root', top)
    expect(r.status).toBe(0)
    expect(sorted(r.lines.slice(0, -1))).toEqual(
      sorted([
        ...['docs/report.txt', 'report-hardlink.txt', 'other/deep/report-copy-name.txt'].map((p) => path.join(root, p)),
        outside,
      ]),
    )
    expect(r.lines.at(-1)).toMatch(/: 4 name\(s\), 4 found under /)
  })

  it('fails with typed errors (exit 1) and usage errors (exit 2)', () => {
    const dir = cli('names', root, '--json')
    expect(dir.status).toBe(1)
    expect(JSON.parse(dir.lines.at(-1) as string)).toMatchObject({ error: { code: 'IS_DIRECTORY', path: root } })
    const missing = cli('names', path.join(root, 'nope'), '--json')
    expect(JSON.parse(missing.lines.at(-1) as string)).toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect(cli('names').status).toBe(2)
    expect(cli('names', path.join(root, 'plain.txt'), '--root').status).toBe(2)
  })
})

describe('linkscope links-to', () => {
  /** What coreutils say for the same tree: links whose stored target, resolved by path alone (realpath -s -m), or whose fully resolved path (readlink -f) lies in `target`. */
  function coreutilsLinksInto(target: string, under: string): string[] {
    const links = spawnSync('find', [under, '-type', 'l', '-print0'], { encoding: 'utf8' })
      .stdout.split('\0')
      .filter(Boolean)
    const inside = (p: string, dir: string): boolean => p === dir || p.startsWith(dir + '/')
    const real = spawnSync('readlink', ['-f', target], { encoding: 'utf8' }).stdout.trim()
    return links
      .filter((l) => {
        const stored = fs.readlinkSync(l)
        const lexical = spawnSync('realpath', ['-s', '-m', path.resolve(path.dirname(l), stored)], {
          encoding: 'utf8',
        }).stdout.trim()
        const followed = spawnSync('readlink', ['-e', l], { encoding: 'utf8' }).stdout.trim()
        return inside(lexical, target) || (followed !== '' && inside(followed, real))
      })
      .sort()
  }

  it('--json prints a LinkEntry for each link that leads to the file or into the folder: the same links coreutils find', () => {
    const before = treeHash(root)
    // a file (reached as stored, and through a chain) and a folder
    const target = path.join(root, 'plain.txt')
    expect(coreutilsLinksInto(path.join(root, 'docs'), top)).toEqual(
      json(cli('links-to', path.join(root, 'docs'), '--root', top, '--json').lines)
        .map((l) => l.path)
        .sort(),
    )
    const r = cli('links-to', target, '--root', top, '--json')
    expect(r.status).toBe(0)
    const found = json(r.lines)
    const expected = coreutilsLinksInto(target, top)
    expect(expected.length).toBeGreaterThan(2)
    expect(found.map((l) => l.path).sort()).toEqual(expected)
    for (const l of found) expect(l).toMatchObject({ kind: 'symlink', target: fs.readlinkSync(l.path as string) })
    expect(treeHash(root)).toBe(before)
  })

  it('prints "path -> target" lines, then a count; typed errors exit 1, usage errors 2', () => {
    const target = path.join(root, 'docs')
    const r = cli('links-to', target, '--root', top)
    expect(r.status).toBe(0)
    expect(r.lines.at(-1)).toMatch(new RegExp(`^${coreutilsLinksInto(target, top).length} link\\(s\\) lead to `))
    const missing = cli('links-to', path.join(root, 'nope'), '--json')
    expect(missing.status).toBe(1)
    expect(JSON.parse(missing.lines.at(-1) as string)).toMatchObject({ error: { code: 'NOT_FOUND' } })
    expect(cli('links-to').status).toBe(2)
  })
})
