import { spawnSync } from 'node:child_process'
import { buildSync } from 'esbuild'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { platform } from '../../../electron/engine/platform'
import { REPO } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'

// Rename is one renameat2(RENAME_NOREPLACE) through the folder's handle, not link() + unlink(): it works
// where hard links are refused, and never replaces what is at the new name, even an empty folder.
const isRoot = process.getuid?.() === 0
let root: string
let engine: string
beforeAll(() => {
  root = fs.realpathSync(makeTempDir('linkscope-rename-at-'))
  fs.chmodSync(root, 0o755)
  // The engine and its addon, staged where nobody can read them.
  engine = path.join(root, 'engine')
  fs.mkdirSync(path.join(root, 'native'))
  fs.copyFileSync(path.join(REPO, 'out', 'native', 'linkscope_scan.node'), path.join(root, 'native', 'linkscope_scan.node'))
  buildSync({ entryPoints: [path.join(REPO, 'electron', 'engine', 'ops', 'index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: path.join(engine, 'ops.cjs'), logLevel: 'warning' })
  spawnSync('chmod', ['-R', 'a+rX', root])
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe('rename without tricks', () => {
  it('refuses to replace an empty folder at the new name, which rename(2) would do silently', () => {
    const dir = fs.mkdtempSync(path.join(root, 'w-'))
    fs.mkdirSync(path.join(dir, 'a'))
    fs.mkdirSync(path.join(dir, 'b'))
    const before = treeHash(dir)
    expect(() => platform().renameNoReplace(path.join(dir, 'a'), path.join(dir, 'b'))).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS' }))
    expect(treeHash(dir)).toBe(before)
  })

  it.skipIf(!isRoot)('renames another user\'s file in a folder one may write, where protected_hardlinks refuses link() (needs root for setpriv)', () => {
    const dir = fs.mkdtempSync(path.join(root, 'mine-'))
    fs.writeFileSync(path.join(dir, 'roots-file.txt'), 'root wrote this', { mode: 0o600 })
    fs.chownSync(dir, 65534, 65534) // nobody's folder, root's file: link() needs to own (or read-write) the file
    const run = `const ops = require(${JSON.stringify(path.join(engine, 'ops.cjs'))})
      try { ops.renameEntry(${JSON.stringify(path.join(dir, 'roots-file.txt'))}, 'renamed.txt'); console.log('ok') } catch (e) { console.log(e.code, e.message) }`
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', run], { encoding: 'utf8' })
    expect(r.stdout.trim()).toBe('ok')
    expect(fs.readdirSync(dir)).toEqual(['renamed.txt'])
    expect(fs.statSync(path.join(dir, 'renamed.txt')).uid).toBe(0)
  })
})
