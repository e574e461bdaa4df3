/**
 * What a new link points to, shared by create and retarget. A relative target is read from the
 * link's folder, as the link itself would read it (the engine has no working folder that means
 * anything to a person; the CLI makes its arguments absolute first), so a relative previousTarget
 * from a retarget undoes it as it is.
 */
import { LinkError } from '../../../shared/errors'
import { pathApi } from '../listing/paths'
import { platform } from '../platform'
import { absolutePath, entryOrNull, leadsToFolder, requireSource } from './validate-paths'

export type SymlinkText = { stored: string; resolved: string; targetKind: 'file' | 'dir' }

/**
 * The text a symbolic link at `linkPath` stores for `target`: absolute, or relative to the link's
 * folder (like `ln -sr`). A target that does not exist yet is fine: the link just dangles until it does.
 */
export function symlinkText(target: string, linkPath: string, relative: boolean): SymlinkText {
  const text = storedText(target, linkPath, relative)
  return { ...text, targetKind: targetKindOf(text.resolved) }
}

/** Where a folder really is; a batch of links passes one that remembers the folders it has resolved. */
export type RealFolderOf = (dir: string) => string

/** The text alone (what a POSIX link needs), with the folders' real paths from `realFolder`. */
export function storedText(
  target: string,
  linkPath: string,
  relative: boolean,
  realFolder: RealFolderOf = physical,
): Pick<SymlinkText, 'stored' | 'resolved'> {
  const api = pathApi()
  const resolved = absolutePath(target, api.dirname(linkPath))
  const realLink = api.join(realFolder(api.dirname(linkPath)), api.basename(linkPath))
  const realTarget = api.join(realFolder(api.dirname(resolved)), api.basename(resolved))
  // Windows compares names ignoring case, so C:\a\L pointing to C:\a\l points to itself.
  if (platform().samePath(resolved, linkPath) || platform().samePath(realTarget, realLink)) {
    throw new LinkError('INVALID_ARGUMENT', `A link cannot point to itself (${linkPath}).`, linkPath)
  }
  const stored = relative ? relativeText(linkPath, api.dirname(realLink), realTarget) : resolved
  return { stored, resolved }
}

/**
 * The relative text from the link's folder to the target, between where both really are (like `ln -sr`).
 * POSIX and Windows both read a relative link from the folder that really holds it (after the links on
 * the way), so text computed from the path as written would lead somewhere else when that path crosses
 * a linked folder or a junction.
 */
function relativeText(linkPath: string, realFolder: string, realTarget: string): string {
  const text = relativeBetween(realFolder, realTarget)
  if (text === null) {
    throw new LinkError(
      'INVALID_ARGUMENT',
      `${linkPath} and ${realTarget} are on different drives, so no relative link leads from one to the other. Make it absolute.`,
      linkPath,
    )
  }
  return text
}

/**
 * `to` relative to folder `from`, both absolute: components compared as the file system compares names
 * (path.relative lower-cases with JavaScript's rules, which are not NTFS's). Each name is compared inside
 * its folder, so that folder's rule decides (a case-sensitive folder on Windows tells `Sub` from `sub`).
 * Null across roots.
 */
function relativeBetween(from: string, to: string): string | null {
  const api = pathApi()
  const same = (a: string, b: string): boolean => platform().samePath(a, b)
  const parts = (p: string): { root: string; names: string[] } => {
    const root = api.parse(p).root
    return {
      root,
      names: p
        .slice(root.length)
        .split(api.sep)
        .filter((n) => n !== ''),
    }
  }
  const a = parts(from)
  const b = parts(to)
  if (!same(a.root, b.root)) return null
  // `name` inside the folder made of a's first n names (the common part so far).
  const inA = (n: number, name: string): string => a.root + [...a.names.slice(0, n), name].join(api.sep)
  let common = 0
  while (
    common < a.names.length &&
    common < b.names.length &&
    same(inA(common, a.names[common]!), inA(common, b.names[common]!))
  )
    common++
  const ups = a.names.slice(common).map(() => '..')
  return [...ups, ...b.names.slice(common)].join(api.sep) || '.'
}

/** Where folder `dir` really is: its nearest existing ancestor's real path, with the rest as written. */
export function physical(dir: string): string {
  const api = pathApi()
  for (let cur = dir, rest = ''; ; rest = api.join(api.basename(cur), rest), cur = api.dirname(cur)) {
    try {
      return api.join(platform().realPath(cur), rest)
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
    throw new LinkError(
      'NOT_A_DIRECTORY',
      `${resolved} is a file: junctions point to folders only. Use a hard link or a file symbolic link.`,
      resolved,
    )
  }
  return resolved
}

/** Windows refuses symbolic links without admin rights or Developer Mode: say what works without them. */
export function withPrivilegeHint(e: unknown, targetKind: 'file' | 'dir'): unknown {
  if (!(e instanceof LinkError) || e.code !== 'PRIVILEGE_REQUIRED') return e
  const instead =
    targetKind === 'dir'
      ? 'A junction does the same for a folder and needs neither.'
      : 'A hard link needs neither, when both names are on one volume.'
  return new LinkError(e.code, `${e.message} ${instead}`, e.path)
}
