/**
 * Bookmarked folders, in the per-user configuration folder beside the picks, so they survive a restart.
 * Only a folder that exists can be bookmarked (a typed error otherwise); one removed later stays in the
 * list, since it may come back (a mount, a drive), and opening it says why it cannot be listed.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { fromErrno } from '../platform'
import { defaultConfigDir } from './picks-store'

export const MAX_BOOKMARKS = 100

export type Bookmarks = { list(): string[]; set(dir: string, on: boolean): string[] }

export function openBookmarks(configDir = defaultConfigDir()): Bookmarks {
  const file = path.join(configDir, 'bookmarks.json')
  const list = (): string[] => {
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { folders?: unknown }
      return Array.isArray(data.folders)
        ? data.folders.filter((p): p is string => typeof p === 'string').slice(0, MAX_BOOKMARKS)
        : []
    } catch {
      return [] // none yet, or unreadable: start empty rather than fail the app
    }
  }
  const write = (folders: string[]): string[] => {
    fs.mkdirSync(configDir, { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    fs.writeFileSync(tmp, JSON.stringify({ version: 1, folders }, null, 1))
    fs.renameSync(tmp, file)
    return folders
  }
  return {
    list,
    set(typed, on) {
      // relative to what? the engine's working folder means nothing to the person
      if (!path.isAbsolute(typed))
        throw new LinkError('INVALID_ARGUMENT', 'A bookmark must be an absolute path.', typed)
      const dir = path.resolve(typed)
      const now = list()
      if (!on) return now.includes(dir) ? write(now.filter((d) => d !== dir)) : now
      if (now.includes(dir)) return now
      checkFolder(dir)
      if (now.length >= MAX_BOOKMARKS)
        throw new LinkError('INVALID_ARGUMENT', `There are ${MAX_BOOKMARKS} bookmarks already; remove one first.`, dir)
      return write([...now, dir])
    },
  }
}

function checkFolder(dir: string): void {
  let st: fs.Stats
  try {
    st = fs.statSync(dir)
  } catch (e) {
    throw fromErrno(e, dir)
  }
  if (!st.isDirectory())
    throw new LinkError('NOT_A_DIRECTORY', `${dir} is not a folder; only folders are bookmarked.`, dir)
}
