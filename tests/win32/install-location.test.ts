/**
 * Where elevation is offered, with the real folder lookups: SHGetKnownFolderPath for Program Files and
 * final paths of both sides. A copy of node.exe inside Program Files counts as a per-machine install;
 * one in the temp folder does not.
 */
import * as assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { test } from 'node:test'

import { programFilesFolders, requirePerMachineInstall } from '../../electron/elevation/win32/install-location'
import { errorCode, tempTree } from './helpers'

test('Program Files resolves to real folders, and an exe inside it may elevate', () => {
  const folders = programFilesFolders()
  assert.ok(
    folders.some((f) => /^[A-Z]:\\Program Files$/i.test(f)),
    JSON.stringify(folders),
  )
  const dir = path.win32.join(folders[0]!, `linkscope-test-${randomBytes(4).toString('hex')}`)
  fs.mkdirSync(dir)
  try {
    const exe = path.win32.join(dir, 'Linkscope.exe')
    fs.copyFileSync(process.execPath, exe)
    assert.doesNotThrow(() => requirePerMachineInstall(exe))
    // Asked by another spelling of the same file: still inside.
    assert.doesNotThrow(() => requirePerMachineInstall(exe.toUpperCase()))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('an exe in a user folder (a per-user or portable copy) is refused with PRIVILEGE_REQUIRED', () => {
  const dir = tempTree('portable')
  try {
    const exe = path.win32.join(dir, 'Linkscope.exe')
    fs.copyFileSync(process.execPath, exe)
    assert.equal(
      errorCode(() => requirePerMachineInstall(exe)),
      'PRIVILEGE_REQUIRED',
    )
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
