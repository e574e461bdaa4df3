/**
 * Names differing only in case are one name on Windows, except inside a folder marked case-sensitive
 * (FileCaseSensitiveInfo), which only a real NTFS volume can hold: the fake kernel32 plays it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

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

const { createWin32Platform } = await import('../../../electron/engine/platform/win32/link-platform.win32')
const { symlinkText } = await import('../../../electron/engine/ops/link-text')

beforeEach(() => {
  fake = new FakeKernel32()
  fake.mkdir('C:\\w')
  fake.mkdir('C:\\w\\plain')
  fake.mkdir('C:\\w\\cs')
  fake.get('C:\\w\\cs')!.caseSensitive = true
})

describe('samePath by each folder’s case rule', () => {
  it('ignores case in an ordinary folder, with the NTFS per-character rule', () => {
    const p = createWin32Platform()
    expect(p.samePath('C:\\w\\plain\\Readme.TXT', 'c:\\W\\PLAIN\\readme.txt')).toBe(true)
    expect(p.samePath('C:\\w\\plain\\a', 'C:\\w\\plain\\b')).toBe(false)
    // the Kelvin sign lower-cases to k in JavaScript, but NTFS upper-cases k to K, not to the Kelvin sign
    expect(p.samePath('C:\\w\\plain\\\u212a', 'C:\\w\\plain\\k')).toBe(false)
  })

  it('compares names inside a case-sensitive folder exactly', () => {
    const p = createWin32Platform()
    expect(p.samePath('C:\\w\\cs\\Name', 'C:\\w\\cs\\name')).toBe(false)
    expect(p.samePath('C:\\w\\cs\\name', 'C:\\w\\cs\\name')).toBe(true)
    // only the name inside the marked folder counts: the folder's own name lies in C:\w, which ignores case
    expect(p.samePath('C:\\w\\CS\\name', 'C:\\w\\cs\\name')).toBe(true)
    expect(fake.opens.map((o) => o.path)).toContain('C:\\w\\cs')
  })

  it('asks no folder when the paths are equal or differ beyond case', () => {
    const p = createWin32Platform()
    const before = fake.opens.length
    expect(p.samePath('C:\\w\\cs\\name', 'C:\\w\\cs\\name')).toBe(true)
    expect(p.samePath('C:\\w\\cs\\a', 'C:\\w\\cs\\b')).toBe(false)
    expect(fake.opens.length).toBe(before)
  })

  it('lets a link in a case-sensitive folder point to a name differing only in case, and refuses it elsewhere', () => {
    fake.file('C:\\w\\cs\\target')
    expect(symlinkText('C:\\w\\cs\\target', 'C:\\w\\cs\\TARGET', false).stored).toBe('C:\\w\\cs\\target')
    fake.file('C:\\w\\plain\\target')
    expect(() => symlinkText('C:\\w\\plain\\target', 'C:\\w\\plain\\TARGET', false)).toThrow(LinkError)
  })

  it('relative text asks the folder: inside a case-sensitive one, Sub and sub are two folders', () => {
    fake.mkdir('C:\\w\\cs\\Sub')
    fake.mkdir('C:\\w\\cs\\sub')
    fake.file('C:\\w\\cs\\sub\\t.txt')
    // ignoring case, the link's folder Sub would be taken for sub and the text would be t.txt (C:\w\cs\Sub\t.txt)
    expect(symlinkText('C:\\w\\cs\\sub\\t.txt', 'C:\\w\\cs\\Sub\\l', true).stored).toBe('..\\sub\\t.txt')
    fake.mkdir('C:\\w\\plain\\Sub')
    fake.file('C:\\w\\plain\\Sub\\t.txt')
    expect(symlinkText('C:\\w\\plain\\sub\\t.txt', 'C:\\w\\plain\\Sub\\l', true).stored).toBe('t.txt')
  })
})
