/**
 * The folder Linkscope last listed, so the next start opens where the person left off (a file manager
 * that always starts at home makes them walk back every time), and the few folders listed before it
 * (the recent folders of the Places menu). Kept beside the picks in the per-user configuration folder;
 * losing it costs nothing, so a failure to read or write it is never an error.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { defaultConfigDir } from './picks-store'

export const MAX_RECENT = 10

export type LastFolder = {
  get(): string | undefined
  set(dir: string): void
  /** the folders listed most recently, newest first, those still there only (the open one included) */
  recent(): string[]
}

/** Still a folder: a removed one would open on an error. */
const isFolder = (dir: unknown): dir is string => {
  try {
    return typeof dir === 'string' && path.isAbsolute(dir) && fs.statSync(dir).isDirectory()
  } catch {
    return false
  }
}

export function openLastFolder(configDir = defaultConfigDir()): LastFolder {
  const file = path.join(configDir, 'last-folder.json')
  let written: string | undefined
  const read = (): { dir?: unknown; recent?: unknown } => {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as { dir?: unknown; recent?: unknown }
    } catch {
      return {}
    }
  }
  /** as stored (folders since removed included: one may come back, a mount for instance) */
  const stored = (): string[] => {
    const { dir, recent } = read()
    const list = Array.isArray(recent) ? recent.filter((d): d is string => typeof d === 'string') : []
    return typeof dir === 'string' && !list.includes(dir) ? [dir, ...list] : list
  }
  return {
    get() {
      const dir = read().dir
      return isFolder(dir) ? dir : undefined
    },
    set(dir) {
      if (dir === written) return
      try {
        const recent = [dir, ...stored().filter((d) => d !== dir)].slice(0, MAX_RECENT)
        fs.mkdirSync(configDir, { recursive: true })
        const tmp = `${file}.${process.pid}.tmp`
        fs.writeFileSync(tmp, JSON.stringify({ version: 1, dir, recent }))
        fs.renameSync(tmp, file)
        written = dir
      } catch {
        // read-only home, full disk: the next start opens the home folder instead
      }
    },
    recent: () => stored().filter(isFolder),
  }
}
