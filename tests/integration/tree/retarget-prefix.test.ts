/**
 * retargetPrefix / `linkscope retarget-prefix` (issue 16): links into OLD (whole components, by stored
 * text or, for relative links, by where they lead) are pointed at NEW, keeping their style unless told;
 * a dry run changes nothing; the batch undoes to the exact previous texts; bad input is a typed error.
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { retargetPrefix, undoPrefixBatch } from '../../../electron/engine/tree'
import { LinkError } from '../../../shared/errors'
import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'

let top: string
let root: string
let oldDir: string
let newDir: string
const texts = (): Record<string, string> =>
  Object.fromEntries(
    fs
      .readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((r) => fs.lstatSync(path.join(root, r)).isSymbolicLink())
      .sort()
      .map((r) => [r, fs.readlinkSync(path.join(root, r))]),
  )

beforeEach(() => {
  top = makeTempDir('linkscope-prefix-')
  root = path.join(top, 'root')
  oldDir = path.join(top, 'old')
  newDir = path.join(top, 'new')
  for (const d of [oldDir, newDir]) {
    fs.mkdirSync(path.join(d, 'sub'), { recursive: true })
    fs.writeFileSync(path.join(d, 'sub', 'a.txt'), 'a')
  }
  fs.mkdirSync(path.join(top, 'oldish'))
  fs.mkdirSync(path.join(root, 'deep'), { recursive: true })
  fs.symlinkSync(path.join(oldDir, 'sub', 'a.txt'), path.join(root, 'abs'))
  fs.symlinkSync(oldDir, path.join(root, 'abs-root'))
  fs.symlinkSync('../../old/sub/a.txt', path.join(root, 'deep', 'rel'))
  fs.symlinkSync(path.join(oldDir, 'sub', 'gone.txt'), path.join(root, 'new\nline ✓'))
  fs.symlinkSync(path.join(top, 'oldish'), path.join(root, 'not-a-component'))
  fs.symlinkSync('../elsewhere', path.join(root, 'elsewhere'))
})
afterEach(() => fs.rmSync(top, { recursive: true, force: true }))

describe('retargetPrefix', () => {
  it('points links into OLD at NEW, keeping absolute absolute and relative relative', async () => {
    const { summary, records } = await retargetPrefix(root, oldDir, newDir)
    expect(summary).toMatchObject({ links: 6, matched: 4, retargeted: 4, failed: 0, unresolved: 1 })
    expect(texts()).toEqual({
      abs: path.join(newDir, 'sub', 'a.txt'),
      'abs-root': newDir,
      'deep/rel': '../../new/sub/a.txt',
      elsewhere: '../elsewhere',
      'new\nline ✓': path.join(newDir, 'sub', 'gone.txt'),
      'not-a-component': path.join(top, 'oldish'),
    })
    expect(records.find((r) => r.path.endsWith('line ✓'))?.resolves).toBe(false)
    expect(records.find((r) => r.path.endsWith('rel'))).toMatchObject({
      oldTarget: '../../old/sub/a.txt',
      newTarget: '../../new/sub/a.txt',
      resolves: true,
    })
  })

  it('--relative and --absolute change the style', async () => {
    await retargetPrefix(root, oldDir, newDir, { style: 'relative' })
    expect(texts().abs).toBe('../new/sub/a.txt')
    await retargetPrefix(root, newDir, oldDir, { style: 'absolute' })
    expect(texts()['deep/rel']).toBe(path.join(oldDir, 'sub', 'a.txt'))
  })

  it('a dry run gives the same preview and changes nothing', async () => {
    const before = treeHash(root)
    const dry = await retargetPrefix(root, oldDir, newDir, { dryRun: true })
    expect(treeHash(root)).toBe(before)
    const real = await retargetPrefix(root, oldDir, newDir)
    expect(dry.records.map(({ action: _a, ...r }) => r)).toEqual(real.records.map(({ action: _a, ...r }) => r))
  })

  it('the batch undoes to the exact previous texts', async () => {
    const before = texts()
    const { records } = await retargetPrefix(root, oldDir, newDir)
    expect(texts()).not.toEqual(before)
    expect(undoPrefixBatch(records)).toEqual([])
    expect(texts()).toEqual(before)
  })

  it('refuses relative or equal OLD/NEW and a missing ROOT with typed errors, changing nothing', async () => {
    const before = treeHash(top)
    for (const [r, o, n, code] of [
      [root, 'old', newDir, 'INVALID_ARGUMENT'],
      [root, oldDir, oldDir, 'INVALID_ARGUMENT'],
      [path.join(top, 'none'), oldDir, newDir, 'NOT_FOUND'],
    ] as const) {
      let got = 'no error'
      try {
        await retargetPrefix(r, o, n)
      } catch (e) {
        got = e instanceof LinkError ? e.code : String(e)
      }
      expect(got).toBe(code)
    }
    expect(treeHash(top)).toBe(before)
  })
})

describe('linkscope retarget-prefix', () => {
  it('--json --dry-run: records then a summary; text: the preview table, names escaped', () => {
    const j = spawnSync(process.execPath, [CLI, 'retarget-prefix', root, oldDir, newDir, '--json', '--dry-run'], {
      encoding: 'utf8',
    })
    expect(j.status, j.stderr).toBe(0)
    const lines = j.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.pop().summary).toMatchObject({ matched: 4, dryRun: true })
    expect(lines.every((l) => l.action === 'would-retarget')).toBe(true)
    const t = spawnSync(process.execPath, [CLI, 'retarget-prefix', root, oldDir, newDir], { encoding: 'utf8' })
    expect(t.status, t.stderr).toBe(0)
    expect(t.stdout).toContain('new\\nline ✓')
    expect(t.stdout).toContain('resolves: no')
    expect(t.stdout).toMatch(/4 retargeted, 0 failed/)
    expect(
      spawnSync(process.execPath, [CLI, 'retarget-prefix', root, oldDir, newDir, '--relative', '--absolute']).status,
    ).toBe(2)
  })
})
