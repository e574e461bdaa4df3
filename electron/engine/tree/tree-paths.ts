/** Where paths lie relative to a tree's root: the checks a copy, a compare and a restore share. */
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { realpathNativeSync } from '../fs/fs-names'

/** `p` relative to `root` when it is the root or lies inside it (whole components), else null. */
export function relInside(root: string, p: string): string | null {
  const rel = path.relative(root, p)
  if (rel === '') return ''
  if (rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) return null
  return rel
}

/** The roots an absolute link text may name for a tree: as given and as the kernel resolves it. */
export function rootForms(root: string): string[] {
  let real = root
  try {
    real = realpathNativeSync(root)
  } catch {
    /* as given is all there is */
  }
  return real === root ? [root] : [root, real]
}

/** Where an absolute `target` lies under one of `roots`, relative, or null when outside all of them. */
export function relUnderAny(roots: readonly string[], target: string): string | null {
  for (const r of roots) {
    const rel = relInside(r, target)
    if (rel !== null) return rel
  }
  return null
}

/**
 * A relative path from a manifest, checked before it is joined to a root: no absolute path, no "..",
 * no empty or "." component, no NUL. A manifest is data from elsewhere and must not reach outside ROOT.
 */
export function checkedRel(rel: unknown, what: string): string {
  if (
    typeof rel !== 'string' ||
    rel === '' ||
    rel.includes('\0') ||
    rel.startsWith('/') ||
    rel.split('/').some((c) => c === '' || c === '.' || c === '..')
  ) {
    throw new LinkError(
      'INVALID_ARGUMENT',
      `The manifest has ${what} ${JSON.stringify(rel)}, which is not a plain relative path inside the root.`,
    )
  }
  return rel
}
