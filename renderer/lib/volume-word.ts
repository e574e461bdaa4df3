/**
 * What one volume is called on screen: "drive" on Windows, where people say C: drive, and "file system"
 * elsewhere, where "drive" names the hardware, not what a hard link cannot leave. Set once, when the
 * engine says where it runs, so the pure explainers need not carry the platform through every caller.
 */
let word: 'drive' | 'file system' = 'file system'

export function setVolumeWord(platform: string | undefined): void {
  word = platform === 'win32' ? 'drive' : 'file system'
}

export const volumeWord = (): 'drive' | 'file system' => word
