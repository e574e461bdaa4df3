/**
 * Whether a junction can be made here, asked per volume: by the UI for the folder it shows (so it never
 * offers a junction the volume cannot hold) and again before anything is created. A junction is a
 * reparse point, so its folder must be on a file system that stores them (GetVolumeInformationW's
 * FILE_SUPPORTS_REPARSE_POINTS: NTFS and ReFS yes, FAT32 and exFAT no); network volumes are refused
 * whatever they report, because a junction there is resolved by the server, not by this machine. Its
 * target must be local: Windows does not follow a junction to a mapped network drive or a share.
 */
import { LinkError } from '../../../../shared/errors'
import type { Capabilities } from '../../../../shared/types/app'
import { kernel32 } from './bindings/kernel32'
import { parentDir, toDisplay } from './codec/paths'
import { realVolumePathOf, volumeInfo } from './volumes'

export const FILE_SUPPORTS_REPARSE_POINTS = 0x80
export const DRIVE_REMOTE = 4

// The plain root (`N:\`): Wine answers DRIVE_FIXED for every `\\?\` form.
const isRemote = (volumePath: string): boolean => kernel32().GetDriveTypeW(toDisplay(volumePath)) === DRIVE_REMOTE

/** Why the volume holding `folder` cannot hold junctions or symbolic links, each in words; empty when it holds both. */
export function folderLinkLimits(folder: string): Pick<Capabilities, 'junctionsWhy' | 'symlinksWhy'> {
  const volume = realVolumePathOf(folder)
  const shown = toDisplay(volume)
  if (isRemote(volume)) {
    return {
      junctionsWhy: `${shown} is a network drive, which cannot hold junctions. Make the junction on a local NTFS drive, or use a folder symbolic link.`,
    }
  }
  const info = volumeInfo(volume)
  if ((info.flags & FILE_SUPPORTS_REPARSE_POINTS) !== 0) return {}
  const named = `${shown} (${info.fileSystem || 'this file system'})`
  return {
    junctionsWhy: `${named} cannot hold junctions or symbolic links. Make the junction on an NTFS drive; it can point to a folder here.`,
    symlinksWhy: `${named} cannot hold symbolic links or junctions. Make the symbolic link on an NTFS drive; it can point here.`,
  }
}

/** The platform's capabilities narrowed to the volume of `folder` (where the UI would make a link). */
export function capabilitiesIn(folder: string, all: Capabilities): Capabilities {
  let limits: ReturnType<typeof folderLinkLimits>
  try {
    limits = folderLinkLimits(folder)
  } catch {
    return all // a folder that cannot be asked: creating there says why
  }
  return {
    ...all,
    ...(limits.junctionsWhy ? { junctions: false, junctionsWhy: limits.junctionsWhy } : {}),
    ...(limits.symlinksWhy ? { symlinks: 'no' as const, symlinksWhy: limits.symlinksWhy } : {}),
  }
}

/** Refuses, with a way that works instead, a junction at `link` (its folder's final path) to `target`. */
export function requireJunctionVolumes(target: string, link: string): void {
  const targetVolume = realVolumePathOf(target)
  if (isRemote(targetVolume)) {
    throw new LinkError(
      'UNSUPPORTED_FS',
      `${target} is on a network drive (${toDisplay(targetVolume)}): Windows does not follow junctions to network folders. Use a folder symbolic link instead.`,
      target,
    )
  }
  const { junctionsWhy } = folderLinkLimits(parentDir(link))
  if (junctionsWhy) throw new LinkError('UNSUPPORTED_FS', junctionsWhy, toDisplay(link))
}
