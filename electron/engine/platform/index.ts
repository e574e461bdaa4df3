/**
 * Picks the LinkPlatform for this process. The Win32 one (and with it koffi) is loaded only on
 * Windows, or when LINKSCOPE_PLATFORM=win32 forces it for the Wine test suite.
 */
import type { LinkPlatform } from './link-platform'
import { createPosixPlatform } from './posix/link-platform.posix'

let current: LinkPlatform | undefined

export function platform(): LinkPlatform {
  if (!current) {
    const wantWin32 = process.env.LINKSCOPE_PLATFORM
      ? process.env.LINKSCOPE_PLATFORM === 'win32'
      : process.platform === 'win32'
    if (wantWin32) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const win32 = require('./win32/link-platform.win32') as typeof import('./win32/link-platform.win32')
      current = win32.createWin32Platform()
    } else {
      current = createPosixPlatform()
    }
  }
  return current
}
