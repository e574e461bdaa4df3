/**
 * Checks that run before an operation touches the disk: the new path is well formed, its folder is
 * there, nothing is at it yet (Linkscope never overwrites), and the source exists. The syscalls that
 * follow fail atomically on their own if the disk changes in between; these checks give the plain reason.
 */
import { LinkError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import { pathApi, resolveAsKernel } from '../listing/paths'
import { platform } from '../platform'
import { validateName, validatePathText } from './names-rules'

/** The entry at `p`, or null when nothing is there (a dangling symbolic link is something). */
export function entryOrNull(p: string): LinkEntry | null {
  try {
    return platform().entry(p)
  } catch (e) {
    if (e instanceof LinkError && e.code === 'NOT_FOUND') return null
    throw e
  }
}

/** `p` made absolute (from `base` when given) as the kernel resolves it, after checking its text (NUL, length). */
export function absolutePath(p: string, base?: string): string {
  validatePathText(p)
  const abs = resolveAsKernel(p, base)
  validatePathText(abs)
  return abs
}

/** Whether the entry leads to a folder: a folder, a junction, or a symbolic link to a live folder. */
export const leadsToFolder = (e: LinkEntry): boolean =>
  e.kind === 'dir' || e.kind === 'junction' || e.kind === 'mount-point' || e.targetKind === 'dir'

/** The existing folder `dir` (NOT_FOUND / NOT_A_DIRECTORY otherwise). */
export function requireFolder(dir: string): LinkEntry {
  const e = entryOrNull(dir)
  if (!e) throw new LinkError('NOT_FOUND', `The folder ${dir} does not exist.`, dir)
  if (!leadsToFolder(e)) throw new LinkError('NOT_A_DIRECTORY', `${dir} is not a folder.`, dir)
  return e
}

/** The source of a link, which must exist (NOT_FOUND names it). */
export function requireSource(source: string): LinkEntry {
  const e = entryOrNull(source)
  if (!e) throw new LinkError('NOT_FOUND', `The link source ${source} does not exist.`, source)
  return e
}

/** Refuse when anything, even a dangling symbolic link, is at `p`. */
export function requireFree(p: string): void {
  const e = entryOrNull(p)
  if (e) throw alreadyExists(e)
}

export function alreadyExists(e: LinkEntry): LinkError {
  const what = e.kind === 'symlink' && e.status === 'broken' ? ' (a broken symbolic link)' : ''
  return new LinkError('ALREADY_EXISTS', `${e.path} already exists${what}; Linkscope never overwrites.`, e.path)
}

export type NewPath = { path: string; dir: string; name: string }

/** A path for a new entry: valid name and length, an existing parent folder, nothing there yet. */
export function checkNewPath(p: string): NewPath {
  const abs = absolutePath(p)
  const api = pathApi()
  const name = api.basename(abs)
  const dir = api.dirname(abs)
  validateName(name, abs)
  requireFolder(dir)
  requireFree(abs)
  return { path: abs, dir, name }
}
