import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { AppError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import { giveToOtherUser, runAsOtherUser } from '../../helpers/as-user'
import { otherUserStage } from '../../helpers/as-user-vitest'
import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeLines } from '../../helpers/tree-hash'

let root: string
const p = (...parts: string[]): string => path.join(root, ...parts)
const cli = (args: string[], cwd = root) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd })
const lines = (s: string): unknown[] =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
const errorLine = (stdout: string): { error: AppError } => lines(stdout).at(-1) as { error: AppError }
const otherUser = otherUserStage()

beforeEach(() => {
  root = makeTempDir('linkscope-cli-')
  fs.chmodSync(root, 0o755)
  fs.writeFileSync(p('a.txt'), 'alpha\n')
  fs.mkdirSync(p('docs'))
  fs.mkdirSync(p('sub'))
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

describe('linkscope link', () => {
  it('--hard --json prints the created LinkEntry as one JSON line and exits 0', () => {
    const r = cli(['link', '--hard', p('a.txt'), p('sub', 'a.txt'), '--json'])
    expect(r.status).toBe(0)
    const out = lines(r.stdout) as LinkEntry[]
    expect(out).toHaveLength(1)
    const st = fs.statSync(p('a.txt'))
    expect(out[0]).toMatchObject({ path: p('sub', 'a.txt'), kind: 'file', links: 2, id: `${st.dev}:${st.ino}` })
  })

  it('--symbolic --relative takes paths relative to the working folder and stores the target relative to the link', () => {
    const r = cli(['link', '--symbolic', '--relative', 'a.txt', 'sub/rel', '--json'])
    expect(r.status).toBe(0)
    expect(fs.readlinkSync(p('sub', 'rel'))).toBe('../a.txt')
    expect(lines(r.stdout)[0]).toMatchObject({ path: p('sub', 'rel'), target: '../a.txt', status: 'ok' })
    expect(cli(['link', '--symbolic', 'docs', 'sub/abs']).status).toBe(0)
    expect(fs.readlinkSync(p('sub', 'abs'))).toBe(p('docs'))
  })

  it('prints a text line without --json', () => {
    const hard = cli(['link', '--hard', 'a.txt', 'b.txt'])
    expect(hard.status).toBe(0)
    expect(hard.stdout).toBe(`created hard link ${p('b.txt')} (the file now has 2 names)\n`)
    const sym = cli(['link', '--symbolic', 'missing', 'dangling'])
    expect(sym.stdout).toBe(`created symlink ${p('dangling')} -> ${p('missing')} [broken]\n`)
  })

  it('exits 1 on a refusal; with --json the last line is {"error":{code,message,path}}', () => {
    const before = treeLines(root)
    const r = cli(['link', '--hard', 'docs', 'sub/docs', '--json'])
    expect(r.status).toBe(1)
    const last = errorLine(r.stdout)
    expect(Object.keys(last)).toEqual(['error'])
    expect(Object.keys(last.error).sort()).toEqual(['code', 'message', 'path'])
    expect(last.error).toMatchObject({ code: 'IS_DIRECTORY', path: p('docs') })
    expect(r.stderr).toContain('IS_DIRECTORY')
    const taken = cli(['link', '--symbolic', 'a.txt', 'docs', '--json'])
    expect(taken.status).toBe(1)
    expect(errorLine(taken.stdout).error).toMatchObject({ code: 'ALREADY_EXISTS', path: p('docs') })
    const junction = cli(['link', '--junction', 'docs', 'j', '--json'])
    expect(junction.status).toBe(1)
    expect(errorLine(junction.stdout).error.code).toBe('UNSUPPORTED_ON_PLATFORM')
    const quiet = cli(['link', '--hard', 'nope', 'x'])
    expect(quiet.status).toBe(1)
    expect(quiet.stdout).toBe('')
    expect(quiet.stderr).toContain(`${p('nope')}`)
    expect(treeLines(root)).toEqual(before)
  })

  it('exits 2 on usage errors, touching nothing', () => {
    const before = treeLines(root)
    for (const args of [
      ['a.txt', 'x'], // no kind flag
      ['--hard', '--symbolic', 'a.txt', 'x'], // two kind flags
      ['--hard', '--relative', 'a.txt', 'x'], // --relative without --symbolic
      ['--junction', '--relative', 'docs', 'x'],
      ['--hard', 'a.txt'], // wrong argument count
      ['--symbolic', 'a.txt', 'x', 'y'],
      ['--hard', '--bogus', 'a.txt', 'x'],
    ]) {
      const r = cli(['link', ...args, '--json'])
      expect(r.status, args.join(' ')).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).toContain('usage: linkscope link --hard|--symbolic [--relative]|--junction TARGET LINK [--json]')
    }
    expect(treeLines(root)).toEqual(before)
  })

  it('as an unprivileged user, a root-owned 0755 folder gives ACCESS_DENIED in the error line and exit 1', (ctx) => {
    const { cli: otherCli } = otherUser(ctx)
    fs.mkdirSync(p('mine'))
    fs.writeFileSync(p('mine', 'own.txt'), "nobody's\n")
    giveToOtherUser(p('mine'), p('mine', 'own.txt'))
    fs.mkdirSync(p('locked'), { mode: 0o755 })
    const before = treeLines(root)
    const r = runAsOtherUser(process.execPath, [
      otherCli,
      'link',
      '--hard',
      p('mine', 'own.txt'),
      p('locked', 'own.txt'),
      '--json',
    ])
    expect(r.status).toBe(1)
    expect(errorLine(r.stdout).error).toMatchObject({ code: 'ACCESS_DENIED', path: p('locked', 'own.txt') })
    expect(r.stderr).toMatch(/permission/)
    expect(treeLines(root)).toEqual(before)
    // the same link where nobody may write works
    const ok = runAsOtherUser(process.execPath, [
      otherCli,
      'link',
      '--hard',
      p('mine', 'own.txt'),
      p('mine', 'again.txt'),
      '--json',
    ])
    expect(ok.status).toBe(0)
  })
})

describe('linkscope rm-link', () => {
  it('prints {"removed"} for a symbolic link and leaves its target', () => {
    fs.symlinkSync('docs', p('docs-link'))
    fs.writeFileSync(p('docs', 'keep.txt'), 'keep\n')
    const docs = treeLines(p('docs'))
    const r = cli(['rm-link', 'docs-link', '--json'])
    expect(r.status).toBe(0)
    const out = lines(r.stdout) as { removed: LinkEntry }[]
    expect(out).toHaveLength(1)
    expect(Object.keys(out[0] as object)).toEqual(['removed'])
    expect(out[0]?.removed).toMatchObject({ path: p('docs-link'), kind: 'symlink', target: 'docs' })
    expect(treeLines(p('docs'))).toEqual(docs)
  })

  it('prints {"removed","remainingNames"} for one name of a hard-linked file', () => {
    fs.linkSync(p('a.txt'), p('sub', 'a2.txt'))
    const r = cli(['rm-link', p('sub', 'a2.txt'), '--json'])
    expect(r.status).toBe(0)
    const out = lines(r.stdout)[0] as { removed: LinkEntry; remainingNames: number }
    expect(Object.keys(out)).toEqual(['removed', 'remainingNames'])
    expect(out).toMatchObject({ removed: { path: p('sub', 'a2.txt'), links: 2 }, remainingNames: 1 })
    expect(fs.readFileSync(p('a.txt'), 'utf8')).toBe('alpha\n')
    fs.linkSync(p('a.txt'), p('a3.txt'))
    expect(cli(['rm-link', 'a3.txt']).stdout).toBe(
      `removed one name ${p('a3.txt')}; the file keeps 1 other name, e.g. ${p('a.txt')}\n`,
    )
  })

  it('exits 1 with the error line for the last name and for a folder; 2 on usage errors', () => {
    const before = treeLines(root)
    const last = cli(['rm-link', 'a.txt', '--json'])
    expect(last.status).toBe(1)
    expect(errorLine(last.stdout).error).toMatchObject({ code: 'LAST_NAME', path: p('a.txt') })
    const folder = cli(['rm-link', 'docs', '--json'])
    expect(folder.status).toBe(1)
    expect(errorLine(folder.stdout).error).toMatchObject({ code: 'NOT_A_LINK', path: p('docs') })
    expect(cli(['rm-link']).status).toBe(2)
    expect(cli(['rm-link', 'a', 'b']).status).toBe(2)
    expect(cli(['rm-link', 'a.txt', '--force']).status).toBe(2)
    expect(treeLines(root)).toEqual(before)
  })

  it('as an unprivileged user, a link in a root-owned folder gives ACCESS_DENIED and stays', (ctx) => {
    const { cli: otherCli } = otherUser(ctx)
    fs.symlinkSync('a.txt', p('sub', 'l'))
    const before = treeLines(root)
    const r = runAsOtherUser(process.execPath, [otherCli, 'rm-link', p('sub', 'l'), '--json'])
    expect(r.status).toBe(1)
    expect(errorLine(r.stdout).error).toMatchObject({ code: 'ACCESS_DENIED', path: p('sub', 'l') })
    expect(treeLines(root)).toEqual(before)
  })
})
