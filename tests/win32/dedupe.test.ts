/**
 * The real dedupe through the Win32 backend under Wine, which makes hard links for real: the search finds
 * duplicates with the platform's exact ids, the limit known before linking is NTFS's, and merge, undo and
 * split check every file by that same id (node's ino is rounded on Windows and never matches it).
 */
import * as assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, test } from 'node:test'

import {
  findDuplicates,
  knownLinkLimit,
  mergeGroups,
  type MergeRecord,
  splitPaths,
  undoJournal,
} from '../../electron/engine/dedupe'
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

  test('merges duplicates into hard links, undoes the merge, and splits a name apart again', async () => {
    process.env.LINKSCOPE_STATE_DIR = tempTree('dedupe-state') // the journals
    const dir = tempTree('merge')
    const body = 'merge me: the same bytes in four files'
    const names = ['a', 'b', 'c', 'd'].map((n) => writeFile(J(dir, `${n}.txt`), body))
    const other = writeFile(J(dir, 'other.txt'), 'different bytes entirely')
    const idsOf = (): Set<string> => new Set(names.map((n) => p.entry(n).id))
    const linksOf = (): number[] => names.map((n) => p.entry(n).links)
    const leftovers = (): string[] => fs.readdirSync(dir).filter((n) => n.includes('.linkscope-'))
    const merge = async (): Promise<{ linked: number; journal: string }> => {
      const records: MergeRecord[] = []
      const summary = await mergeGroups((await findDuplicates([dir])).groups, { onRecord: (r) => records.push(r) })
      assert.deepEqual(
        records.flatMap((r) => r.refused),
        [],
      )
      assert.ok(summary.journal)
      return { linked: summary.linked, journal: summary.journal }
    }

    const merged = await merge()
    assert.equal(merged.linked, 3)
    assert.equal(idsOf().size, 1, 'one file under four names')
    assert.deepEqual(linksOf(), [4, 4, 4, 4])
    for (const n of names) assert.equal(fs.readFileSync(n, 'utf8'), body)
    assert.equal(p.entry(other).links, 1)
    assert.deepEqual(leftovers(), [])

    const undone = undoJournal(merged.journal)
    assert.deepEqual([undone.restored, undone.refused], [3, 0])
    assert.equal(idsOf().size, 4, 'four files again')
    assert.deepEqual(linksOf(), [1, 1, 1, 1])
    for (const n of names) assert.equal(fs.readFileSync(n, 'utf8'), body)

    assert.equal((await merge()).linked, 3)
    const split = splitPaths([names[1]!])
    assert.equal(split.split, 1)
    assert.deepEqual(linksOf(), [3, 1, 3, 3])
    assert.equal(idsOf().size, 2)
    assert.equal(fs.readFileSync(names[1]!, 'utf8'), body)
    assert.deepEqual(leftovers(), [])
  })
})
