/**
 * Elevation only for code no one but an administrator can change. The elevated helper is the app's own
 * executable, with its unpacked scripts and DLLs beside it: in a per-user install (%LOCALAPPDATA%), a
 * portable copy or a development checkout any program this user runs could replace them, and the next
 * approved UAC prompt would run that as administrator. So the helper is offered only when the running
 * executable lies inside Program Files, which only administrators may write. Both sides are compared as
 * final paths (links and junctions resolved, long names), case-insensitively, as Windows compares them.
 */
import { LinkError } from '../../../shared/errors'
import {
  FILE_FLAG_BACKUP_SEMANTICS,
  FILE_SHARE_ALL,
  isValidHandle,
  kernel32,
  OPEN_EXISTING,
} from '../../engine/platform/win32/bindings/kernel32'
import { shell32 } from '../../engine/platform/win32/bindings/shell32'
import { toDisplay, toExtended } from '../../engine/platform/win32/codec/paths'
import { closeHandle, finalPathOfHandle } from '../../engine/platform/win32/native-file'

const FOLDERID_PROGRAM_FILES = '905e63b6-c1bf-494e-b29c-65b732d3d21a'
const FOLDERID_PROGRAM_FILES_X86 = '7c5a40ef-a0fb-4bfc-874a-c0f2e0b9fa8e'

/** Lower-cased, one trailing backslash: "c:\program files\" */
const folderKey = (p: string): string => `${toDisplay(p).replace(/\\+$/, '')}\\`.toLowerCase()

/** Whether `exe` (a final path) lies inside one of `folders` (final paths). Pure. */
export function isInsideFolders(exe: string, folders: readonly string[]): boolean {
  const e = toDisplay(exe).toLowerCase()
  return folders.some((f) => f.length > 0 && e.startsWith(folderKey(f)))
}

/** Why elevation is refused here, with what works without it; null when `exe` is in `folders`. */
export function elevationRefusal(exe: string, folders: readonly string[]): LinkError | null {
  if (isInsideFolders(exe, folders)) return null
  const where = folders.length > 0 ? folders.map((f) => toDisplay(f)).join(' or ') : 'Program Files'
  return new LinkError(
    'PRIVILEGE_REQUIRED',
    `Linkscope asks for administrator rights only when it is installed for all users (in ${where}); this copy runs from ` +
      `${toDisplay(exe)}, where programs you run could change it, and administrator rights would then run their code. ` +
      'Instead: turn on Developer Mode (Settings › For developers) to make symbolic links without administrator rights, ' +
      'make a junction (folders) or a hard link (files on one drive), or install Linkscope for all users.',
  )
}

/** The final path of an existing file or folder (null when it cannot be opened). */
function finalPath(p: string): string | null {
  const { ret } = kernel32().CreateFileW(toExtended(p), 0, FILE_SHARE_ALL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS)
  if (!isValidHandle(ret)) return null
  try {
    return finalPathOfHandle(ret, p)
  } finally {
    closeHandle(ret)
  }
}

/** Program Files (and its x86 twin) as final paths: from the known-folder registry, else the environment. */
export function programFilesFolders(): string[] {
  const found = new Set<string>()
  for (const id of [FOLDERID_PROGRAM_FILES, FOLDERID_PROGRAM_FILES_X86]) {
    const known = shell32().SHGetKnownFolderPath(id).path
    const fromEnv =
      id === FOLDERID_PROGRAM_FILES
        ? (process.env.ProgramW6432 ?? process.env.ProgramFiles)
        : process.env['ProgramFiles(x86)']
    const folder = known ?? fromEnv
    const resolved = folder ? finalPath(folder) : null
    if (resolved) found.add(resolved)
  }
  return [...found]
}

/** Throws PRIVILEGE_REQUIRED, saying why and what to do instead, unless `exe` is in a per-machine install. */
export function requirePerMachineInstall(exe: string): void {
  const resolved = finalPath(exe)
  const refusal = elevationRefusal(resolved ?? exe, resolved === null ? [] : programFilesFolders())
  if (refusal) throw refusal
}
