/**
 * The folder Linkscope last listed, so the next start opens where the person left off (a file manager
 * that always starts at home makes them walk back every time). Kept beside the picks in the per-user
 * configuration folder; losing it costs nothing, so a failure to read or write it is never an error.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { defaultConfigDir } from './picks-store'

export type LastFolder = { get(): string | undefined; set(dir: string): void }

export function openLastFolder(configDir = defaultConfigDir()): LastFolder {
  const file = path.join(configDir, 'last-folder.json')
  let written: string | undefined
  return {
    get() {
      try {
        const dir = (JSON.parse(fs.readFileSync(file, 'utf8')) as { dir?: unknown }).dir
        // only a folder that is still there: a removed one would open on an error
        return typeof dir === 'string' && path.isAbsolute(dir) && fs.statSync(dir).isDirectory() ? dir : undefined
      } catch {
        return undefined
      }
    },
    set(dir) {
      if (dir === written) return
      try {
        fs.mkdirSync(configDir, { recursive: true })
        const tmp = `${file}.${process.pid}.tmp`
        fs.writeFileSync(tmp, JSON.stringify({ version: 1, dir }))
        fs.renameSync(tmp, file)
        written = dir
      } catch {
        // read-only home, full disk: the next start opens the home folder instead
      }
    },
  }
}
