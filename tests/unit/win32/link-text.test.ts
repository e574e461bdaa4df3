/**
 * The text a new symbolic link stores, on the Win32 platform over the fake kernel32: relative text is
 * computed between where the link's folder and the target really are (Windows reads it from the folder
 * that really holds the link), and "points to itself" uses Windows' case rule.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { encodeMountPoint } from '../../../electron/engine/platform/win32/codec/reparse-buffer'
import { LinkError } from '../../../shared/errors'
import { FakeKernel32 } from '../../fakes/fake-kernel32'

let fake = new FakeKernel32()
vi.mock('../../../electron/engine/platform/win32/bindings/kernel32', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../electron/engine/platform/win32/bindings/kernel32')>()),
  kernel32: () => fake,
}))
// The engine's platform() is the Win32 one over that fake (its require() of the .ts module is not for vitest).
vi.mock('../../../electron/engine/platform/index', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../electron/engine/platform/index')>()
  const { createWin32Platform } = await import('../../../electron/engine/platform/win32/link-platform.win32')
  return { ...actual, platform: () => createWin32Platform() }
})

const { symlinkText } = await import('../../../electron/engine/ops/link-text')
const { platform } = await import('../../../electron/engine/platform')

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    return e instanceof LinkError ? e.code : `not a LinkError: ${String(e)}`
  }
  return 'no error'
}

beforeEach(() => {
  fake = new FakeKernel32()
  fake.mkdir('C:\\w')
})

describe('relative symbolic links on Windows', () => {
  it('are computed from the folder a junction leads to, and read back to the target', () => {
    fake.mkdir('C:\\real')
    fake.mkdir('C:\\real\\a')
    fake.mkdir('C:\\real\\a\\b')
    fake.file('C:\\w\\t.txt')
    fake.reparse('C:\\w\\j', encodeMountPoint('\\??\\C:\\real\\a\\b', 'C:\\real\\a\\b'), true)
    // By the text, ..\t.txt; Windows would read that from C:\real\a\b and land on C:\real\a\t.txt.
    const text = symlinkText('C:\\w\\t.txt', 'C:\\w\\j\\l', true)
    expect(text.stored).toBe('..\\..\\..\\w\\t.txt')
    platform().createSymlink(text.stored, 'C:\\w\\j\\l', text.targetKind)
    expect(platform().entry('C:\\w\\j\\l')).toMatchObject({
      resolved: 'C:\\w\\t.txt',
      status: 'ok',
      targetKind: 'file',
    })
  })

  it('a target given through a junction is stored from where it really is', () => {
    fake.mkdir('C:\\real')
    fake.file('C:\\real\\t.txt')
    fake.reparse('C:\\w\\j', encodeMountPoint('\\??\\C:\\real', 'C:\\real'), true)
    expect(symlinkText('C:\\w\\j\\t.txt', 'C:\\real\\l', true).stored).toBe('t.txt')
  })

  it('cannot lead from one drive to another: a typed refusal, not absolute text called relative', () => {
    fake.file('C:\\w\\t.txt')
    expect(codeOf(() => symlinkText('D:\\t.txt', 'C:\\w\\l', true))).toBe('INVALID_ARGUMENT')
    expect(symlinkText('D:\\t.txt', 'C:\\w\\l', false).stored).toBe('D:\\t.txt')
  })
})

describe('a link pointing to itself on Windows', () => {
  it('is refused whatever the case of the names, as NTFS compares them', () => {
    expect(codeOf(() => symlinkText('C:\\w\\L', 'C:\\w\\l', false))).toBe('INVALID_ARGUMENT')
    expect(codeOf(() => symlinkText('l', 'C:\\W\\L', true))).toBe('INVALID_ARGUMENT')
  })

  it('is refused when the target names the link through a junction', () => {
    fake.mkdir('C:\\real')
    fake.reparse('C:\\w\\j', encodeMountPoint('\\??\\C:\\real', 'C:\\real'), true)
    expect(codeOf(() => symlinkText('C:\\REAL\\l', 'C:\\w\\j\\l', false))).toBe('INVALID_ARGUMENT')
  })

  it('a different name is fine', () => {
    expect(symlinkText('C:\\w\\m', 'C:\\w\\l', true).stored).toBe('m')
  })
})
