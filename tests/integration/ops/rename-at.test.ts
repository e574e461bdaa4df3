import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { platform } from '../../../electron/engine/platform'
import { giveToOtherUser, runAsOtherUser, type Stage, stageForOtherUser, SWITCHES_USER } from '../../helpers/as-user'
import { makeTempDir } from '../../helpers/link-tree'
import { isRoot, skipUnlessRoot } from '../../helpers/needs-root'
import { treeHash } from '../../helpers/tree-hash'

// Rename is one renameat2(RENAME_NOREPLACE) through the folder's handle, not link() + unlink(): it works
// where hard links are refused, and never replaces what is at the new name, even an empty folder.
let root: string
let stage: Stage | undefined
let ops: string
beforeAll(() => {
  root = fs.realpathSync(makeTempDir('linkscope-rename-at-'))
  fs.chmodSync(root, 0o755)
  if (!isRoot) return
  stage = stageForOtherUser()
  ops = stage.bundle('electron/engine/ops/index.ts')
  // The bundle looks for the addon beside its folder, as the built engine does.
  const native = path.join(path.dirname(ops), '..', 'native')
  fs.mkdirSync(native, { recursive: true, mode: 0o755 })
  fs.copyFileSync(stage.path('out', 'native', 'linkscope_scan.node'), path.join(native, 'linkscope_scan.node'))
})
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true })
  stage?.remove()
})

describe('rename without tricks', () => {
  it('refuses to replace an empty folder at the new name, which rename(2) would do silently', () => {
    const dir = fs.mkdtempSync(path.join(root, 'w-'))
    fs.mkdirSync(path.join(dir, 'a'))
    fs.mkdirSync(path.join(dir, 'b'))
    const before = treeHash(dir)
    expect(() => platform().renameNoReplace(path.join(dir, 'a'), path.join(dir, 'b'))).toThrow(
      expect.objectContaining({ code: 'ALREADY_EXISTS' }),
    )
    expect(treeHash(dir)).toBe(before)
  })

  it("renames another user's file in a folder one may write, where protected_hardlinks refuses link()", (ctx) => {
    skipUnlessRoot(ctx, SWITCHES_USER)
    const dir = fs.mkdtempSync(path.join(root, 'mine-'))
    fs.writeFileSync(path.join(dir, 'roots-file.txt'), 'root wrote this', { mode: 0o600 })
    giveToOtherUser(dir) // nobody's folder, root's file: link() needs to own (or read-write) the file
    const run = `const ops = require(${JSON.stringify(ops)})
      try { ops.renameEntry(${JSON.stringify(path.join(dir, 'roots-file.txt'))}, 'renamed.txt'); console.log('ok') } catch (e) { console.log(e.code, e.message) }`
    const r = runAsOtherUser(process.execPath, ['-e', run])
    expect(r.stdout.trim()).toBe('ok')
    expect(fs.readdirSync(dir)).toEqual(['renamed.txt'])
    expect(fs.statSync(path.join(dir, 'renamed.txt')).uid).toBe(0)
  })
})
