/**
 * Windows' link layer as the move code sees it, on Linux: junctions (which Wine cannot make) are plain
 * absolute symbolic links this fake remembers and reports with kind 'junction'; symbolic links need a
 * privilege this account lacks, as on a default Windows; renames never replace, and there is no
 * exchange, so a swap takes two renames. `crashOnRename` throws at that rename, as a kill there would
 * leave things. Everything else is the real POSIX layer on the real disk.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import type { LinkPlatform } from '../../electron/engine/platform/link-platform'
import { createPosixPlatform } from '../../electron/engine/platform/posix/link-platform.posix'
import { LinkError } from '../../shared/errors'
import type { LinkEntry } from '../../shared/types/link'

export type FakeJunctions = LinkPlatform & { junctions: Set<string>; renames: string[][]; crashOnRename?: number }

export function fakeWin32Links(): FakeJunctions {
  const posix = createPosixPlatform()
  const junctions = new Set<string>()
  const renames: string[][] = []
  const self: FakeJunctions = {
    ...posix,
    kind: 'win32',
    junctions,
    renames,
    capabilities: () => ({ junctions: true, symlinks: 'privileged', reveal: false }),
    entry(p: string): LinkEntry {
      const e = posix.entry(p)
      return junctions.has(path.resolve(p)) ? { ...e, kind: 'junction' } : e
    },
    createSymlink(_stored, link) {
      throw new LinkError('PRIVILEGE_REQUIRED', `Creating a symbolic link at ${link} needs a privilege.`, link)
    },
    createJunction(target, link) {
      if (!path.isAbsolute(target)) throw new LinkError('INVALID_ARGUMENT', 'A junction target must be absolute.', link)
      fs.symlinkSync(target, link)
      junctions.add(path.resolve(link))
    },
    removeEntry(p, expect) {
      if (junctions.has(path.resolve(p))) {
        fs.unlinkSync(p)
        junctions.delete(path.resolve(p))
        return
      }
      posix.removeEntry(p, expect)
    },
    renameNoReplace(from, to) {
      renames.push([from, to])
      if (self.crashOnRename === renames.length) throw new Error('killed here (fake)')
      if (fs.existsSync(to) || fs.lstatSync(to, { throwIfNoEntry: false }))
        throw new LinkError('ALREADY_EXISTS', `${to} already exists.`, to)
      fs.renameSync(from, to)
      if (junctions.delete(path.resolve(from))) junctions.add(path.resolve(to))
    },
  }
  return self
}
