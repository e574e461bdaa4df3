/**
 * The scanner's link-count query as this system offers it. Wine exports neither
 * GetFileInformationByName nor NtQueryInformationByName, so the counts come through a handle; on
 * Windows 10 1709 and later the NT call answers by name (a real Windows machine shows that way).
 */
import * as assert from 'node:assert/strict'
import * as path from 'node:path'
import { describe, test } from 'node:test'

import { kernel32 } from '../../electron/engine/platform/win32/bindings/kernel32'
import { fileLinks, statWay } from '../../electron/engine/platform/win32/file-stat'
import { createWin32Platform } from '../../electron/engine/platform/win32/link-platform.win32'
import { isWine, tempTree, writeFile } from './helpers'

const p = createWin32Platform()
const J = path.win32.join

describe('link counts for the scanner', () => {
  test(
    'Wine: no by-name export, so the handle way, with the same counts and ids as entry()',
    { skip: !isWine() && 'Windows has the by-name calls' },
    () => {
      const caps = kernel32().caps
      assert.deepEqual([caps.fileInformationByName, caps.ntQueryInformationByName], [false, false])
      assert.ok(
        caps.missing.some((m) => m.startsWith('ntdll.dll!NtQueryInformationByName')),
        caps.missing.join('; '),
      )
      assert.equal(statWay(), 'handle')
      const dir = tempTree('stat-way')
      const one = writeFile(J(dir, 'one.txt'))
      const two = writeFile(J(dir, 'two.txt'))
      p.createHardLink(two, J(dir, 'two-b.txt'))
      assert.deepEqual(fileLinks(one), { links: 1 })
      assert.deepEqual(fileLinks(two), { links: 2, id: p.entry(J(dir, 'two-b.txt')).id })
    },
  )

  test(
    'Windows: a by-name way is chosen, with the same counts and ids as entry()',
    { skip: isWine() && 'Wine exports neither by-name call' },
    () => {
      assert.notEqual(statWay(), 'handle')
      const dir = tempTree('stat-way')
      const two = writeFile(J(dir, 'two.txt'))
      p.createHardLink(two, J(dir, 'two-b.txt'))
      assert.deepEqual(fileLinks(writeFile(J(dir, 'one.txt'))), { links: 1 })
      assert.deepEqual(fileLinks(two), { links: 2, id: p.entry(J(dir, 'two-b.txt')).id })
    },
  )
})
