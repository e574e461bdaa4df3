/**
 * The open folder's watch (actions:watch) on Windows: node's fs.watch is ReadDirectoryChangesW there,
 * which Wine implements for real. A new file, a rename and a removal inside the folder are each reported
 * as 'changed'; the folder renamed away ends the watch with 'gone'. Every wait is bounded.
 */
import * as assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, test } from 'node:test'

import { watchFolder } from '../../electron/engine/actions/watch-folder'
import type { FolderChange } from '../../shared/types/actions'
import { tempTree, writeFile } from './helpers'

const J = path.win32.join
const WAIT_MS = 15_000

/** Resolves when `seen` has more than `count` reports, or rejects after WAIT_MS. */
async function nextReport(seen: FolderChange[], count: number): Promise<FolderChange> {
  const until = Date.now() + WAIT_MS
  while (seen.length <= count) {
    if (Date.now() > until) throw new Error(`no report within ${WAIT_MS} ms (seen: ${JSON.stringify(seen)})`)
    await new Promise((r) => setTimeout(r, 25))
  }
  return seen[count]!
}

describe('watching the open folder', () => {
  test('reports changes inside it, and its going away', async () => {
    const parent = tempTree('watch')
    const dir = J(parent, 'open')
    fs.mkdirSync(dir)
    const seen: FolderChange[] = []
    const abort = new AbortController()
    const done = watchFolder({ emit: (items) => seen.push(...items), signal: abort.signal }, dir)
    try {
      writeFile(J(dir, 'new.txt'), 'made while watched')
      assert.deepEqual(await nextReport(seen, 0), { type: 'changed', dir })
      fs.renameSync(J(dir, 'new.txt'), J(dir, 'renamed.txt'))
      assert.equal((await nextReport(seen, 1)).type, 'changed')
      fs.unlinkSync(J(dir, 'renamed.txt'))
      assert.equal((await nextReport(seen, 2)).type, 'changed')
    } finally {
      abort.abort()
    }
    assert.equal(await done, null, 'cancelling ends the watch')

    const again: FolderChange[] = []
    const stop = new AbortController()
    const timer = setTimeout(() => stop.abort(), WAIT_MS) // a watch that never ends fails below, not by hanging
    const watching = watchFolder({ emit: (items) => again.push(...items), signal: stop.signal }, dir)
    fs.renameSync(dir, J(parent, 'moved'))
    assert.equal(await watching, null)
    clearTimeout(timer)
    assert.deepEqual(again.at(-1), { type: 'gone', dir }, 'the watch ended by itself, saying the folder is gone')
  })
})
