/**
 * Elevate only code that the user's own programs cannot change. Whatever runs as root must come from
 * files and folders that only root may write, all the way up to `/`: otherwise any program the user
 * runs could plant code there and have it run as root at the next approved prompt. A user-owned
 * checkout, an AppImage (mounted by the user) or a folder in the home directory fails this; the .deb's
 * /opt/Linkscope passes.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError } from '../../shared/errors'

/** Enough for an Electron install; a larger tree is not an install of this app. */
const MAX_ENTRIES = 20_000

/** Why another user could change the entry, or null when only root can. */
function weakness(st: fs.Stats, isAncestor: boolean): string | null {
  if (st.uid !== 0) return `it belongs to user ${st.uid}, not to root`
  if (st.isSymbolicLink()) return null // its own mode means nothing; where it leads is checked where it is used
  const groupOrOthers = st.mode & 0o022
  // A sticky folder (like /tmp) lets others add entries but not rename or remove root's.
  if (groupOrOthers && !(isAncestor && st.mode & 0o1000)) return 'users other than root may write to it'
  return null
}

/** The first place in or above `dir` that someone other than root could change: [path, why], or null. */
export function unprotectedPart(dir: string): [string, string] | null {
  let real: string
  try {
    real = fs.realpathSync(dir)
  } catch {
    return [dir, 'it cannot be read']
  }
  for (let p = path.dirname(real); ; p = path.dirname(p)) {
    const why = weakness(fs.lstatSync(p), true)
    if (why) return [p, why]
    if (path.dirname(p) === p) break
  }
  const pending = [real]
  for (let seen = 0; pending.length > 0; seen++) {
    if (seen > MAX_ENTRIES)
      return [real, `it holds more than ${MAX_ENTRIES} entries, more than an install of Linkscope`]
    const p = pending.pop() as string
    let st: fs.Stats
    try {
      st = fs.lstatSync(p)
    } catch {
      return [p, 'it cannot be read']
    }
    const why = weakness(st, false)
    if (why) return [p, why]
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) pending.push(path.join(p, name))
  }
  return null
}

/** Throw PRIVILEGE_REQUIRED, saying why and what to do instead, unless `dir` is a root-owned install. */
export function requireProtectedInstall(dir: string): void {
  const weak = unprotectedPart(dir)
  if (!weak) return
  const [where, why] = weak
  throw new LinkError(
    'PRIVILEGE_REQUIRED',
    `Linkscope runs from ${dir}, and ${where === dir ? 'that folder' : where} can be changed without administrator rights (${why}). ` +
      'Code run as administrator from there could be swapped by any program you run, so Linkscope does not ask for administrator rights from this copy. ' +
      'Install Linkscope from its .deb package (it goes to /opt/Linkscope) to use this, or do it in a terminal with sudo.',
    where,
  )
}
