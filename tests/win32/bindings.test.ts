/** koffi loads, every declaration binds, optional exports become capabilities, GetLastError is exact. */
import * as assert from 'node:assert/strict'
import * as path from 'node:path'
import { describe, test } from 'node:test'

import {
  FILE_SHARE_ALL,
  INVALID_HANDLE_VALUE,
  isValidHandle,
  kernel32,
  OPEN_EXISTING,
} from '../../electron/engine/platform/win32/bindings/kernel32'
import { isWine, tempTree, writeFile } from './helpers'

describe('bindings', () => {
  test('kernel32 binds; optional exports are capabilities, not crashes', () => {
    const k = kernel32()
    for (const m of k.caps.missing) {
      assert.match(
        m,
        /!(FindFirstFileNameW|FindNextFileNameW|GetFileInformationByName|NtQueryInformationByName|wine_get_version): /,
      )
    }
    assert.equal(
      k.caps.ntQueryInformationByName,
      !k.caps.missing.some((m) => m.startsWith('ntdll.dll!NtQueryInformationByName')),
    )
    assert.equal(k.caps.findFileNames, !k.caps.missing.some((m) => m.includes('FindFirstFileNameW')))
    // The API-set DLL is only tried when kernel32 lacks the export.
    assert.equal(
      k.caps.fileInformationByName,
      !k.caps.missing.some((m) => m.startsWith('api-ms-win-core-file-l2-1-4.dll!')),
    )
    assert.equal(kernel32(), k, 'bound once per thread')
  })

  test(
    'Wine is detected through ntdll!wine_get_version, and lacks what docs/windows.md says',
    { skip: !isWine() && 'not Wine' },
    () => {
      const k = kernel32()
      assert.match(k.caps.wineVersion ?? '', /^\d+\.\d+/)
      assert.equal(k.caps.findFileNames, false)
      assert.equal(k.caps.fileInformationByName, false)
    },
  )

  test('GetLastError is read right after the call: 183 from CreateDirectoryW on an existing folder', () => {
    const k = kernel32()
    const dir = tempTree('gle')
    k.SetLastError(12345)
    const r = k.CreateDirectoryW(dir)
    assert.deepEqual(r, { ret: 0, err: 183 })
    // An unrelated failing call in between, then a fresh one: each sees its own code.
    assert.equal(k.CreateFileW(path.win32.join(dir, 'missing'), 0, FILE_SHARE_ALL, OPEN_EXISTING, 0x02000000).err, 2)
    assert.equal(k.CreateFileW(path.win32.join(dir, 'no', 'x'), 0, FILE_SHARE_ALL, OPEN_EXISTING, 0x02000000).err, 3)
    assert.deepEqual(k.CreateDirectoryW(dir), { ret: 0, err: 183 })
  })

  test('HANDLEs come back as BigInt; INVALID_HANDLE_VALUE is recognised', () => {
    const k = kernel32()
    const dir = tempTree('handle')
    const file = writeFile(path.win32.join(dir, 'f.txt'))
    const ok = k.CreateFileW(file, 0, FILE_SHARE_ALL, OPEN_EXISTING, 0x02000000)
    assert.equal(typeof ok.ret, 'bigint')
    assert.ok(isValidHandle(ok.ret))
    assert.equal(k.CloseHandle(ok.ret).ret, 1)
    const bad = k.CreateFileW(path.win32.join(dir, 'nope'), 0, FILE_SHARE_ALL, OPEN_EXISTING, 0)
    assert.equal(bad.ret, INVALID_HANDLE_VALUE)
    assert.equal(isValidHandle(bad.ret), false)
  })

  test('CreateSymbolicLinkW returns a clean BOOLEAN (0 or 1, never upper-byte garbage)', () => {
    const k = kernel32()
    const dir = tempTree('boolean')
    const r = k.CreateSymbolicLinkW(path.win32.join(dir, 'l'), 'target', 2)
    assert.ok(r.ret === 0 || r.ret === 1, `ret ${r.ret}`)
    const bad = k.CreateSymbolicLinkW(path.win32.join(dir, 'missing-parent', 'l'), 'target', 2)
    // Wine's stub answers 1 even here; Windows answers 0 + 3.
    assert.ok(bad.ret === 1 ? isWine() : bad.err === 3, JSON.stringify(bad))
  })
})

describe('engine wiring', () => {
  test('the engine picks the Win32 platform on Windows and it lists through koffi', async () => {
    const { platform } = await import('../../electron/engine/platform/index')
    const p = platform()
    assert.equal(p.kind, 'win32')
    assert.equal(p.sep, '\\')
    const dir = tempTree('wiring')
    writeFile(path.win32.join(dir, 'a.txt'))
    const r = p.openDir(dir)
    assert.deepEqual(r.next(10), ['a.txt'])
    assert.equal(r.next(10), null)
    r.close()
  })
})
