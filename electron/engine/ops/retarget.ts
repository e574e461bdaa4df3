/**
 * Pointing an existing symbolic link or junction somewhere else, atomically: the new link is made at
 * a temporary name in the same folder and renamed over the old one. Until that rename the old link
 * is untouched; if anything fails, the temporary link is removed and the old one stays as it was.
 */
import { randomBytes } from 'node:crypto'

import { LinkError } from '../../../shared/errors'
import { nameByteLength } from '../../../shared/names'
import type { LinkEntry } from '../../../shared/types/link'
import type { RetargetRequest, RetargetResult } from '../../../shared/types/ops'
import { pathApi } from '../listing/paths'
import { platform } from '../platform'
import { junctionTarget, symlinkText, withPrivilegeHint } from './link-text'
import { MAX_NAME } from './names-rules'
import { requireUnchanged } from './unchanged'
import { absolutePath, entryOrNull } from './validate-paths'

export const TEMP_MARK = '.linkscope-tmp-'

/** ".name.linkscope-tmp-<random>" beside the link (without the name when that would be too long). */
export function tempNameFor(name: string): string {
  const random = randomBytes(6).toString('hex')
  const withName = `.${name}${TEMP_MARK}${random}`
  return nameByteLength(withName) <= MAX_NAME && withName.length <= MAX_NAME ? withName : `${TEMP_MARK}${random}`
}

export function retargetLink(req: RetargetRequest): RetargetResult {
  const plat = platform()
  const api = pathApi()
  const abs = absolutePath(req.path)
  const old = entryOrNull(abs)
  if (!old) throw new LinkError('NOT_FOUND', `${abs} does not exist.`, abs)
  if ((old.kind !== 'symlink' && old.kind !== 'junction') || old.target === undefined) {
    throw new LinkError(
      'NOT_A_LINK',
      `${abs} is not a symbolic link or junction; only those can be pointed elsewhere.`,
      abs,
    )
  }
  const previousTarget = old.target

  const temp = api.join(api.dirname(abs), tempNameFor(old.name))
  // Everything about the new target is checked before the first write.
  let make: () => void
  if (old.kind === 'junction') {
    const target = junctionTarget(req.target, abs)
    make = () => plat.createJunction(target, temp)
  } else {
    const text = symlinkText(req.target, abs, req.relative === true)
    make = () => {
      try {
        plat.createSymlink(text.stored, temp, text.targetKind)
      } catch (e) {
        throw withPrivilegeHint(e, text.targetKind)
      }
    }
  }

  let made = false
  try {
    make()
    made = true
    plat.replaceLink(temp, abs, requireUnchanged(old, 'retarget'))
  } catch (e) {
    // Only a temporary link we made is ours to remove (a failed create may mean the name was someone else's).
    if (made) removeTemp(temp)
    throw aboutTheLink(e, temp, abs)
  }
  return { entry: plat.entry(abs), previousTarget }
}

/** A failure at the temporary name is told about the link: the temporary name means nothing to people. */
function aboutTheLink(e: unknown, temp: string, link: string): unknown {
  if (!(e instanceof LinkError) || e.path !== temp) return e
  return new LinkError(e.code, e.message.split(temp).join(link), link)
}

/** Remove our temporary link if it is there; a failure here must not hide the error that brought us here. */
function removeTemp(temp: string): void {
  try {
    const e: LinkEntry | null = entryOrNull(temp)
    if (e && (e.kind === 'symlink' || e.kind === 'junction')) platform().removeEntry(temp, e)
  } catch {
    /* nothing more we can do; the old link is untouched either way */
  }
}
