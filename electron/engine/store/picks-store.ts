/**
 * The picked link sources, in a small JSON file so they survive a restart (Explorer's "Pick as link
 * source" and "Drop here" may be minutes and app starts apart). Written to a temporary name, then
 * renamed, so a crash never leaves half a file.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

export const MAX_PICKS = 1000

/** Per-user configuration folder: LINKSCOPE_CONFIG_DIR, else %APPDATA%\Linkscope or $XDG_CONFIG_HOME/linkscope. */
export function defaultConfigDir(): string {
  if (process.env.LINKSCOPE_CONFIG_DIR) return process.env.LINKSCOPE_CONFIG_DIR
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Linkscope')
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'linkscope')
}

export type PicksStore = { list(): string[]; set(paths: string[]): string[] }

export function openPicksStore(configDir = defaultConfigDir()): PicksStore {
  const file = path.join(configDir, 'picks.json')
  const list = (): string[] => {
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { paths?: unknown }
      return Array.isArray(data.paths)
        ? data.paths.filter((p): p is string => typeof p === 'string').slice(0, MAX_PICKS)
        : []
    } catch {
      return [] // none yet, or unreadable: start empty rather than fail the app
    }
  }
  return {
    list,
    set(paths) {
      const unique = [...new Set(paths)].slice(0, MAX_PICKS)
      fs.mkdirSync(configDir, { recursive: true })
      const tmp = `${file}.${process.pid}.tmp`
      fs.writeFileSync(tmp, JSON.stringify({ version: 1, paths: unique }, null, 1))
      fs.renameSync(tmp, file)
      return unique
    },
  }
}
