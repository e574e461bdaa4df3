/**
 * Can this process make symbolic links right now? The registry's Developer Mode value is only a
 * hint (elevated admins and policy-granted users pass without it, Wine has none), so the answer is a
 * probe: create a link in the temp folder, then verify it really is one, because Wine's
 * CreateSymbolicLinkW "succeeds" without creating anything.
 */
import * as os from 'node:os'
import * as path from 'node:path'

import { LinkError } from '../../../../shared/errors'
import type { Capabilities } from '../../../../shared/types/app'
import { kernel32 } from './bindings/kernel32'
import { toExtended } from './codec/paths'
import { createSymlink } from './link-ops'
import { attributesOf } from './native-file'

export function probeSymlinks(tempDir: string = os.tmpdir()): Capabilities['symlinks'] {
  let link: string | undefined
  try {
    link = toExtended(path.win32.join(tempDir, `linkscope-symlink-probe-${process.pid}-${Date.now().toString(36)}`))
    createSymlink('linkscope-probe-target', link, 'file')
    return 'yes'
  } catch (e) {
    if (e instanceof LinkError && e.code === 'PRIVILEGE_REQUIRED') return 'privileged'
    return 'no'
  } finally {
    // The link is dangling by design: DeleteFileW removes the link, there is no target to touch.
    if (link !== undefined && attributesOf(link) !== null) kernel32().DeleteFileW(link)
  }
}
