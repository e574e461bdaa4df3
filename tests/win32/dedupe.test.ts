/**
 * The real dedupe through the Win32 backend under Wine, which makes hard links for real: the search finds
 * duplicates with the platform's exact ids, and the limit known before linking is NTFS's. (The merge
 * under Wine is not covered yet: its byte compare still checks node's ids.)
 */
import * as assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, test } from 'node:test'

import { findDuplicates, knownLinkLimit } from '../../electron/engine/dedupe'
import { createWin32Platform } from '../../electron/engine/platform/win32/link-platform.win32'
import { tempTree, writeFile } from './helpers'

const p = createWin32Platform()
const J = path.win32.join

describe('dedupe on Windows', () => {
  test("the link limit known in advance is NTFS's 1023 names", () => {
    assert.equal(knownLinkLimit(), 1023)
  })

  test("finds the duplicates with the platform's exact ids (node's ino would not match them)", async () => {
    const dir = tempTree('dedupe')
    for (const n of ['a', 'b', 'c', 'd', 'e']) writeFile(J(dir, `${n}.txt`), 'same bytes, several copies')
    const readOnly = writeFile(J(dir, 'ro.txt'), 'same bytes, several copies')
    fs.chmodSync(readOnly, 0o444)
    writeFile(J(dir, 'other.txt'), 'different bytes entirely')

    const found = await findDuplicates([dir])
    assert.equal(found.groups.length, 1, JSON.stringify({ files: found.files, errors: found.errors }))
    assert.equal(found.groups[0]!.files.length, 6)
    for (const f of found.groups[0]!.files)
      assert.equal(f.id, p.entry(f.paths[0]!).id, "the walk gives the platform's own ids")
  })
})
