/**
 * Capabilities asked for one folder: its volume decides whether a junction (or any link) can be made
 * there, so the UI never offers what the volume cannot hold, and says why. Over the fake kernel32:
 * FAT32, exFAT and network volumes cannot exist here.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { FakeKernel32 } from '../../fakes/fake-kernel32'

let fake = new FakeKernel32()
vi.mock('../../../electron/engine/platform/win32/bindings/kernel32', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../electron/engine/platform/win32/bindings/kernel32')>()),
  kernel32: () => fake,
}))

const { createWin32Platform } = await import('../../../electron/engine/platform/win32/link-platform.win32')

beforeEach(() => {
  fake = new FakeKernel32()
  fake.mkdir('C:\\w')
  fake.mkdir('C:\\tmp')
  for (const v of ['TMPDIR', 'TMP', 'TEMP']) vi.stubEnv(v, 'C:\\tmp') // the symlink probe's folder
  return () => vi.unstubAllEnvs()
})

describe('capabilities of a folder', () => {
  it('an NTFS folder holds junctions and symbolic links', () => {
    const caps = createWin32Platform().capabilities('C:\\w')
    expect(caps).toEqual({ junctions: true, symlinks: 'yes', reveal: false })
  })

  it.each(['FAT32', 'exFAT'])('a %s folder holds neither, and says why and what works instead', (fileSystem) => {
    fake.volume = { fileSystem, flags: 0x00000003 }
    const caps = createWin32Platform().capabilities('C:\\w')
    expect(caps.junctions).toBe(false)
    expect(caps.symlinks).toBe('no')
    expect(caps.junctionsWhy).toBe(
      `C:\\ (${fileSystem}) cannot hold junctions or symbolic links. Make the junction on an NTFS drive; it can point to a folder here.`,
    )
    expect(caps.symlinksWhy).toContain(`C:\\ (${fileSystem}) cannot hold symbolic links`)
  })

  it('a folder on a network drive holds no junctions but may hold symbolic links', () => {
    fake.remoteDrives.add('C:')
    const caps = createWin32Platform().capabilities('C:\\w')
    expect(caps.junctions).toBe(false)
    expect(caps.junctionsWhy).toContain('C:\\ is a network drive, which cannot hold junctions')
    expect(caps.junctionsWhy).toContain('use a folder symbolic link')
    expect(caps.symlinks).toBe('yes')
    expect(caps.symlinksWhy).toBeUndefined()
  })

  it('without a folder it is what the platform can make', () => {
    fake.volume = { fileSystem: 'FAT32', flags: 0x00000003 }
    expect(createWin32Platform().capabilities().junctions).toBe(true)
  })
})
