/**
 * Explorer hears of a link change only after the platform verified it: a fake kernel32 and a
 * recording shell32 stand in for the OS (Wine cannot show reparse points, and nothing here can show
 * what Explorer receives).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

import {
  SHCNE_ASSOCCHANGED,
  SHCNE_CREATE,
  SHCNE_DELETE,
  SHCNE_MKDIR,
  SHCNE_RMDIR,
  SHCNE_UPDATEDIR,
  SHCNF_PATHW,
  type Shell32,
} from '../../../electron/engine/platform/win32/bindings/shell32'
import { encodeMountPoint, encodeSymlink } from '../../../electron/engine/platform/win32/codec/reparse-buffer'
import { FakeKernel32 } from '../../fakes/fake-kernel32'

let fake = new FakeKernel32()
const notified: Array<[number, number, string | null]> = []
const recordingShell: Shell32 = {
  ShellExecuteExWAsync: () => Promise.reject(new Error('not in this test')),
  SHChangeNotify: (event, flags, item1) => {
    notified.push([event, flags & 0xff, item1])
  },
  CommandLineToArgvW: () => ({ ret: null, err: 1 }),
  SHGetKnownFolderPath: () => ({ ret: 1, path: null }),
}
vi.mock('../../../electron/engine/platform/win32/bindings/kernel32', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../electron/engine/platform/win32/bindings/kernel32')>()),
  kernel32: () => fake,
}))
vi.mock('../../../electron/engine/platform/win32/bindings/shell32', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../electron/engine/platform/win32/bindings/shell32')>()),
  shell32: () => recordingShell,
}))

const { createWin32Platform } = await import('../../../electron/engine/platform/win32/link-platform.win32')
const { notifyAssociationsChanged, notifyShellChanged } =
  await import('../../../electron/engine/platform/win32/shell/shell-notify')

beforeEach(() => {
  fake = new FakeKernel32()
  fake.mkdir('C:\\w')
  notified.length = 0
})

describe('notifyShellChanged from the Win32 platform', () => {
  it('reports each verified create, removal and rename with the matching event and a plain path', () => {
    const p = createWin32Platform()
    fake.file('C:\\w\\f.txt')
    fake.mkdir('C:\\w\\dir')
    fake.mkdir('C:\\w\\sub')
    p.createHardLink('C:\\w\\f.txt', 'C:\\w\\h.txt')
    p.createSymlink('f.txt', 'C:\\w\\s.txt', 'file')
    p.createSymlink('dir', 'C:\\w\\sd', 'dir')
    p.createJunction('C:\\w\\dir', 'C:\\w\\j')
    p.removeEntry('C:\\w\\j', p.entry('C:\\w\\j'))
    p.removeEntry('C:\\w\\s.txt', p.entry('C:\\w\\s.txt'))
    p.renameNoReplace('C:\\w\\h.txt', 'C:\\w\\sub\\h.txt')
    expect(notified).toEqual([
      [SHCNE_CREATE, SHCNF_PATHW, 'C:\\w\\h.txt'],
      [SHCNE_CREATE, SHCNF_PATHW, 'C:\\w\\s.txt'],
      [SHCNE_MKDIR, SHCNF_PATHW, 'C:\\w\\sd'],
      [SHCNE_MKDIR, SHCNF_PATHW, 'C:\\w\\j'],
      [SHCNE_RMDIR, SHCNF_PATHW, 'C:\\w\\j'],
      [SHCNE_DELETE, SHCNF_PATHW, 'C:\\w\\s.txt'],
      [SHCNE_UPDATEDIR, SHCNF_PATHW, 'C:\\w'],
      [SHCNE_UPDATEDIR, SHCNF_PATHW, 'C:\\w\\sub'],
    ])
  })

  it('a retarget swap (replaceLink in one folder) updates that folder once', () => {
    fake.reparse('C:\\w\\new', encodeSymlink('b', 'b', true), false)
    fake.reparse('C:\\w\\link', encodeSymlink('a', 'a', true), false)
    createWin32Platform().replaceLink('C:\\w\\new', 'C:\\w\\link', createWin32Platform().entry('C:\\w\\link'))
    expect(notified).toEqual([[SHCNE_UPDATEDIR, SHCNF_PATHW, 'C:\\w']])
  })

  it('says nothing when the operation failed or could not be verified', () => {
    const stubbed = new FakeKernel32({ symlinks: 'stub', setReparse: 'unsupported' })
    stubbed.mkdir('C:\\w')
    stubbed.mkdir('C:\\w\\dir')
    fake = stubbed
    const p = createWin32Platform()
    expect(() => p.createSymlink('x', 'C:\\w\\s', 'file')).toThrow() // "succeeds" without a link: not verified
    expect(() => p.createJunction('C:\\w\\dir', 'C:\\w\\j')).toThrow()
    expect(() => p.createHardLink('C:\\w\\missing', 'C:\\w\\h')).toThrow()
    fake.reparse('C:\\w\\jj', encodeMountPoint('\\??\\C:\\w\\dir', 'C:\\w\\dir'), true)
    expect(() => p.renameNoReplace('C:\\w\\jj', 'C:\\w\\dir')).toThrow()
    expect(notified).toEqual([])
  })

  it('sends association changes without paths, and never throws when the shell call fails', () => {
    notifyAssociationsChanged()
    expect(notified).toEqual([[SHCNE_ASSOCCHANGED, 0, null]])
    const original = recordingShell.SHChangeNotify
    recordingShell.SHChangeNotify = () => {
      throw new Error('explorer is gone')
    }
    try {
      expect(() => notifyShellChanged('C:\\w', 'updatedir')).not.toThrow()
    } finally {
      recordingShell.SHChangeNotify = original
    }
  })
})
