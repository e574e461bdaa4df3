/**
 * How Windows compares names: ignoring case with CompareStringOrdinal (the per-character upper-casing
 * NTFS applies; JS toLowerCase differs for ß and İ), except inside a folder marked case-sensitive
 * (`fsutil file setCaseSensitiveInfo`, WSL's folders), where names must match exactly. Each folder has
 * its own mark, so two paths are the same only if every name that differs in case lies in a folder
 * without it.
 */
import * as path from 'node:path'

import { kernel32 } from './bindings/kernel32'
import { FileCaseSensitiveInfo } from './bindings/win32-constants'
import { toExtended } from './codec/paths'
import { closeHandle, sameIgnoringCase, tryOpen } from './native-file'

const FILE_CS_FLAG_CASE_SENSITIVE_DIR = 0x1

/** Whether folder `dir` compares names exactly. False where it cannot be asked (gone, older Windows, FAT). */
export function isCaseSensitiveFolder(dir: string): boolean {
  let ext: string
  try {
    ext = toExtended(dir)
  } catch {
    return false
  }
  const opened = tryOpen(ext, true)
  if ('err' in opened) return false
  try {
    const out = Buffer.alloc(4)
    const r = kernel32().GetFileInformationByHandleEx(opened.handle, FileCaseSensitiveInfo, out)
    return r.ret !== 0 && (out.readUInt32LE(0) & FILE_CS_FLAG_CASE_SENSITIVE_DIR) !== 0
  } finally {
    closeHandle(opened.handle)
  }
}

/**
 * Whether two names or full paths are the same to Windows. A bare name has no folder to ask, so it is
 * compared ignoring case; a folder is asked only where the two paths differ in case alone.
 */
export function samePathByFolderRule(a: string, b: string): boolean {
  if (a === b) return true
  if (!sameIgnoringCase(a, b)) return false
  const pa = path.win32.parse(a)
  if (!pa.root) return true
  const namesA = a.slice(pa.root.length).split('\\')
  const namesB = b.slice(pa.root.length).split('\\')
  for (let i = 0; i < namesA.length; i++) {
    if (namesA[i] === namesB[i]) continue
    const folder = pa.root + namesA.slice(0, i).join('\\')
    if (isCaseSensitiveFolder(folder)) return false
  }
  return true
}
