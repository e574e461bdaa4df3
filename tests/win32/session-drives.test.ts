/**
 * Drive letters the elevated helper's session would not have, with the real calls: a `subst` drive
 * made by DefineDosDeviceW becomes the folder it stands for; a local volume stays as it is. (Mapped
 * network drives need a share: the unit tests cover them with recorded answers.)
 */
import * as assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { test } from 'node:test'

import { sessionIndependentPath } from '../../electron/elevation/win32/session-drives'
import { drives } from '../../electron/engine/platform/win32/bindings/drives'
import { tempTree } from './helpers'

const DDD_REMOVE_DEFINITION = 0x2

/** A drive letter nothing uses, from the end of the alphabet. */
function freeDrive(): string {
  for (const letter of 'RQPONMLKJIHG') {
    if (drives().QueryDosDeviceW(`${letter}:`).ret === null) return `${letter}:`
  }
  throw new Error('no free drive letter')
}

test('a subst drive becomes the folder it stands for; a local drive stays', () => {
  const dir = tempTree('subst')
  const drive = freeDrive()
  const made = drives().DefineDosDeviceW(0, drive, dir)
  assert.equal(made.ret, 1, `DefineDosDeviceW failed with ${made.err}`)
  try {
    assert.match(drives().QueryDosDeviceW(drive).ret ?? '', /^\\\?\?\\/)
    fs.writeFileSync(path.win32.join(dir, 'f.txt'), 'x')
    const converted = sessionIndependentPath(`${drive}\\f.txt`)
    assert.equal(converted.toLowerCase(), path.win32.join(dir, 'f.txt').toLowerCase())
    assert.equal(fs.readFileSync(converted, 'utf8'), 'x')
    assert.equal(drives().WNetGetUniversalNameW(`${drive}\\f.txt`).ret, null, 'not a network drive')
    const local = path.win32.join(dir, 'f.txt')
    assert.equal(sessionIndependentPath(local), local)
  } finally {
    drives().DefineDosDeviceW(DDD_REMOVE_DEFINITION, drive, dir)
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
