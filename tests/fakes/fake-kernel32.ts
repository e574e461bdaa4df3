/**
 * An in-memory stand-in for the koffi bindings, so the backend's logic above them (post-condition
 * checks, retries, clean-up, routing of removals, swaps) runs on any OS. It models the Win32 answers
 * described in docs/windows.md; `mode` switches between real-Windows behaviour and Wine's stubs.
 * It is not a file system: only what these tests touch is modelled.
 */
import type { BindingCaps, Call, Handle, Kernel32 } from '../../electron/engine/platform/win32/bindings/kernel32'
import { INVALID_HANDLE_VALUE } from '../../electron/engine/platform/win32/bindings/kernel32'
import { msToFiletime } from '../../electron/engine/platform/win32/codec/file-info'
import { resolveStoredTarget, toDisplay } from '../../electron/engine/platform/win32/codec/paths'
import { decodeReparseBuffer, encodeSymlink } from '../../electron/engine/platform/win32/codec/reparse-buffer'
import { isLinkTag } from '../../electron/engine/platform/win32/codec/reparse-tags'

type FileObj = {
  id: bigint
  attrs: number
  size: number
  links: number
  reparse: Buffer | null
  /** a folder marked case-sensitive (fsutil file setCaseSensitiveInfo) */
  caseSensitive?: boolean
}

export type FakeMode = {
  /** 'works' | Wine's stub (TRUE, nothing made) | no Developer Mode (1314) | pre-1703 (87 for flag 2) */
  symlinks: 'works' | 'stub' | 'privilege' | 'old-os'
  /** FSCTL_SET_REPARSE_POINT: works, or 50 as on Wine / FAT */
  setReparse: 'works' | 'unsupported'
  /** GetFileInformationByHandleEx(FileIdInfo) available */
  fileIdInfo: boolean
  findFileNames: boolean
  /** FileDispositionInfoEx with POSIX semantics (false: 87, as before Windows 10 1709 or on FAT) */
  posixDelete: boolean
  /** ntdll!NtQueryInformationByName: not exported (Wine), answering, or exported without FileStatInformation (before 1709) */
  ntByName: 'absent' | 'works' | 'no-stat-class'
}

const parentKey = (k: string): string => k.slice(0, k.lastIndexOf('\\')) || k
const SERIAL = 0x43000000
const MTIME = Date.UTC(2024, 0, 2, 3, 4, 5)

export class FakeKernel32 implements Kernel32 {
  readonly names = new Map<string, { shown: string; obj: FileObj }>()
  readonly calls: string[] = []
  /** paths every open fails on with 32, as pagefile.sys does */
  readonly locked = new Set<string>()
  /** names another program holds open (sharing delete): without POSIX semantics a delete only marks them pending */
  readonly heldOpen = new Set<string>()
  /** names deleted while held open: still listed, every open answers 5, gone when released */
  private readonly pendingDelete = new Set<string>()
  /** files whose attributes this user may not write: CreateHardLinkW, which writes them, answers 5 */
  readonly writeProtected = new Set<string>()
  /** every CreateFileW: what was asked for */
  readonly opens: { path: string; access: number; share: number }[] = []
  /** what GetVolumeInformationW reports for every volume (NTFS by default; FAT32 has no 0x80) */
  volume = { fileSystem: 'NTFS', flags: 0x00400080 }
  /** drive letters ("Z:") GetDriveTypeW calls DRIVE_REMOTE, as for a mapped network drive */
  readonly remoteDrives = new Set<string>()
  /** the target text each CreateSymbolicLinkW call got */
  readonly symlinkTargets: string[] = []
  private readonly handles = new Map<Handle, FileObj>()
  /** where each handle was opened, after following: what GetFinalPathNameByHandleW answers */
  private readonly handlePaths = new Map<Handle, string>()
  private nextId = 0x100n
  private nextHandle = 0x40n
  private lastError = 0
  mode: FakeMode

  constructor(mode: Partial<FakeMode> = {}) {
    this.mode = {
      symlinks: 'works',
      setReparse: 'works',
      fileIdInfo: true,
      findFileNames: true,
      posixDelete: true,
      ntByName: 'absent',
      ...mode,
    }
    this.names.set('c:', { shown: 'C:', obj: this.newObj(0x10) })
  }

  get caps(): BindingCaps {
    return {
      findFileNames: this.mode.findFileNames,
      fileInformationByName: false,
      ntQueryInformationByName: this.mode.ntByName !== 'absent',
      wineVersion: null,
      missing: [],
    }
  }

  // ---- test helpers -------------------------------------------------------------------------
  private newObj(attrs: number): FileObj {
    return { id: this.nextId++, attrs, size: 0, links: 1, reparse: null }
  }

  mkdir(p: string): void {
    this.add(p, this.newObj(0x10))
  }
  file(p: string, size = 3): void {
    this.add(p, { ...this.newObj(0x20), size })
  }
  reparse(p: string, buf: Buffer, dir: boolean): void {
    this.add(p, { ...this.newObj((dir ? 0x10 : 0x20) | 0x400), reparse: buf })
  }
  exists(p: string): boolean {
    return this.names.has(this.key(p))
  }
  get(p: string): FileObj | undefined {
    return this.names.get(this.key(p))?.obj
  }

  /** A name's key: lower case, except a name inside a folder marked case-sensitive, which is kept as it is. */
  private key(p: string): string {
    const [root, ...names] = toDisplay(p).split('\\')
    let k = root!.toLowerCase()
    for (const name of names) k = `${k}\\${this.names.get(k)?.obj.caseSensitive ? name : name.toLowerCase()}`
    return k
  }

  private add(p: string, obj: FileObj): void {
    this.names.set(this.key(p), { shown: toDisplay(p), obj })
  }

  private fail<R>(ret: R, err: number): Call<R> {
    this.lastError = err
    return { ret, err }
  }

  private ok<R>(ret: R): Call<R> {
    return { ret, err: this.lastError }
  }

  /** 2 when the parent exists, 3 when it does not (as Windows answers). */
  private missingCode(p: string): number {
    return this.names.has(parentKey(this.key(p))) ? 2 : 3
  }

  private children(k: string): string[] {
    return [...this.names.keys()].filter((n) => parentKey(n) === k && n !== k)
  }

  /** Follow symlinks and junctions like the object manager does, up to 31 hops (then 1921). */
  private follow(p: string): FileObj | number {
    return this.resolve(p).obj
  }

  private resolve(p: string): { obj: FileObj | number; at: string } {
    let current = this.realPath(toDisplay(p)) // links on the way first, then the entry itself
    for (let hop = 0; hop < 32; hop++) {
      const e = this.names.get(this.key(current))
      if (!e) return { obj: this.missingCode(current), at: current }
      if (!e.obj.reparse) return { obj: e.obj, at: e.shown }
      const { tag, data } = decodeReparseBuffer(e.obj.reparse)
      // A tag that is not a link (cloud, ProjFS): its filter serves the entry itself.
      if (!isLinkTag(tag)) return { obj: e.obj, at: e.shown }
      if (data.type === 'symlink') {
        // relative text is read from the folder that really holds the link
        const next = resolveStoredTarget(this.realPath(current), data.substituteName, data.relative)
        if (next === null) return { obj: 2, at: current }
        current = next
      } else if (data.type === 'mount-point') current = toDisplay(data.substituteName)
      else return { obj: 1920, at: current }
    }
    return { obj: 1921, at: current }
  }

  // ---- Kernel32 ----------------------------------------------------------------------------
  CreateHardLinkW(link: string, existing: string): Call<number> {
    this.calls.push(`CreateHardLinkW ${toDisplay(link)}`)
    const src = this.get(existing)
    if (!src) return this.fail(0, this.missingCode(existing))
    if (src.attrs & 0x10 || this.writeProtected.has(this.key(existing))) return this.fail(0, 5)
    if (this.exists(link)) return this.fail(0, 183)
    if (!this.names.has(parentKey(this.key(link)))) return this.fail(0, 3)
    src.links++
    this.add(link, src)
    return this.ok(1)
  }

  CreateSymbolicLinkW(link: string, target: string, flags: number): Call<number> {
    this.calls.push(`CreateSymbolicLinkW ${flags}`)
    if (this.mode.symlinks === 'stub') return { ret: 1, err: 0 }
    if (this.mode.symlinks === 'privilege') return this.fail(0, 1314)
    if (this.mode.symlinks === 'old-os' && flags & 2) return this.fail(0, 87)
    if (this.exists(link)) return this.fail(0, 183)
    if (!this.names.has(parentKey(this.key(link)))) return this.fail(0, 3)
    this.symlinkTargets.push(target)
    // Windows stores absolute text as \??\X:\… or \??\UNC\…, from a plain or a \\?\ form
    const plain = toDisplay(target)
    const absolute = /^[a-zA-Z]:\\/.test(plain) || plain.startsWith('\\\\')
    const subst = absolute ? `\\??\\${plain.startsWith('\\\\') ? `UNC\\${plain.slice(2)}` : plain}` : target
    this.reparse(link, encodeSymlink(subst, target, !absolute), (flags & 1) !== 0)
    return this.ok(1)
  }

  CreateDirectoryW(path: string): Call<number> {
    if (this.exists(path)) return this.fail(0, 183)
    if (!this.names.has(parentKey(this.key(path)))) return this.fail(0, 3)
    this.mkdir(path)
    return this.ok(1)
  }

  CreateFileW(path: string, access: number, share: number, _disposition: number, flags: number): Call<Handle> {
    this.opens.push({ path: toDisplay(path), access, share })
    if (this.locked.has(this.key(path))) return this.fail(INVALID_HANDLE_VALUE, 32)
    if (this.pendingDelete.has(this.key(path))) return this.fail(INVALID_HANDLE_VALUE, 5)
    const noFollow = (flags & 0x00200000) !== 0
    // Without following, links on the way are still followed; only the last component is not.
    const literal = noFollow ? this.realPath(toDisplay(path)) : ''
    const resolved = noFollow
      ? { obj: this.get(literal) ?? this.missingCode(literal), at: this.names.get(this.key(literal))?.shown ?? '' }
      : this.resolve(path)
    const target = resolved.obj
    if (typeof target === 'number') return this.fail(INVALID_HANDLE_VALUE, target)
    if (target.attrs & 0x10 && !(flags & 0x02000000)) return this.fail(INVALID_HANDLE_VALUE, 5)
    const h = this.nextHandle++
    this.handles.set(h, target)
    this.handlePaths.set(
      h,
      `${parentKey(this.key(resolved.at)) === this.key(resolved.at) ? resolved.at : this.realPath(resolved.at)}`,
    )
    return this.ok(h)
  }

  DeviceIoControl(
    h: Handle,
    code: number,
    input: Buffer | null,
    output: Buffer | null,
  ): Call<number> & { returned: number } {
    const obj = this.handles.get(h)
    if (!obj) return { ...this.fail(0, 6), returned: 0 }
    if (code === 0x000900a8) {
      if (!obj.reparse) return { ...this.fail(0, 4390), returned: 0 }
      obj.reparse.copy(output!)
      return { ...this.ok(1), returned: obj.reparse.length }
    }
    if (code === 0x000900a4) {
      this.calls.push('FSCTL_SET_REPARSE_POINT')
      if (this.mode.setReparse === 'unsupported') return { ...this.fail(0, 50), returned: 0 }
      obj.reparse = Buffer.from(input!)
      obj.attrs |= 0x400
      return { ...this.ok(1), returned: 0 }
    }
    return { ...this.fail(0, 1), returned: 0 }
  }

  CloseHandle(h: Handle): Call<number> {
    this.handlePaths.delete(h)
    return this.handles.delete(h) ? this.ok(1) : this.fail(0, 6)
  }

  /** The path with its folders resolved (a name inside a junction is reported under the junction's target). */
  private realPath(shown: string): string {
    const parent = shown.slice(0, shown.lastIndexOf('\\'))
    if (!parent || parent === shown) return shown
    const folder = this.resolve(parent)
    return `${typeof folder.obj === 'number' ? parent : folder.at}${shown.slice(parent.length)}`
  }

  GetFileAttributesW(path: string): Call<number> {
    const obj = this.get(path)
    return obj ? this.ok(obj.attrs) : this.fail(0xffffffff, this.missingCode(path))
  }

  GetFileInformationByHandle(h: Handle, out: Buffer): Call<number> {
    const obj = this.handles.get(h)
    if (!obj) return this.fail(0, 6)
    const ft = msToFiletime(MTIME)
    out.fill(0)
    out.writeUInt32LE(obj.attrs, 0)
    out.writeUInt32LE(ft.low, 20)
    out.writeUInt32LE(ft.high, 24)
    out.writeUInt32LE(SERIAL, 28)
    out.writeUInt32LE(obj.size, 36)
    out.writeUInt32LE(obj.links, 40)
    out.writeUInt32LE(Number(obj.id), 48)
    return this.ok(1)
  }

  GetFileInformationByHandleEx(h: Handle, infoClass: number, out: Buffer): Call<number> {
    const obj = this.handles.get(h)
    if (!obj) return this.fail(0, 6)
    if (infoClass === 18) {
      if (!this.mode.fileIdInfo) return this.fail(0, 87)
      out.fill(0)
      out.writeBigUInt64LE(BigInt(SERIAL), 0)
      out.writeBigUInt64LE(obj.id, 8)
      return this.ok(1)
    }
    if (infoClass === 23) {
      out.writeUInt32LE(obj.caseSensitive ? 1 : 0, 0)
      return this.ok(1)
    }
    if (infoClass === 9) {
      out.writeUInt32LE(obj.attrs, 0)
      out.writeUInt32LE(obj.reparse ? obj.reparse.readUInt32LE(0) : 0, 4)
      return this.ok(1)
    }
    return this.fail(0, 87)
  }

  private finds = new Map<Handle, string[]>()

  private writeFind(wfd: Buffer, name: string): void {
    const obj = name === '.' || name === '..' ? this.newObj(0x10) : this.names.get(name)!.obj
    const shown = name === '.' || name === '..' ? name : this.names.get(name)!.shown.split('\\').pop()!
    wfd.fill(0)
    wfd.writeUInt32LE(obj.attrs, 0)
    wfd.writeUInt32LE(obj.size, 32)
    wfd.writeUInt32LE(obj.reparse ? obj.reparse.readUInt32LE(0) : 0, 36)
    wfd.write(shown, 44, 'utf16le')
  }

  FindFirstFileExW(pattern: string, wfd: Buffer): Call<Handle> {
    if (!pattern.endsWith('\\*')) {
      // an exact name: that entry's own record, whatever holds it open
      const k = this.key(pattern)
      if (!this.names.has(k)) return this.fail(INVALID_HANDLE_VALUE, this.missingCode(pattern))
      const h = this.nextHandle++
      this.writeFind(wfd, k)
      this.finds.set(h, [])
      return this.ok(h)
    }
    const dir = this.key(pattern.replace(/\\\*$/, ''))
    const obj = this.names.get(dir)?.obj
    if (!obj) return this.fail(INVALID_HANDLE_VALUE, 3)
    if (!(obj.attrs & 0x10)) return this.fail(INVALID_HANDLE_VALUE, 267)
    const queue = ['.', '..', ...this.children(dir)]
    const h = this.nextHandle++
    this.writeFind(wfd, queue.shift()!)
    this.finds.set(h, queue)
    return this.ok(h)
  }

  FindNextFileW(h: Handle, wfd: Buffer): Call<number> {
    const queue = this.finds.get(h)
    if (!queue) return this.fail(0, 6)
    const next = queue.shift()
    if (next === undefined) return this.fail(0, 18)
    this.writeFind(wfd, next)
    return this.ok(1)
  }

  FindClose(h: Handle): Call<number> {
    return this.finds.delete(h) || this.nameFinds.delete(h) ? this.ok(1) : this.fail(0, 6)
  }

  private nameFinds = new Map<Handle, string[]>()

  private writeName(list: string[], length: number[], out: Buffer): number {
    const name = list[0]!
    if (name.length + 1 > (length[0] ?? 0)) {
      length[0] = name.length + 1
      return 234
    }
    list.shift()
    out.fill(0)
    out.write(name, 0, 'utf16le')
    length[0] = name.length + 1
    return 0
  }

  FindFirstFileNameW(path: string, length: number[], out: Buffer): Call<Handle> {
    const obj = this.follow(this.realPath(toDisplay(path)))
    if (typeof obj === 'number') return this.fail(INVALID_HANDLE_VALUE, obj)
    const list = [...this.names.values()].filter((e) => e.obj === obj).map((e) => e.shown.slice(2)) // "\dir\f.txt"
    const err = this.writeName(list, length, out)
    if (err) return this.fail(INVALID_HANDLE_VALUE, err)
    const h = this.nextHandle++
    this.nameFinds.set(h, list)
    return this.ok(h)
  }

  FindNextFileNameW(h: Handle, length: number[], out: Buffer): Call<number> {
    const list = this.nameFinds.get(h)
    if (!list) return this.fail(0, 6)
    if (list.length === 0) return this.fail(0, 38)
    const err = this.writeName(list, length, out)
    return err ? this.fail(0, err) : this.ok(1)
  }

  GetFileInformationByName(): Call<number> {
    throw new Error('not modelled')
  }

  /** FILE_STAT_INFORMATION of the entry itself (a link at the end is not followed); NTSTATUS in ret. */
  NtQueryInformationByName(ntPath: string, infoClass: number, out: Buffer): Call<number> {
    this.calls.push(`NtQueryInformationByName ${ntPath}`)
    if (this.mode.ntByName === 'absent') throw new Error('not exported')
    if (this.mode.ntByName === 'no-stat-class' || infoClass !== 68) return { ret: 0xc0000003 | 0, err: 0 }
    const obj = this.get(ntPath.replace(/^\\\?\?\\/, ''))
    if (!obj) return { ret: 0xc0000034 | 0, err: 0 }
    out.fill(0)
    out.writeBigUInt64LE(obj.id, 0)
    out.writeUInt32LE(obj.attrs, 56)
    out.writeUInt32LE(obj.reparse ? obj.reparse.readUInt32LE(0) : 0, 60)
    out.writeUInt32LE(obj.links, 64)
    return { ret: 0, err: 0 }
  }

  GetVolumePathNameW(path: string, out: Buffer): Call<number> {
    out.fill(0)
    out.write(`${toDisplay(path).slice(0, 2)}\\`, 0, 'utf16le')
    return this.ok(1)
  }

  GetVolumeInformationW(
    _root: string,
    label: Buffer,
    serial: number[],
    _max: number[],
    fsFlags: number[],
    fsName: Buffer,
  ): Call<number> {
    label.fill(0)
    label.write('Data', 0, 'utf16le')
    fsName.fill(0)
    fsName.write(this.volume.fileSystem, 0, 'utf16le')
    serial[0] = SERIAL
    fsFlags[0] = this.volume.flags
    return this.ok(1)
  }

  GetDriveTypeW(root: string): number {
    this.calls.push(`GetDriveTypeW ${toDisplay(root)}`)
    return this.remoteDrives.has(toDisplay(root).slice(0, 2).toUpperCase()) ? 4 : 3
  }

  GetFinalPathNameByHandleW(h: Handle, out: Buffer): Call<number> {
    const at = this.handlePaths.get(h)
    if (at === undefined) return this.fail(0, 6)
    const text = `\\\\?\\${at}`
    if ((text.length + 1) * 2 > out.length) return this.ok(text.length + 1)
    out.fill(0)
    out.write(text, 0, 'utf16le')
    return this.ok(text.length)
  }

  SetFileInformationByHandle(h: Handle, infoClass: number, data: Buffer): Call<number> {
    const obj = this.handles.get(h)
    const at = this.handlePaths.get(h)
    if (!obj || at === undefined) return this.fail(0, 6)
    if (infoClass === 21 && this.mode.posixDelete === false) return this.fail(0, 87)
    if (infoClass !== 21 && infoClass !== 4) return this.fail(0, 87)
    // A read-only name is not deleted (STATUS_CANNOT_DELETE, 5) unless FileDispositionInfoEx says IGNORE_READONLY (0x10).
    const ignoreReadOnly = infoClass === 21 && (data.readUInt32LE(0) & 0x10) !== 0
    if (obj.attrs & 0x1 && !ignoreReadOnly) return this.fail(0, 5)
    this.calls.push(`${infoClass === 21 ? 'FileDispositionInfoEx' : 'FileDispositionInfo'} ${at}`)
    const k = this.key(at)
    if (obj.attrs & 0x10 && !obj.reparse && this.children(k).length > 0) return this.fail(0, 145)
    // POSIX semantics (0x2) take the name away at once; otherwise it goes when the last handle closes.
    const posix = infoClass === 21 && (data.readUInt32LE(0) & 0x2) !== 0
    if (!posix && this.heldOpen.has(k)) {
      this.pendingDelete.add(k)
      return this.ok(1)
    }
    if (!(obj.attrs & 0x10)) obj.links--
    this.names.delete(k)
    return this.ok(1)
  }

  /** The other program closes its handle on `p`: a pending delete happens now. */
  release(p: string): void {
    const k = this.key(p)
    this.heldOpen.delete(k)
    if (!this.pendingDelete.delete(k)) return
    const obj = this.names.get(k)?.obj
    if (obj && !(obj.attrs & 0x10)) obj.links--
    this.names.delete(k)
  }

  RemoveDirectoryW(path: string): Call<number> {
    this.calls.push(`RemoveDirectoryW ${toDisplay(path)}`)
    const k = this.key(path)
    const obj = this.get(path)
    if (!obj) return this.fail(0, this.missingCode(path))
    if (!(obj.attrs & 0x10)) return this.fail(0, 267)
    // A junction or directory symlink goes regardless of its target; a real folder only when empty.
    if (!obj.reparse && this.children(k).length > 0) return this.fail(0, 145)
    this.names.delete(k)
    return this.ok(1)
  }

  DeleteFileW(path: string): Call<number> {
    this.calls.push(`DeleteFileW ${toDisplay(path)}`)
    const obj = this.get(path)
    if (!obj) return this.fail(0, this.missingCode(path))
    if (obj.attrs & 0x10) return this.fail(0, 5)
    obj.links--
    this.names.delete(this.key(path))
    return this.ok(1)
  }

  MoveFileExW(from: string, to: string, flags: number): Call<number> {
    this.calls.push(`MoveFileExW ${toDisplay(from)} -> ${toDisplay(to)} ${flags}`)
    const src = this.names.get(this.key(from))
    if (!src) return this.fail(0, this.missingCode(from))
    const dst = this.get(to)
    if (dst) {
      if (!(flags & 1)) return this.fail(0, 183)
      if (dst.attrs & 0x10) return this.fail(0, 5) // REPLACE_EXISTING cannot replace a folder
    }
    this.names.delete(this.key(from))
    this.add(to, src.obj)
    return this.ok(1)
  }

  /** Per UTF-16 unit, upper-cased only where that keeps one unit (NTFS's rule, roughly). */
  CompareStringOrdinal(a: string, b: string, ignoreCase: boolean): Call<number> {
    const up = (s: string): string => [...s].map((c) => (c.toUpperCase().length === 1 ? c.toUpperCase() : c)).join('')
    const [x, y] = ignoreCase ? [up(a), up(b)] : [a, b]
    return this.ok(x < y ? 1 : x === y ? 2 : 3)
  }

  SetLastError(code: number): void {
    this.lastError = code
  }
  GetLastError(): number {
    return this.lastError
  }
}
