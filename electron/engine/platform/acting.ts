/**
 * How the platform resolves the folders it acts in. Ordinary work follows the kernel's own resolution.
 * Elevated work is strict: no symbolic link (or junction) in any component of a folder's path, every act
 * through a handle to the folder (never a path-based fallback), and every folder pinned to the identity
 * the app saw when the person approved the operation, so a folder swapped in between is refused.
 */
import { LinkError } from '../../../shared/errors'

let strict = false
let pins: ReadonlyMap<string, string> | null = null

/** From now on this process acts strictly (the elevated helpers call it once, before any request; tests turn it off). */
export function actStrictly(on = true): void {
  strict = on
}

export const actsStrictly = (): boolean => strict

export type Pin = { path: string; id: string }

/** Run `fn` with these folders and files (path → id as the app saw it) pinned; pins end with it. */
export function withPins<T>(pinned: readonly Pin[], fn: () => T): T {
  const before = pins
  pins = new Map(pinned.map((f) => [f.path, f.id]))
  try {
    return fn()
  } finally {
    pins = before
  }
}

/**
 * Check a folder opened at `path` whose identity is `id`: in strict mode it must be pinned, and a pinned
 * folder must be the one the app saw.
 */
export function checkFolder(path: string, id: string): void {
  const want = pins?.get(path)
  if (want === undefined) {
    if (strict)
      throw new LinkError(
        'FORBIDDEN',
        `The app did not say what the folder ${path} was when you approved this; nothing was done there.`,
        path,
      )
    return
  }
  if (want !== id)
    throw new LinkError(
      'CHANGED',
      `The folder ${path} was replaced after you approved this; nothing was done there. Look again and retry.`,
      path,
    )
}

/** Check a file about to get another name: when pinned, it must be the one the app saw. */
export function checkSource(path: string, id: string): void {
  const want = pins?.get(path)
  if (want !== undefined && want !== id)
    throw new LinkError(
      'CHANGED',
      `${path} was replaced after you approved this; nothing was done. Look again and retry.`,
      path,
    )
}
