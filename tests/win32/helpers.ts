/**
 * Shared bits of the Wine/Windows suite. Fixtures are made by Windows code only (node.exe's fs and
 * our bindings) inside the Windows temp folder: never on host (Linux) symlinks, which Wine's
 * DeleteFileW/RemoveDirectoryW would resolve and delete the target of.
 */
import * as assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { kernel32 } from '../../electron/engine/platform/win32/bindings/kernel32'
import { type AppErrorCode, LinkError } from '../../shared/errors'

export const isWine = (): boolean => kernel32().caps.wineVersion !== null

/** A fresh folder under %TEMP% (C:\users\<u>\Temp in the Wine prefix: a real folder, not a host link). */
export function tempTree(label: string, base = os.tmpdir()): string {
  return fs.mkdtempSync(path.win32.join(base, `linkscope-${label}-`))
}

/** Second volume for cross-device errors: run.sh maps E: to a tmpfs folder; on Windows set it by hand. */
export const crossVolumeRoot = (): string | undefined => process.env.LINKSCOPE_WIN32_XDEV || undefined

export function writeFile(p: string, text = 'x'): string {
  fs.writeFileSync(p, text)
  return p
}

/** The LinkError code `fn` throws; fails the test on success or on any other error type. */
export function errorCode(fn: () => unknown): AppErrorCode {
  try {
    fn()
  } catch (e) {
    if (e instanceof LinkError) return e.code
    assert.fail(`expected a LinkError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`)
  }
  assert.fail('expected a LinkError, but the call succeeded')
}

export function linkError(fn: () => unknown): LinkError {
  try {
    fn()
  } catch (e) {
    if (e instanceof LinkError) return e
    throw e
  }
  assert.fail('expected a LinkError, but the call succeeded')
}
