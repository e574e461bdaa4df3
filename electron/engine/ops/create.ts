/** Creating one link at an explicit path: hard link, symbolic link or junction. Never overwrites. */
import { LinkError } from '../../../shared/errors'
import { isNameLink, type LinkEntry } from '../../../shared/types/link'
import type { CreateLinkRequest } from '../../../shared/types/ops'
import { platform } from '../platform'
import { junctionTarget, symlinkText, withPrivilegeHint } from './link-text'
import { absolutePath, checkNewPath, leadsToFolder, type NewPath, requireSource } from './validate-paths'

export function createLink(req: CreateLinkRequest): LinkEntry {
  const link = checkNewPath(req.link)
  switch (req.type) {
    case 'hard':
      createHardLink(req.target, link)
      break
    case 'symbolic':
      createSymlink(req.target, link, req.relative === true)
      break
    case 'junction':
      platform().createJunction(junctionTarget(req.target, link.path), link.path)
      break
    default:
      throw new LinkError('INVALID_ARGUMENT', `Unknown link type "${String(req.type)}".`)
  }
  return platform().entry(link.path)
}

function createHardLink(target: string, link: NewPath): void {
  const plat = platform()
  const source = absolutePath(target, link.dir)
  const src = requireSource(source)
  if (leadsToFolder(src)) {
    const instead = plat.capabilities().junctions ? 'a junction or a folder symbolic link' : 'a folder symbolic link'
    const what = src.kind === 'dir' ? 'is a folder' : 'leads to a folder'
    throw new LinkError('IS_DIRECTORY', `${source} ${what}: hard links can't point to folders. Use ${instead}.`, source)
  }
  if (isNameLink(src)) {
    // link() would name the link itself, not the file it points to: surprising, and never what "hard link" means.
    throw new LinkError(
      'INVALID_ARGUMENT',
      `${source} is a symbolic link: a hard link to it would be another name of the link, not of its file. Pick ${src.resolved ?? 'the file it points to'} instead.`,
      source,
    )
  }
  try {
    plat.createHardLink(source, link.path)
  } catch (e) {
    if (!(e instanceof LinkError)) throw e
    if (e.code === 'CROSS_DEVICE') throw crossDevice(source, link)
    if (e.code === 'TOO_MANY_LINKS') {
      throw new LinkError(
        'TOO_MANY_LINKS',
        `${source} already has ${src.links} names, as many as its file system allows (NTFS: 1023). Make a copy, or use a symbolic link.`,
        source,
      )
    }
    throw e
  }
}

/** "A is on X, B is on Y", when the platform can name both volumes. */
function crossDevice(source: string, link: NewPath): LinkError {
  const plat = platform()
  let where = ''
  try {
    where = `: ${source} is on ${plat.volumeOf(source)}, ${link.path} is on ${plat.volumeOf(link.dir)}`
  } catch {
    /* the plain reason below still holds */
  }
  return new LinkError('CROSS_DEVICE', `Hard links must stay on one volume${where} — use a symbolic link.`, link.path)
}

function createSymlink(target: string, link: NewPath, relative: boolean): void {
  const text = symlinkText(target, link.path, relative)
  try {
    platform().createSymlink(text.stored, link.path, text.targetKind)
  } catch (e) {
    throw withPrivilegeHint(e, text.targetKind)
  }
}
