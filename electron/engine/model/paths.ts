/** path functions for the active platform's separators (posix, or win32 under the Wine suite). */
import * as path from 'node:path'
import { platform } from '../platform'

export const pathApi = (): path.PlatformPath => (platform().sep === '\\' ? path.win32 : path.posix)
