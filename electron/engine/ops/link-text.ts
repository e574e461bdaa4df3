/**
 * What a new link points to, shared by create and retarget. A relative target is read from the
 * link's folder, as the link itself would read it (the engine has no working folder that means
 * anything to a person; the CLI makes its arguments absolute first), so a relative previousTarget
 * from a retarget undoes it as it is.
 */
import { LinkError } from '../../../shared/errors'
import { pathApi } from '../listing/paths'
import * as nfs from '../fs/fs-names'
import { absolutePath, entryOrNull, leadsToFolder, requireSource } from './validate-paths'

export type SymlinkText = { stored: string; resolved: string; targetKind: 'file' | 'dir' }

/**
 * The text a symbolic link at `linkPath` stores for `target`: absolute, or relative to the link's
 * folder (like `ln -sr`). A target that does not exist yet is fine: the link just dangles until it does.
 */
export function symlinkText(target: string, linkPath: string, relative: boolean): SymlinkText {
  const api = pathApi()
  const resolved = absolutePath(target, api.dirname(linkPath))
  if (resolved === linkPath) throw new LinkError('INVALID_ARGUMENT', `A link cannot point to itself (${linkPath}).`, linkPath)
  const stored = relative ? relativeText(linkPath, resolved) : resolved
  return { stored, resolved, targetKind: targetKindOf(resolved) }
}

/**
 * The relative text from the link's folder to `resolved`, between where both really are (like `ln -sr`):
 * a link made through a linked folder is read from the folder it lands in, so a purely textual relative
 * path would lead somewhere else there.
 */
function relativeText(linkPath: string, resolved: string): string {
  const api = pathApi()
  if (api.sep !== '/') return api.relative(api.dirname(linkPath), resolved) || '.'
  const from = physical(api.dirname(linkPath))
  const to = api.join(physical(api.dirname(resolved)), api.basename(resolved))
  return api.relative(from, to) || '.'
}

/** Where folder `dir` really is: its nearest existing ancestor's real path, with the rest as written. */
function physical(dir: string): string {
  const api = pathApi()
  for (let cur = dir, rest = ''; ; rest = api.join(api.basename(cur), rest), cur = api.dirname(cur)) {
    try {
      return api.join(nfs.realpathSync(cur), rest)
    } catch {
      if (api.dirname(cur) === cur) return dir
    }
  }
}

/** Windows makes file and folder symbolic links differently; a target we cannot see is taken as a file. */
function targetKindOf(resolved: string): 'file' | 'dir' {
  try {
    const t = entryOrNull(resolved)
    return t && leadsToFolder(t) ? 'dir' : 'file'
  } catch {
    return 'file'
  }
}

/** A junction's target: an existing folder, absolute (a relative one is read from the link's folder). */
export function junctionTarget(target: string, linkPath: string): string {
  const resolved = absolutePath(target, pathApi().dirname(linkPath))
  const t = requireSource(resolved)
  if (!leadsToFolder(t)) {
    throw new LinkError('NOT_A_DIRECTORY', `${resolved} is a file: junctions point to folders only. Use a hard link or a file symbolic link.`, resolved)
  }
  return resolved
}

/** Windows refuses symbolic links without admin rights or Developer Mode: say what works without them. */
export function withPrivilegeHint(e: unknown, targetKind: 'file' | 'dir'): unknown {
  if (!(e instanceof LinkError) || e.code !== 'PRIVILEGE_REQUIRED') return e
  const instead = targetKind === 'dir'
    ? 'A junction does the same for a folder and needs neither.'
    : 'A hard link needs neither, when both names are on one volume.'
  return new LinkError(e.code, `${e.message} ${instead}`, e.path)
}
