/** Path functions for the active platform's separators (posix, or win32 under the Wine suite). */
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import * as nfs from '../fs/fs-names'
import { fsCall, platform } from '../platform'

export const pathApi = (): path.PlatformPath => (platform().sep === '\\' ? path.win32 : path.posix)

/**
 * `p` made absolute (from `base` when given) as the kernel resolves it. On POSIX, ".." after a symbolic
 * link leaves the folder the link leads to, not the folder the link sits in, so `a/link/../x` is not
 * `a/x`; path.resolve would say it is. Windows resolves ".." by the text, as path.resolve does. The last
 * component is never followed. A ".." after something missing or not a folder fails as the kernel would.
 */
export function resolveAsKernel(p: string, base?: string): string {
  const api = pathApi()
  const lexical = base === undefined ? api.resolve(p) : api.resolve(base, p)
  const joined = api.isAbsolute(p) ? p : `${base ?? process.cwd()}/${p}`
  if (platform().kind !== 'posix' || !joined.split('/').includes('..')) return lexical
  let cur = '/'
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue
    if (part !== '..') {
      cur = api.join(cur, part)
      continue
    }
    const real = fsCall(cur, () => nfs.realpathSync(cur))
    if (!fsCall(cur, () => nfs.statSync(real)).isDirectory())
      throw new LinkError('NOT_A_DIRECTORY', `${cur} is not a folder, so ".." after it leads nowhere.`, cur)
    cur = api.dirname(real)
  }
  return cur
}
