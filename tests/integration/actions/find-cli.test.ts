// linkscope find: the same search as the Find view, from the command line, against find(1).
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.split('\n').filter(Boolean) }
}
const findOf = (...args: string[]): string[] =>
  spawnSync('find', args, { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort()

let root: string
beforeAll(() => {
  root = makeTempDir('linkscope-findcli-')
  for (const d of ['a/b/c', 'docs', 'Docs2']) fs.mkdirSync(path.join(root, d), { recursive: true })
  for (const f of ['a/x.txt', 'a/b/y.TXT', 'a/b/c/z.txt', 'docs/readme.md', 'top.txt', 'a/b/c/notes.txt.bak'])
    fs.writeFileSync(path.join(root, f), '')
  fs.symlinkSync('top.txt', path.join(root, 'top-link.txt'))
  fs.symlinkSync('a', path.join(root, 'dir-link')) // never followed
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('linkscope find', () => {
  it('lists what find -name lists, for a name pattern and with -iname', () => {
    const plain = cli('find', root, '*.txt')
    expect(plain.status).toBe(0)
    const paths = plain.lines
      .slice(0, -1)
      .map((l) => l.split(' -> ')[0]!)
      .sort()
    expect(paths).toEqual(findOf(root, '-mindepth', '1', '-name', '*.txt'))
    expect(plain.lines.at(-1)).toMatch(/^4 found among \d+ entries under /)
    expect(plain.lines).toContain(`${path.join(root, 'top-link.txt')} -> top.txt`)
    const caseless = cli('find', root, '*.txt', '--ignore-case')
      .lines.slice(0, -1)
      .map((l) => l.split(' -> ')[0]!)
      .sort()
    expect(caseless).toEqual(findOf(root, '-mindepth', '1', '-iname', '*.txt'))
  })

  it('--json: one LinkEntry a line, then a summary record; a path pattern with ** spans folders', () => {
    const r = cli('find', root, 'a/**/*.txt', '--json')
    const records = r.lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    const summary = records.pop()
    expect(records.map((e) => e.path).sort()).toEqual([
      path.join(root, 'a', 'b', 'c', 'z.txt'),
      path.join(root, 'a', 'x.txt'),
    ])
    expect(records.every((e) => e.kind === 'file' && typeof e.id === 'string')).toBe(true)
    expect(summary).toMatchObject({
      type: 'summary',
      found: 2,
      truncated: false,
      cancelled: false,
      pattern: 'a/**/*.txt',
    })
  })

  it('refuses a wrong call with its usage, and an empty pattern or missing root with a typed error', () => {
    expect(cli('find', root).status).not.toBe(0)
    const empty = cli('find', root, '', '--json')
    expect(empty.status).not.toBe(0)
    expect(empty.stdout + empty.stderr).toContain('INVALID_ARGUMENT')
    const missing = cli('find', path.join(root, 'nope'), '*', '--json')
    expect(missing.stdout + missing.stderr).toContain('NOT_FOUND')
  })
})
