/**
 * Which file of a group keeps its data and which ones become its names. Each device gets its own keeper
 * (a hard link never crosses volumes); a file whose owner, mode or extended attributes differ from its
 * keeper's is refused with the reason (ignoreMetadata merges it anyway); and when the keeper would pass
 * the link-count limit, the next file becomes a new keeper instead of failing.
 */
import { LinkError } from '../../../shared/errors'
import { platform } from '../platform'
import { metadataDifference, metadataOf } from './metadata'
import { type DupeFile, type DupeGroup, fileHasNamesOutside, type KeepRule, type Refusal } from './types'

export type PlanOptions = {
  keep?: KeepRule
  ignoreMetadata?: boolean
  /** path → extended attributes (readXattrs); null when they could not be read */
  xattrs?: Map<string, string> | null
  /** names a file may have, when known in advance (NTFS: 1023); otherwise EMLINK tells during the merge */
  linkLimit?: number
  /** group hash → the id of the file chosen to keep (on its device; other devices keep by the rule) */
  keepers?: ReadonlyMap<string, string>
}

/** One keeper and the files that become its names. */
export type Chunk = { keeper: DupeFile; members: DupeFile[] }
/** `refusedBy`: the keeper the refused files were compared with, for a group where nothing can merge. */
export type Plan = { chunks: Chunk[]; refused: Refusal[]; freed: number; refusedBy?: DupeFile }

export const DEFAULT_KEEP: KeepRule = 'first-root'

/** NTFS allows 1023 names a file, a limit known before linking; elsewhere the file system says so with EMLINK. */
export const NTFS_LINK_LIMIT = 1023
export const knownLinkLimit = (): number | undefined => (platform().kind === 'win32' ? NTFS_LINK_LIMIT : undefined)

/**
 * Best keeper first: by the rule, then a file with names outside the roots (its data stays anyway, so
 * keeping it frees the others), then the one with more names (fewer to move), then root order and path.
 */
export function keeperOrder(rule: KeepRule): (a: DupeFile, b: DupeFile) => number {
  const byRule = (a: DupeFile, b: DupeFile): number =>
    rule === 'oldest' ? a.mtimeMs - b.mtimeMs : rule === 'newest' ? b.mtimeMs - a.mtimeMs : a.root - b.root
  return (a, b) =>
    byRule(a, b) ||
    Number(fileHasNamesOutside(b)) - Number(fileHasNamesOutside(a)) ||
    b.links - a.links ||
    a.root - b.root ||
    ((a.paths[0] as string) < (b.paths[0] as string) ? -1 : 1)
}

/** Bytes merging `f` into a keeper gives back: none while it keeps a name outside the roots. */
export const freedBy = (f: DupeFile): number => (fileHasNamesOutside(f) ? 0 : f.size)

/** The group's files, the chosen keeper first, then the best by the rule. */
function keepersFirst(group: DupeGroup, options: PlanOptions): DupeFile[] {
  const byRule = keeperOrder(options.keep ?? DEFAULT_KEEP)
  const chosen = options.keepers?.get(group.hash)
  return [...group.files].sort((a, b) => Number(b.id === chosen) - Number(a.id === chosen) || byRule(a, b))
}

export function planGroup(group: DupeGroup, options: PlanOptions = {}): Plan {
  const sorted = keepersFirst(group, options)
  const byDevice = new Map<number, DupeFile[]>()
  for (const f of sorted) {
    const d = byDevice.get(f.dev)
    if (d) d.push(f)
    else byDevice.set(f.dev, [f])
  }
  const plan: Plan = { chunks: [], refused: [], freed: 0 }
  for (const files of byDevice.values()) {
    if (files.length < 2) continue
    const first = files[0] as DupeFile
    const keepMeta = metadataOf(first, options.xattrs ?? null)
    let chunk: Chunk = { keeper: first, members: [] }
    let links = first.links
    for (const f of files.slice(1)) {
      const no = options.ignoreMetadata ? null : refusalOf(f, first, options, keepMeta)
      if (no) {
        plan.refused.push(no)
        plan.refusedBy ??= first
        continue
      }
      if (options.linkLimit !== undefined && links + f.paths.length > options.linkLimit) {
        if (chunk.members.length > 0) plan.chunks.push(chunk)
        chunk = { keeper: f, members: [] }
        links = f.links
        continue
      }
      chunk.members.push(f)
      links += f.paths.length
      plan.freed += freedBy(f)
    }
    if (chunk.members.length > 0) plan.chunks.push(chunk)
  }
  return plan
}

function refusalOf(
  f: DupeFile,
  keeper: DupeFile,
  options: PlanOptions,
  keepMeta: ReturnType<typeof metadataOf>,
): Refusal | null {
  const p = f.paths[0] as string
  if (options.xattrs === null) {
    return {
      path: p,
      code: 'UNSUPPORTED_ON_PLATFORM',
      message: `${p} was not merged: extended attributes and ACLs cannot be compared here (getfattr is missing; Debian: apt-get install attr). Use --ignore-metadata to merge anyway.`,
    }
  }
  const diff = metadataDifference(metadataOf(f, options.xattrs ?? null), keepMeta)
  if (!diff) return null
  const e = new LinkError(
    'METADATA_DIFFERS',
    `${p} was not merged into ${keeper.paths[0]}: it has ${diff}, which its names would lose. Use --ignore-metadata to merge anyway.`,
    p,
  )
  return { path: p, code: e.code, message: e.message }
}
