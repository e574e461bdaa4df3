/**
 * How the scanner asks a file's link count, over the fake kernel32: by name through
 * NtQueryInformationByName where ntdll exports it (no handle for a single-name file, the exact id by
 * handle only for files with several names), and by handle where it is missing (Wine) or refuses the
 * class (Windows 10 before 1709), from then on.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { encodeSymlink } from '../../../electron/engine/platform/win32/codec/reparse-buffer'
import { FakeKernel32 } from '../../fakes/fake-kernel32'

let fake = new FakeKernel32()
vi.mock('../../../electron/engine/platform/win32/bindings/kernel32', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../electron/engine/platform/win32/bindings/kernel32')>()),
  kernel32: () => fake,
}))

const { createWin32Platform } = await import('../../../electron/engine/platform/win32/link-platform.win32')

async function freshFileStat() {
  vi.resetModules()
  return import('../../../electron/engine/platform/win32/file-stat')
}

const opensOf = (p: string): number => fake.opens.filter((o) => o.path === p).length

beforeEach(() => {
  fake = new FakeKernel32()
  fake.mkdir('C:\\w')
  fake.file('C:\\w\\one.txt')
  fake.file('C:\\w\\two.txt')
  createWin32Platform().createHardLink('C:\\w\\two.txt', 'C:\\w\\two-b.txt')
  fake.opens.length = 0
})

describe('link counts by name (NtQueryInformationByName)', () => {
  it('a single-name file costs no open; a file with several names gets its exact id by handle', async () => {
    fake.mode.ntByName = 'works'
    const { fileLinks, statWay } = await freshFileStat()
    expect(statWay()).toBe('nt-by-name')
    expect(fileLinks('C:\\w\\one.txt')).toEqual({ links: 1 })
    expect(opensOf('C:\\w\\one.txt')).toBe(0)
    expect(fake.calls).toContain('NtQueryInformationByName \\??\\C:\\w\\one.txt')
    expect(fileLinks('C:\\w\\two.txt')).toEqual({ links: 2, id: createWin32Platform().entry('C:\\w\\two-b.txt').id })
  })

  it('a link at the end is asked by handle (by name it may be followed)', async () => {
    fake.mode.ntByName = 'works'
    fake.reparse('C:\\w\\l', encodeSymlink('one.txt', 'one.txt', true), false)
    const { fileLinks } = await freshFileStat()
    expect(fileLinks('C:\\w\\l')).toEqual({ links: 1 })
    expect(opensOf('C:\\w\\l')).toBe(1)
  })

  it('exported without FileStatInformation: the handle answers, and is used from then on', async () => {
    fake.mode.ntByName = 'no-stat-class'
    const { fileLinks, statWay } = await freshFileStat()
    expect(statWay()).toBe('nt-by-name')
    expect(fileLinks('C:\\w\\one.txt')).toEqual({ links: 1 })
    expect(statWay()).toBe('handle')
    const asked = fake.calls.filter((c) => c.startsWith('NtQuery')).length
    expect(fileLinks('C:\\w\\two.txt')).toMatchObject({ links: 2 })
    expect(fake.calls.filter((c) => c.startsWith('NtQuery')).length).toBe(asked)
  })

  it('not exported (Wine): every count by handle', async () => {
    const { fileLinks, statWay } = await freshFileStat()
    expect(statWay()).toBe('handle')
    expect(fileLinks('C:\\w\\one.txt')).toEqual({ links: 1 })
    expect(opensOf('C:\\w\\one.txt')).toBe(1)
    expect(fake.calls.some((c) => c.startsWith('NtQuery'))).toBe(false)
  })

  it("a missing file fails with the handle's words (NOT_FOUND), whichever way was taken", async () => {
    fake.mode.ntByName = 'works'
    const { fileLinks } = await freshFileStat()
    expect(() => fileLinks('C:\\w\\gone.txt')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })
})
