/**
 * The Win32 LinkPlatform's logic over a fake kernel32 (tests/fakes/fake-kernel32.ts): what Wine cannot show
 * (reparse points) and what must hold whatever the OS claims (post-conditions, clean-up, retries).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

import {
  encodeAppExecLink,
  encodeLxSymlink,
  encodeMountPoint,
  encodeSymlink,
} from '../../../electron/engine/platform/win32/codec/reparse-buffer'
import { LinkError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import { FakeKernel32 } from '../../fakes/fake-kernel32'

let fake = new FakeKernel32()
vi.mock('../../../electron/engine/platform/win32/bindings/kernel32', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../electron/engine/platform/win32/bindings/kernel32')>()),
  kernel32: () => fake,
}))

const { createWin32Platform } = await import('../../../electron/engine/platform/win32/link-platform.win32')
const { probeSymlinks } = await import('../../../electron/engine/platform/win32/symlink-probe')
const { kindFromFindData } = await import('../../../electron/engine/platform/win32/dir-reader')

function errorOf(fn: () => unknown): LinkError | { code: 'no error'; message: string } {
  try {
    fn()
  } catch (e) {
    if (e instanceof LinkError) return e
    throw e
  }
  return { code: 'no error', message: '' }
}

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

describe('createSymlink', () => {
  it('asks for an unprivileged link first and verifies the result', () => {
    const p = createWin32Platform()
    fake.file('C:\\w\\t.txt')
    p.createSymlink('t.txt', 'C:\\w\\l', 'file')
    expect(fake.calls).toContain('CreateSymbolicLinkW 2')
    expect(p.readLink('C:\\w\\l')).toBe('t.txt')
    const e = p.entry('C:\\w\\l')
    expect(e).toMatchObject({
      kind: 'symlink',
      target: 't.txt',
      resolved: 'C:\\w\\t.txt',
      status: 'ok',
      targetKind: 'file',
    })
  })

  it('sets the directory flag and stores / as \\', () => {
    const p = createWin32Platform()
    fake.mkdir('C:\\w\\d')
    fake.mkdir('C:\\w\\d\\sub')
    p.createSymlink('d/sub', 'C:\\w\\l', 'dir')
    expect(fake.calls).toContain('CreateSymbolicLinkW 3')
    expect(p.readLink('C:\\w\\l')).toBe('d\\sub')
    expect(p.entry('C:\\w\\l')).toMatchObject({ targetKind: 'dir', status: 'ok' })
  })

  it('gives Windows an absolute target past MAX_PATH in its \\\\?\\ form; short and relative ones as written', () => {
    const p = createWin32Platform()
    const long = `C:\\${'d'.repeat(120)}\\${'e'.repeat(120)}\\t.txt`
    p.createSymlink(long, 'C:\\w\\long', 'file')
    p.createSymlink('C:\\short\\t.txt', 'C:\\w\\short', 'file')
    p.createSymlink('..\\rel.txt', 'C:\\w\\rel', 'file')
    expect(fake.symlinkTargets).toEqual([`\\\\?\\${long}`, 'C:\\short\\t.txt', '..\\rel.txt'])
    expect(p.readLink('C:\\w\\long')).toBe(long)
  })

  it('retries without ALLOW_UNPRIVILEGED_CREATE when Windows predates 1703 (87)', () => {
    fake.mode.symlinks = 'old-os'
    createWin32Platform().createSymlink('x', 'C:\\w\\l', 'file')
    expect(fake.calls.filter((c) => c.startsWith('CreateSymbolicLinkW'))).toEqual([
      'CreateSymbolicLinkW 2',
      'CreateSymbolicLinkW 0',
    ])
    expect(fake.exists('C:\\w\\l')).toBe(true)
  })

  it('turns 1314 into PRIVILEGE_REQUIRED with the way out', () => {
    fake.mode.symlinks = 'privilege'
    let caught: unknown
    try {
      createWin32Platform().createSymlink('x', 'C:\\w\\l', 'file')
    } catch (e) {
      caught = e
    }
    expect((caught as LinkError).code).toBe('PRIVILEGE_REQUIRED')
    expect((caught as LinkError).message).toMatch(/Developer Mode/)
  })

  it('catches a success that created nothing (the Wine stub)', () => {
    fake.mode.symlinks = 'stub'
    expect(codeOf(() => createWin32Platform().createSymlink('x', 'C:\\w\\l', 'file'))).toBe('UNSUPPORTED_ON_PLATFORM')
  })

  it('refuses taken and invalid names before any call', () => {
    fake.file('C:\\w\\taken')
    const p = createWin32Platform()
    expect(codeOf(() => p.createSymlink('x', 'C:\\w\\taken', 'file'))).toBe('ALREADY_EXISTS')
    expect(codeOf(() => p.createSymlink('x', 'C:\\w\\LPT1.txt', 'file'))).toBe('INVALID_NAME')
    expect(codeOf(() => p.createSymlink('', 'C:\\w\\l', 'file'))).toBe('INVALID_ARGUMENT')
    expect(fake.calls.filter((c) => c.startsWith('CreateSymbolicLinkW'))).toEqual([])
  })
})

describe('createHardLink', () => {
  it('5 names both paths: Windows also opens the file itself to write its attributes', () => {
    fake.file('C:\\w\\protected.txt')
    fake.writeProtected.add('c:\\w\\protected.txt')
    const e = errorOf(() => createWin32Platform().createHardLink('C:\\w\\protected.txt', 'C:\\w\\new.txt'))
    expect(e.code).toBe('ACCESS_DENIED')
    expect(e.message).toContain('C:\\w\\new.txt')
    expect(e.message).toContain('C:\\w\\protected.txt')
    expect(fake.exists('C:\\w\\new.txt')).toBe(false)
  })
})

describe('capabilities', () => {
  it.each([
    ['works', 'yes'],
    ['old-os', 'yes'],
    ['privilege', 'privileged'],
    ['stub', 'no'],
  ] as const)('symlink probe when CreateSymbolicLinkW %s → %s, leaving nothing behind', (mode, answer) => {
    fake.mode.symlinks = mode
    fake.mkdir('C:\\tmp')
    expect(probeSymlinks('C:\\tmp')).toBe(answer)
    expect([...fake.names.keys()].filter((k) => k.startsWith('c:\\tmp\\'))).toEqual([])
  })

  it('probes once and keeps a yes', () => {
    const p = createWin32Platform()
    fake.mkdir('C:\\tmp')
    for (const v of ['TMPDIR', 'TMP', 'TEMP']) vi.stubEnv(v, 'C:\\tmp') // os.tmpdir() reads these
    const first = p.capabilities()
    expect(first.symlinks).toBe('yes')
    expect(fake.calls.filter((c) => /^(CreateSymbolicLinkW|DeleteFileW) /.test(c))).toHaveLength(2)
    const calls = fake.calls.length
    expect(p.capabilities()).toEqual(first)
    expect(fake.calls.length).toBe(calls)
    expect(first.junctions).toBe(true)
    expect(first.reveal).toBe(false)
    vi.unstubAllEnvs()
  })

  it('asks again after a refusal, so Developer Mode turned on shows without a restart', () => {
    const p = createWin32Platform()
    fake.mkdir('C:\\tmp')
    for (const v of ['TMPDIR', 'TMP', 'TEMP']) vi.stubEnv(v, 'C:\\tmp')
    fake.mode.symlinks = 'privilege'
    expect(p.capabilities().symlinks).toBe('privileged')
    fake.mode.symlinks = 'works' // the person turned Developer Mode on
    expect(p.capabilities().symlinks).toBe('yes')
    vi.unstubAllEnvs()
  })
})

describe('createJunction', () => {
  it('writes the mklink layout on a new folder and reads it back', () => {
    fake.mkdir('C:\\w\\target')
    const p = createWin32Platform()
    p.createJunction('C:/w/target/', 'C:\\w\\j')
    expect(fake.get('C:\\w\\j')!.reparse!.equals(encodeMountPoint('\\??\\C:\\w\\target', 'C:\\w\\target'))).toBe(true)
    expect(p.readLink('C:\\w\\j')).toBe('C:\\w\\target')
    expect(p.entry('C:\\w\\j')).toMatchObject({
      kind: 'junction',
      target: 'C:\\w\\target',
      resolved: 'C:\\w\\target',
      status: 'ok',
      targetKind: 'dir',
    })
    // the new folder is opened for the FSCTL sharing nothing
    expect(fake.opens.filter((o) => o.path === 'C:\\w\\j' && o.access === 0x40000000).map((o) => o.share)).toEqual([0])
  })

  it('removes its folder again when FSCTL_SET_REPARSE_POINT fails (50 → UNSUPPORTED_FS)', () => {
    fake.mode.setReparse = 'unsupported'
    fake.mkdir('C:\\w\\target')
    let caught: unknown
    try {
      createWin32Platform().createJunction('C:\\w\\target', 'C:\\w\\j')
    } catch (e) {
      caught = e
    }
    expect((caught as LinkError).code).toBe('UNSUPPORTED_FS')
    expect((caught as LinkError).message).toBe('The file system at C:\\w\\j does not support junctions.')
    expect(fake.exists('C:\\w\\j')).toBe(false)
    expect(fake.calls).toContain('RemoveDirectoryW C:\\w\\j')
  })

  it('is refused before anything is made on a volume without reparse points (FAT32, exFAT)', () => {
    fake.volume = { fileSystem: 'FAT32', flags: 0x00000003 }
    fake.mkdir('C:\\w\\target')
    const e = errorOf(() => createWin32Platform().createJunction('C:\\w\\target', 'C:\\w\\j'))
    expect(e.code).toBe('UNSUPPORTED_FS')
    expect(e.message).toContain('C:\\ (FAT32) cannot hold junctions')
    expect(e.message).toContain('Make the junction on an NTFS drive')
    expect(fake.calls.some((c) => c.startsWith('CreateDirectoryW'))).toBe(false)
    expect(fake.exists('C:\\w\\j')).toBe(false)
  })

  it('is refused, suggesting a folder symbolic link, when the target is on a mapped network drive', () => {
    fake.remoteDrives.add('Z:')
    fake.names.set('z:', { shown: 'Z:', obj: fake.get('C:')! })
    fake.mkdir('Z:\\share')
    const e = errorOf(() => createWin32Platform().createJunction('Z:\\share', 'C:\\w\\j'))
    expect(e.code).toBe('UNSUPPORTED_FS')
    expect(e.message).toContain('Use a folder symbolic link instead')
    expect(fake.exists('C:\\w\\j')).toBe(false)
    expect(errorOf(() => createWin32Platform().createJunction('\\\\srv\\share\\d', 'C:\\w\\j')).message).toContain(
      'Use a folder symbolic link instead',
    )
  })

  it('is refused in a folder on a network drive', () => {
    fake.remoteDrives.add('C:')
    fake.mkdir('C:\\w\\target')
    const e = errorOf(() => createWin32Platform().createJunction('D:\\local', 'C:\\w\\j'))
    expect(e.code).toBe('UNSUPPORTED_FS')
    fake.remoteDrives.clear()
    fake.remoteDrives.add('Z:')
    createWin32Platform().createJunction('C:\\w\\target', 'C:\\w\\j')
    expect(fake.get('C:\\w\\j')?.reparse).toBeTruthy()
  })

  it('never touches an existing name', () => {
    fake.mkdir('C:\\w\\j')
    expect(codeOf(() => createWin32Platform().createJunction('C:\\w', 'C:\\w\\j'))).toBe('ALREADY_EXISTS')
    expect(fake.calls).not.toContain('RemoveDirectoryW C:\\w\\j')
    expect(fake.exists('C:\\w\\j')).toBe(true)
  })

  it('a dangling junction is broken, a self-loop is a loop', () => {
    const p = createWin32Platform()
    fake.reparse('C:\\w\\gone', encodeMountPoint('\\??\\C:\\w\\missing', 'C:\\w\\missing'), true)
    fake.reparse('C:\\w\\self', encodeMountPoint('\\??\\C:\\w\\self', 'C:\\w\\self'), true)
    expect(p.entry('C:\\w\\gone')).toMatchObject({ kind: 'junction', status: 'broken', targetKind: null })
    expect(p.entry('C:\\w\\self')).toMatchObject({ kind: 'junction', status: 'loop', targetKind: null })
  })
})

describe('relative links', () => {
  it('resolve from the folder that really holds them (through a junction), as Windows reads them', () => {
    fake.mkdir('C:\\real')
    fake.file('C:\\t.txt')
    fake.reparse('C:\\w\\j', encodeMountPoint('\\??\\C:\\real', 'C:\\real'), true)
    fake.reparse('C:\\real\\l', encodeSymlink('..\\t.txt', '..\\t.txt', true), false)
    // lexically C:\w\j\..\t.txt is C:\w\t.txt, which does not exist; Windows reads C:\real\..\t.txt
    expect(createWin32Platform().entry('C:\\w\\j\\l')).toMatchObject({
      resolved: 'C:\\t.txt',
      status: 'ok',
      targetKind: 'file',
    })
  })

  it('drive-relative text (D:x) leads nowhere fixed: broken, with no resolved path', () => {
    fake.reparse('C:\\w\\d', encodeSymlink('D:x', 'D:x', true), false)
    const e = createWin32Platform().entry('C:\\w\\d')
    expect(e).toMatchObject({ target: 'D:x', status: 'broken', targetKind: null })
    expect(e.resolved).toBeUndefined()
  })
})

describe('entries no open reaches', () => {
  it('a locked system file is shown from its directory record, not as unreadable', () => {
    fake.file('C:\\pagefile.sys', 4096)
    fake.get('C:\\pagefile.sys')!.attrs |= 0x6 // hidden, system
    fake.locked.add('c:\\pagefile.sys')
    expect(createWin32Platform().entry('C:\\pagefile.sys')).toMatchObject({
      name: 'pagefile.sys',
      kind: 'file',
      size: 4096,
      hidden: true,
      status: 'n/a',
      id: '',
    })
    expect(codeOf(() => createWin32Platform().entry('C:\\missing.sys'))).toBe('NOT_FOUND')
  })
})

describe('entry kinds from reparse data', () => {
  it('volume mount points, WSL links, app aliases, cloud files', () => {
    const p = createWin32Platform()
    const vol = '\\??\\Volume{3f2504e0-4f89-11d3-9a0c-0305e82c3301}\\'
    fake.reparse('C:\\w\\mnt', encodeMountPoint(vol, ''), true)
    fake.file('C:\\w\\real.txt')
    fake.reparse('C:\\w\\wsl', encodeLxSymlink('real.txt'), false)
    fake.reparse('C:\\w\\wsl-abs', encodeLxSymlink('/usr/bin'), false)
    fake.reparse('C:\\w\\wt.exe', encodeAppExecLink(['pkg', 'pkg!App', 'C:\\Apps\\wt.exe', '0']), false)
    fake.reparse('C:\\w\\cloud.docx', Buffer.from('1af00090000000000', 'hex').subarray(0, 8), false)
    expect(p.entry('C:\\w\\mnt')).toMatchObject({
      kind: 'mount-point',
      target: '\\\\?\\Volume{3f2504e0-4f89-11d3-9a0c-0305e82c3301}\\',
    })
    expect(p.entry('C:\\w\\wsl')).toMatchObject({
      kind: 'wsl-symlink',
      target: 'real.txt',
      resolved: 'C:\\w\\real.txt',
      status: 'ok',
      targetKind: 'file',
    })
    expect(p.entry('C:\\w\\wsl-abs')).toMatchObject({
      kind: 'wsl-symlink',
      target: '/usr/bin',
      status: 'n/a',
      targetKind: null,
    })
    expect(p.entry('C:\\w\\wsl-abs').resolved).toBeUndefined()
    expect(p.entry('C:\\w\\wt.exe')).toMatchObject({ kind: 'app-exec-link', target: 'C:\\Apps\\wt.exe', status: 'n/a' })
    expect(p.entry('C:\\w\\cloud.docx')).toMatchObject({ kind: 'file', tag: 'cloud placeholder', status: 'n/a' })
    expect(p.entry('C:\\w\\cloud.docx').target).toBeUndefined()
    expect(codeOf(() => p.readLink('C:\\w\\wt.exe'))).toBe('NOT_A_LINK')
    expect(codeOf(() => p.readLink('C:\\w\\cloud.docx'))).toBe('NOT_A_LINK')
    expect(p.readLink('C:\\w\\wsl-abs')).toBe('/usr/bin')
  })

  it('a folder with a non-link tag (OneDrive, ProjFS) stays a folder: listed, linked into, a junction and symlink target', () => {
    const tag = (t: number): Buffer => {
      const b = Buffer.alloc(8)
      b.writeUInt32LE(t, 0)
      return b
    }
    fake.reparse('C:\\w\\Documents', tag(0x9000101a), true)
    fake.reparse('C:\\w\\proj', tag(0x9000001c), true)
    fake.file('C:\\w\\Documents\\a.txt')
    const p = createWin32Platform()
    expect(p.entry('C:\\w\\Documents')).toMatchObject({ kind: 'dir', tag: 'cloud placeholder', status: 'n/a' })
    expect(p.entry('C:\\w\\proj')).toMatchObject({ kind: 'dir', tag: 'ProjFS placeholder' })
    expect(p.entry('C:\\w\\Documents\\a.txt').tag).toBeUndefined()
    const r = p.openDir('C:\\w\\Documents')
    expect(r.next(10)).toEqual(['a.txt'])
    r.close()
    p.createHardLink('C:\\w\\Documents\\a.txt', 'C:\\w\\Documents\\b.txt')
    expect(p.entry('C:\\w\\Documents\\b.txt').links).toBe(2)
    p.createJunction('C:\\w\\Documents', 'C:\\w\\j')
    expect(p.entry('C:\\w\\j')).toMatchObject({ kind: 'junction', status: 'ok', targetKind: 'dir' })
    p.createSymlink('Documents', 'C:\\w\\s', 'dir')
    expect(p.entry('C:\\w\\s')).toMatchObject({ kind: 'symlink', status: 'ok', targetKind: 'dir' })
  })

  it('absolute symlinks show plain targets; ids use FILE_ID_INFO or fall back to the BHFI index', () => {
    fake.file('C:\\w\\t.txt')
    fake.reparse('C:\\w\\abs', encodeSymlink('\\??\\C:\\w\\t.txt', 'C:\\w\\t.txt', false), false)
    const p = createWin32Platform()
    const withFileId = p.entry('C:\\w\\abs')
    expect(withFileId).toMatchObject({ target: 'C:\\w\\t.txt', resolved: 'C:\\w\\t.txt', status: 'ok' })
    expect(withFileId.id).toMatch(/^43000000:[0-9a-f]+$/)
    fake.mode.fileIdInfo = false
    expect(p.entry('C:\\w\\abs').id).toBe(withFileId.id)
  })
})

describe('removeEntry', () => {
  it('never removes a volume mount point (the mount manager would keep a stale entry); a junction into that volume goes', () => {
    const vol = '\\??\\Volume{3f2504e0-4f89-11d3-9a0c-0305e82c3301}\\'
    fake.reparse('C:\\w\\mnt', encodeMountPoint(vol, ''), true)
    fake.reparse('C:\\w\\into', encodeMountPoint(`${vol}sub`, ''), true)
    const p = createWin32Platform()
    expect(codeOf(() => p.removeEntry('C:\\w\\mnt', p.entry('C:\\w\\mnt')))).toBe('FORBIDDEN')
    expect(codeOf(() => p.removeEntry('C:\\w\\mnt', { ...p.entry('C:\\w\\mnt'), kind: 'junction' }))).toBe('FORBIDDEN')
    expect(fake.exists('C:\\w\\mnt')).toBe(true)
    expect(p.entry('C:\\w\\into').kind).toBe('junction')
    p.removeEntry('C:\\w\\into', p.entry('C:\\w\\into'))
    expect(fake.exists('C:\\w\\into')).toBe(false)
  })

  it('says a read-only name is read-only; "remove anyway" needs IGNORE_READONLY and never clears the attribute', () => {
    fake.file('C:\\w\\a.txt')
    const p = createWin32Platform()
    p.createHardLink('C:\\w\\a.txt', 'C:\\w\\b.txt')
    fake.get('C:\\w\\a.txt')!.attrs |= 1
    const seen = p.entry('C:\\w\\a.txt')
    expect(() => p.removeEntry('C:\\w\\a.txt', seen)).toThrow(/is read-only/)
    fake.mode.posixDelete = false // no FileDispositionInfoEx: the classic disposition would need the attribute cleared
    expect(codeOf(() => p.removeEntry('C:\\w\\a.txt', seen, { readOnlyToo: true }))).toBe('UNSUPPORTED_FS')
    expect(fake.calls.filter((c) => c.startsWith('FileDisposition'))).toEqual([])
    fake.mode.posixDelete = true
    p.removeEntry('C:\\w\\a.txt', seen, { readOnlyToo: true })
    expect(fake.exists('C:\\w\\a.txt')).toBe(false)
    expect(p.entry('C:\\w\\b.txt')).toMatchObject({ readonly: true, links: 1 })
  })

  it('deletes folder and file links through their own handle (POSIX semantics), never the target', () => {
    const p = createWin32Platform()
    fake.mkdir('C:\\w\\target')
    fake.file('C:\\w\\target\\keep.txt')
    fake.reparse('C:\\w\\j', encodeMountPoint('\\??\\C:\\w\\target', 'C:\\w\\target'), true)
    fake.reparse('C:\\w\\fl', encodeSymlink('target\\keep.txt', 'target\\keep.txt', true), false)
    p.removeEntry('C:\\w\\j', p.entry('C:\\w\\j'))
    p.removeEntry('C:\\w\\fl', p.entry('C:\\w\\fl'))
    expect(fake.calls).toEqual(['FileDispositionInfoEx C:\\w\\j', 'FileDispositionInfoEx C:\\w\\fl'])
    expect(fake.exists('C:\\w\\j') || fake.exists('C:\\w\\fl')).toBe(false)
    expect(fake.exists('C:\\w\\target\\keep.txt')).toBe(true)
  })

  it('a name another program holds open: gone at once with POSIX semantics; else pending, which is success', () => {
    fake.file('C:\\w\\a.txt')
    const p = createWin32Platform()
    p.createHardLink('C:\\w\\a.txt', 'C:\\w\\b.txt')
    fake.heldOpen.add('c:\\w\\b.txt')
    p.removeEntry('C:\\w\\b.txt', p.entry('C:\\w\\b.txt'))
    expect(fake.exists('C:\\w\\b.txt')).toBe(false)
    expect(p.entry('C:\\w\\a.txt').links).toBe(1)
    fake.mode.posixDelete = false // FAT, ReFS, SMB, older Windows: the classic disposition
    p.createHardLink('C:\\w\\a.txt', 'C:\\w\\c.txt')
    fake.heldOpen.add('c:\\w\\c.txt')
    p.removeEntry('C:\\w\\c.txt', p.entry('C:\\w\\c.txt')) // no "still there", no "access denied"
    expect(fake.exists('C:\\w\\c.txt')).toBe(true)
    fake.release('C:\\w\\c.txt')
    expect(fake.exists('C:\\w\\c.txt')).toBe(false)
    expect(p.entry('C:\\w\\a.txt').links).toBe(1)
  })

  it('falls back to the classic disposition where POSIX delete is refused (87)', () => {
    fake = new FakeKernel32({ posixDelete: false })
    fake.mkdir('C:\\w')
    fake.file('C:\\w\\a.txt')
    fake.CreateHardLinkW('C:\\w\\b.txt', 'C:\\w\\a.txt')
    createWin32Platform().removeEntry('C:\\w\\b.txt', createWin32Platform().entry('C:\\w\\b.txt'))
    expect(fake.calls.filter((c) => c.startsWith('FileDisposition'))).toEqual(['FileDispositionInfo C:\\w\\b.txt'])
    expect(fake.exists('C:\\w\\b.txt')).toBe(false)
    expect(fake.get('C:\\w\\a.txt')?.links).toBe(1)
  })

  it('never deletes the only name of a file, whatever the caller saw before (LAST_NAME)', () => {
    fake.file('C:\\w\\only.txt')
    expect(
      codeOf(() =>
        createWin32Platform().removeEntry('C:\\w\\only.txt', createWin32Platform().entry('C:\\w\\only.txt')),
      ),
    ).toBe('LAST_NAME')
    expect(fake.exists('C:\\w\\only.txt')).toBe(true)
    expect(fake.calls.filter((c) => c.startsWith('FileDisposition'))).toEqual([])
  })

  it('acts in the folder a junction leads to, and only there; the elevated helper refuses such a folder', async () => {
    const { actStrictly } = await import('../../../electron/engine/platform/acting')
    fake.mkdir('C:\\admin')
    fake.reparse('C:\\admin\\l', encodeSymlink('x', 'x', true), false)
    // C:\w\p was a folder when the app looked; now it is a junction to C:\admin.
    fake.reparse('C:\\w\\p', encodeMountPoint('\\??\\C:\\admin', 'C:\\admin'), true)
    actStrictly(true)
    try {
      expect(
        codeOf(() => createWin32Platform().removeEntry('C:\\w\\p\\l', createWin32Platform().entry('C:\\admin\\l'))),
      ).toBe('FORBIDDEN')
      expect(codeOf(() => createWin32Platform().createSymlink('y', 'C:\\w\\p\\new', 'file'))).toBe('FORBIDDEN')
      expect(fake.exists('C:\\admin\\l') && !fake.exists('C:\\admin\\new')).toBe(true)
    } finally {
      actStrictly(false)
    }
    // An ordinary operation follows the junction, as the person navigated, and names the real folder.
    createWin32Platform().removeEntry('C:\\w\\p\\l', createWin32Platform().entry('C:\\admin\\l'))
    expect(fake.calls.filter((c) => c.startsWith('FileDisposition'))).toEqual(['FileDispositionInfoEx C:\\admin\\l'])
  })

  it('refuses a link that was replaced by another link after the caller looked (CHANGED, nothing removed)', () => {
    fake.reparse('C:\\w\\l', encodeSymlink('a', 'a', true), false)
    const p = createWin32Platform()
    const seen = p.entry('C:\\w\\l')
    fake.names.delete('c:\\w\\l')
    fake.reparse('C:\\w\\l', encodeSymlink('b', 'b', true), false) // same name and kind, another entry
    expect(codeOf(() => p.removeEntry('C:\\w\\l', seen))).toBe('CHANGED')
    expect(p.readLink('C:\\w\\l')).toBe('b')
    expect(fake.calls.filter((c) => c.startsWith('FileDisposition'))).toEqual([])
  })

  it('refuses an entry that is no longer a link', () => {
    fake.mkdir('C:\\w\\was-a-link')
    expect(
      codeOf(() => createWin32Platform().removeEntry('C:\\w\\was-a-link', { kind: 'junction' } as LinkEntry)),
    ).toBe('NOT_A_LINK')
    expect(fake.calls).toEqual([])
  })

  it('refuses a reparse point without a link tag (how Wine shows host symlinks) and cloud files as links', () => {
    fake.mkdir('C:\\w\\target')
    fake.reparse('C:\\w\\host-link', Buffer.alloc(8), true)
    fake.reparse('C:\\w\\cloud', Buffer.from('1a000090 0000 0000'.replace(/ /g, ''), 'hex'), true)
    const p = createWin32Platform()
    expect(codeOf(() => p.removeEntry('C:\\w\\host-link', { kind: 'symlink' } as LinkEntry))).toBe('NOT_A_LINK')
    expect(codeOf(() => p.removeEntry('C:\\w\\cloud', { kind: 'junction' } as LinkEntry))).toBe('NOT_A_LINK')
    expect(fake.calls).toEqual([])
    expect(p.entry('C:\\w\\host-link')).toMatchObject({ kind: 'dir', status: 'n/a' })
  })
})

describe('replaceLink', () => {
  it('replaces a file link in one MoveFileExW', () => {
    fake.reparse('C:\\w\\new', encodeSymlink('b', 'b', true), false)
    fake.reparse('C:\\w\\link', encodeSymlink('a', 'a', true), false)
    const p = createWin32Platform()
    p.replaceLink('C:\\w\\new', 'C:\\w\\link', p.entry('C:\\w\\link'))
    expect(p.readLink('C:\\w\\link')).toBe('b')
    expect(fake.calls).toEqual(['MoveFileExW C:\\w\\new -> C:\\w\\link 1'])
  })

  it('swaps a junction through a side name, then removes only the old link', () => {
    fake.mkdir('C:\\w\\a')
    fake.mkdir('C:\\w\\b')
    fake.reparse('C:\\w\\j', encodeMountPoint('\\??\\C:\\w\\a', 'C:\\w\\a'), true)
    fake.reparse('C:\\w\\tmp', encodeMountPoint('\\??\\C:\\w\\b', 'C:\\w\\b'), true)
    const p = createWin32Platform()
    p.replaceLink('C:\\w\\tmp', 'C:\\w\\j', p.entry('C:\\w\\j'))
    expect(p.readLink('C:\\w\\j')).toBe('C:\\w\\b')
    expect(fake.exists('C:\\w\\tmp')).toBe(false)
    const moves = fake.calls.filter((c) => c.startsWith('MoveFileExW'))
    expect(moves).toHaveLength(2)
    expect(moves[0]).toMatch(/^MoveFileExW C:\\w\\j -> C:\\w\\\.linkscope-old-[0-9a-f]{12} 0$/)
    expect(moves[1]).toBe('MoveFileExW C:\\w\\tmp -> C:\\w\\j 0')
    expect(fake.calls).toContain(`FileDispositionInfoEx ${moves[0]!.split(' -> ')[1]!.slice(0, -2)}`)
    expect([...fake.names.keys()].filter((k) => k.includes('linkscope-old'))).toEqual([])
    expect(fake.exists('C:\\w\\a') && fake.exists('C:\\w\\b')).toBe(true)
  })

  it('replaces nothing when the old link changed after the caller looked (file link and junction)', () => {
    const p = createWin32Platform()
    fake.mkdir('C:\\w\\a')
    fake.reparse('C:\\w\\link', encodeSymlink('a', 'a', true), false)
    fake.reparse('C:\\w\\j', encodeMountPoint('\\??\\C:\\w\\a', 'C:\\w\\a'), true)
    const seenLink = p.entry('C:\\w\\link')
    const seenJ = p.entry('C:\\w\\j')
    fake.names.delete('c:\\w\\link')
    fake.reparse('C:\\w\\link', encodeSymlink('other', 'other', true), false)
    fake.names.delete('c:\\w\\j')
    fake.reparse('C:\\w\\j', encodeMountPoint('\\??\\C:\\w\\a', 'C:\\w\\a'), true)
    fake.reparse('C:\\w\\new', encodeSymlink('b', 'b', true), false)
    fake.reparse('C:\\w\\tmp', encodeMountPoint('\\??\\C:\\w\\a', 'C:\\w\\a'), true)
    expect(codeOf(() => p.replaceLink('C:\\w\\new', 'C:\\w\\link', seenLink))).toBe('CHANGED')
    expect(codeOf(() => p.replaceLink('C:\\w\\tmp', 'C:\\w\\j', seenJ))).toBe('CHANGED')
    expect(p.readLink('C:\\w\\link')).toBe('other')
    expect(fake.calls.filter((c) => c.startsWith('MoveFileExW'))).toEqual([])
  })

  it('puts the old junction back when the new one cannot move in', () => {
    fake.mkdir('C:\\w\\a')
    fake.reparse('C:\\w\\j', encodeMountPoint('\\??\\C:\\w\\a', 'C:\\w\\a'), true)
    const p = createWin32Platform()
    expect(codeOf(() => p.replaceLink('C:\\w\\missing', 'C:\\w\\j', p.entry('C:\\w\\j')))).toBe('NOT_FOUND')
    expect(p.readLink('C:\\w\\j')).toBe('C:\\w\\a')
  })

  it('never replaces a real folder', () => {
    fake.mkdir('C:\\w\\real')
    fake.file('C:\\w\\f')
    expect(
      codeOf(() => createWin32Platform().replaceLink('C:\\w\\f', 'C:\\w\\real', { kind: 'symlink' } as LinkEntry)),
    ).toBe('ALREADY_EXISTS')
    expect(fake.calls).toEqual([])
  })
})

describe('allNames and volumes', () => {
  it("joins names and finds the volume root by where the file really is, not by the path's text", () => {
    fake.mkdir('E:')
    fake.mkdir('E:\\d')
    fake.file('E:\\d\\x.txt')
    fake.reparse('C:\\w\\j', encodeMountPoint('\\??\\E:\\d', 'E:\\d'), true)
    const p = createWin32Platform()
    expect(p.volumeRoot('C:\\w\\j\\x.txt')).toBe('E:\\')
    expect(p.volumeRoot('C:\\w')).toBe('C:\\')
    expect(p.volumeRoot('C:\\w\\not-yet')).toBe('C:\\')
    expect(p.allNames('C:\\w\\j\\x.txt')).toEqual(['E:\\d\\x.txt'])
  })

  it('prefixes volume-relative names and retries on ERROR_MORE_DATA', () => {
    const deep = `C:\\w\\${'x'.repeat(200)}\\${'y'.repeat(200)}\\${'z'.repeat(200)}\\${'q'.repeat(200)}\\${'r'.repeat(200)}`
    fake.file('C:\\w\\a.txt')
    let dir = 'C:\\w'
    for (const part of deep.split('\\').slice(2)) {
      dir = `${dir}\\${part}`
      fake.mkdir(dir)
    }
    const p = createWin32Platform()
    p.createHardLink('C:\\w\\a.txt', `${deep}\\b.txt`)
    expect(p.allNames('C:\\w\\a.txt')).toEqual(['C:\\w\\a.txt', `${deep}\\b.txt`])
    fake.mode.findFileNames = false
    expect(p.allNames('C:\\w\\a.txt')).toBeNull()
  })

  it('names the volume for people', () => {
    expect(createWin32Platform().volumeOf('C:\\w')).toBe('C:\\ "Data" (NTFS)')
  })

  it('classifies listing records without opening them', () => {
    expect(kindFromFindData({ attributes: 0x10, reparseTag: 0 })).toBe('dir')
    expect(kindFromFindData({ attributes: 0x20, reparseTag: 0 })).toBe('file')
    expect(kindFromFindData({ attributes: 0x410, reparseTag: 0xa0000003 })).toBe('junction')
    expect(kindFromFindData({ attributes: 0x420, reparseTag: 0xa000000c })).toBe('symlink')
    expect(kindFromFindData({ attributes: 0x420, reparseTag: 0x9000101a })).toBe('file')
    expect(kindFromFindData({ attributes: 0x410, reparseTag: 0x9000101a })).toBe('dir')
    expect(kindFromFindData({ attributes: 0x410, reparseTag: 0x9000001c })).toBe('dir') // ProjFS
    expect(kindFromFindData({ attributes: 0x410, reparseTag: 0 })).toBe('dir') // Wine: dwReserved0 is always 0
  })

  it('lists a folder in batches', () => {
    for (const n of ['a', 'b', 'c', 'd', 'e']) fake.file(`C:\\w\\${n}`)
    const r = createWin32Platform().openDir('C:\\w')
    expect([r.next(2), r.next(2), r.next(2), r.next(2)]).toEqual([['a', 'b'], ['c', 'd'], ['e'], null])
    r.close()
  })
})
