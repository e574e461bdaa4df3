/**
 * Whether a junction can be made here, asked per volume before anything is created. A junction is a
 * reparse point, so its folder must be on a file system that stores them (GetVolumeInformationW's
 * FILE_SUPPORTS_REPARSE_POINTS: NTFS and ReFS yes, FAT32 and exFAT no); network volumes are refused
 * whatever they report, because a junction there is resolved by the server, not by this machine. Its
 * target must be local: Windows does not follow a junction to a mapped network drive or a share.
 */
import { LinkError } from '../../../../shared/errors'
import { kernel32 } from './bindings/kernel32'
import { parentDir, toDisplay } from './codec/paths'
import { realVolumePathOf, volumeInfo } from './volumes'

export const FILE_SUPPORTS_REPARSE_POINTS = 0x80
export const DRIVE_REMOTE = 4

// The plain root (`N:\`): Wine answers DRIVE_FIXED for every `\\?\` form.
const isRemote = (volumePath: string): boolean => kernel32().GetDriveTypeW(toDisplay(volumePath)) === DRIVE_REMOTE

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
  const folder = parentDir(link)
  const linkVolume = realVolumePathOf(folder)
  const shown = toDisplay(linkVolume)
  if (isRemote(linkVolume)) {
    throw new LinkError(
      'UNSUPPORTED_FS',
      `${toDisplay(folder)} is on a network drive (${shown}), which cannot hold junctions. Make the junction on a local NTFS drive, or use a folder symbolic link.`,
      toDisplay(link),
    )
  }
  const info = volumeInfo(linkVolume)
  if ((info.flags & FILE_SUPPORTS_REPARSE_POINTS) === 0) {
    throw new LinkError(
      'UNSUPPORTED_FS',
      `${shown} (${info.fileSystem || 'this file system'}) cannot hold junctions or symbolic links. Make the junction on an NTFS drive; it can point to a folder here.`,
      toDisplay(link),
    )
  }
}
