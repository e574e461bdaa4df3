/**
 * node:fs for Linkscope's strings. A path holding raw bytes (see shared/names.ts) goes to node:fs as a
 * Buffer of those bytes, since node:fs would write each escape as U+FFFD and name another file; names and
 * link texts come back as Buffers and become strings again without losing a byte. Windows names are UTF-16
 * and never carry raw bytes, so there the strings pass through untouched.
 */
import { isUtf8 } from 'node:buffer'
import * as fs from 'node:fs'

import { decodeNameBytes, encodeNameBytes, hasRawBytes } from '../../../shared/names'

const bytesApply = process.platform !== 'win32'

/** `p` as node:fs must receive it: the string itself, or its bytes when it holds raw bytes. */
export const fsPath = (p: string): string | Buffer =>
  bytesApply && hasRawBytes(p) ? Buffer.from(encodeNameBytes(p)) : p

/** A name or path node:fs gave as bytes, as Linkscope's string. */
export const fromFsBytes = (b: Buffer): string => (isUtf8(b) ? b.toString('utf8') : decodeNameBytes(b))

const asBuffer = { encoding: 'buffer' } as const

export const lstatSync = (p: string): fs.Stats => fs.lstatSync(fsPath(p))
export const statSync = (p: string): fs.Stats => fs.statSync(fsPath(p))
/** lstat that answers undefined instead of throwing when `p` is missing. */
export const lstatOrUndefined = (p: string): fs.Stats | undefined => fs.lstatSync(fsPath(p), { throwIfNoEntry: false })
export const statOrUndefined = (p: string): fs.Stats | undefined => fs.statSync(fsPath(p), { throwIfNoEntry: false })
export const existsSync = (p: string): boolean => fs.existsSync(fsPath(p))
export const readlinkSync = (p: string): string => fromFsBytes(fs.readlinkSync(fsPath(p), asBuffer))
/**
 * node's JavaScript realpath turns a Buffer path into a UTF-8 string before it walks it, so raw bytes
 * become U+FFFD and the walk ends in ENOENT; the native realpath(3) takes the bytes as they are.
 */
export const realpathSync = (p: string): string => {
  const at = fsPath(p)
  return fromFsBytes(typeof at === 'string' ? fs.realpathSync(at, asBuffer) : fs.realpathSync.native(at, asBuffer))
}
export const realpathNativeSync = (p: string): string => fromFsBytes(fs.realpathSync.native(fsPath(p), asBuffer))
export const linkSync = (existing: string, link: string): void => fs.linkSync(fsPath(existing), fsPath(link))
export const symlinkSync = (text: string, link: string): void => fs.symlinkSync(fsPath(text), fsPath(link))
export const unlinkSync = (p: string): void => fs.unlinkSync(fsPath(p))
export const renameSync = (from: string, to: string): void => fs.renameSync(fsPath(from), fsPath(to))

/** A folder read in steps; each step's names as Linkscope's strings (node:fs takes encoding 'buffer' here, its types do not say so). */
export function opendirSync(p: string, bufferSize: number): { readName(): string | null; closeSync(): void } {
  const options = { bufferSize, encoding: 'buffer' } as unknown as fs.OpenDirOptions
  const dir = fs.opendirSync(fsPath(p) as string, options)
  return {
    readName: () => {
      const d = dir.readSync()
      return d ? fromFsBytes(d.name as unknown as Buffer) : null
    },
    closeSync: () => dir.closeSync(),
  }
}

/** A folder's entries with their types, names as Linkscope's strings. */
export function readdirTypedSync(p: string): { name: string; dirent: fs.Dirent<Buffer> }[] {
  return fs
    .readdirSync(fsPath(p), { withFileTypes: true, encoding: 'buffer' })
    .map((dirent) => ({ name: fromFsBytes(dirent.name), dirent }))
}
