/**
 * One member file merged into its keeper: every name it has inside the roots becomes a name of the
 * keeper (relink.ts), so an existing link group moves over whole. All or nothing: when one of its names
 * cannot be moved, the names already moved are moved back, so no link group is ever split.
 */
import { LinkError, toAppError } from '../../../shared/errors'
import * as nfs from '../fs/fs-names'
import type { HeldFolders } from '../platform'
import { type KeeperBytes, sameBytes } from './compare'
import type { Journal } from './journal'
import { idAt, type Journaled, relink, type Source } from './relink'
import { nativeRelinkAt } from './relink-held'
import type { DupeFile, Refusal } from './types'

export type MergeRecord = { keeper: string; linked: string[]; refused: Refusal[] }

export type MemberOptions = {
  /** names a file may have, checked before each link (the file system's own limit is met only when linking) */
  linkLimit?: number
  /** compare bytes before linking (default true: the hash is not collision-proof against a crafted file) */
  compare?: boolean
}

/** A name of `f` through which to link: the first one that still is `f` (another may have gone since it was found). */
export function sourceOf(f: DupeFile, p?: string): Source {
  const named =
    p ??
    f.paths.find((q) => {
      try {
        return idAt(q, nfs.lstatSync(q)) === f.id
      } catch {
        return false
      }
    }) ??
    (f.paths[0] as string)
  return { path: named, id: f.id, size: f.size, mtimeMs: f.mtimeMs }
}

const lookOfFile = (
  f: DupeFile,
): { id: string; size: number; mtimeMs: number; atimeMs: number; mode: number; uid: number; gid: number } => ({
  id: f.id,
  size: f.size,
  mtimeMs: f.mtimeMs,
  atimeMs: 0,
  mode: f.mode,
  uid: f.uid,
  gid: f.gid,
})

const refusal = (p: string, e: unknown): Refusal => {
  const a = toAppError(e)
  return { path: p, code: a.code, message: a.message }
}

/**
 * How a member's merge reaches the disk: `ahead`, its link records already journaled; `held`, folders
 * open for the run; `bytes`, the keeper open for comparing (its first name).
 */
export type Via = { ahead?: Map<string, Journaled>; held?: HeldFolders; bytes?: KeeperBytes }

/**
 * Move every name of `m` to `keeper`: true when all moved, false when it was refused (names put back),
 * 'new-keeper' when the keeper is full and `m`, whole again, is to be the next keeper.
 */
export function mergeMember(
  journal: Journal,
  keeper: DupeFile,
  m: DupeFile,
  options: MemberOptions,
  rec: MergeRecord,
  via: Via = {},
): boolean | 'new-keeper' {
  const { ahead, held, bytes } = via
  // Every name is compared, not only the first: where ids are not exact (node's inode numbers on NTFS
  // can pass 2^53), two files could pass for one, and only the bytes tell. Steps whose link the addon
  // makes compare there, right before each link (relinkAt).
  const inAddon = held !== undefined && nativeRelinkAt() !== null && m.paths.every((p) => ahead?.get(p)?.compare)
  const differs =
    options.compare === false || inAddon
      ? undefined
      : m.paths.find((p) =>
          bytes
            ? !bytes.sameAs({ path: p, id: m.id })
            : !sameBytes({ path: keeper.paths[0] as string, id: keeper.id }, { path: p, id: m.id }),
        )
  if (differs !== undefined) {
    rec.refused.push({
      path: differs,
      code: 'CHANGED',
      message: `${differs} no longer has the same bytes as ${keeper.paths[0]} (or one of them moved); it was left as it is.`,
    })
    return false
  }
  const moved: string[] = []
  const source = sourceOf(keeper) // its names only grow while m moves over
  for (const p of m.paths) {
    try {
      relink(journal, source, p, lookOfFile(m), options.linkLimit, ahead?.get(p), held)
      moved.push(p)
    } catch (e) {
      const full = e instanceof LinkError && e.code === 'TOO_MANY_LINKS'
      const whole = moveBack(journal, keeper, m, moved, rec, held)
      if (full && whole) return 'new-keeper'
      rec.refused.push(refusal(p, e))
      return false
    }
  }
  return true
}

/** Put the names of `m` already moved to `keeper` back on `m` (through a name `m` still has); false if one could not be. */
function moveBack(
  journal: Journal,
  keeper: DupeFile,
  m: DupeFile,
  moved: readonly string[],
  rec: MergeRecord,
  held?: HeldFolders,
): boolean {
  const still = m.paths.find((p) => !moved.includes(p)) as string
  let ok = true
  for (const p of moved) {
    try {
      relink(journal, sourceOf(m, still), p, lookOfFile(keeper), undefined, undefined, held)
    } catch (e) {
      ok = false
      rec.refused.push({
        path: p,
        code: toAppError(e).code,
        message: `${p} is now a name of ${keeper.paths[0]} (same bytes) and could not be put back with the other names of its file: ${toAppError(e).message}`,
      })
    }
  }
  return ok
}
