/** What kind of thing a directory entry is, as Linkscope classifies it. */
export const LINK_KINDS = [
  'file',
  'dir',
  'symlink',
  'junction',
  'mount-point',
  'wsl-symlink',
  'app-exec-link',
  'cloud',
  'dedup',
  'other-reparse',
  'special',
] as const
export type LinkKind = (typeof LINK_KINDS)[number]

/** Whether a link's target is alive. Entries that are not links say 'n/a'. */
export type LinkStatus = 'ok' | 'broken' | 'loop' | 'denied' | 'n/a'

export type LinkEntry = {
  path: string
  name: string
  kind: LinkKind
  /** hard-link count (1 for most files; folders report what the OS says) */
  links: number
  /** stable identity: "<volume>:<file index>" (POSIX "<dev>:<ino>") */
  id: string
  /** link text exactly as stored (symlinks, junctions, wsl links) */
  target?: string
  /** absolute path the target points to */
  resolved?: string
  targetKind?: 'file' | 'dir' | null
  status: LinkStatus
  size: number
  mtimeMs: number
  hidden: boolean
  readonly: boolean
  /**
   * Windows: what a reparse tag that does not make the entry a link adds to this file or folder, in
   * words ("OneDrive placeholder"); the entry stays a file or folder. Absent elsewhere.
   */
  tag?: string
}

/** Kinds that point somewhere else by name (followable by "open target"). */
export const NAME_LINK_KINDS: ReadonlySet<LinkKind> = new Set(['symlink', 'junction', 'wsl-symlink', 'mount-point'])

export const isNameLink = (e: Pick<LinkEntry, 'kind'>): boolean => NAME_LINK_KINDS.has(e.kind)

/**
 * Whether two looks at a path saw the same thing: the same file (id), of the same kind, pointing at the
 * same target. What "unchanged" means before any destructive step, in the engine and the elevated helper.
 */
type Identity = { id: string; kind: string; target?: string }
export const sameLinkIdentity = (a: Identity, b: Identity): boolean =>
  a.id === b.id && a.kind === b.kind && a.target === b.target

/** Where a symbolic link leads, hop by hop (the engine reads it as the kernel would). */
export type LinkChain = {
  /** the link itself, then each entry its text names, in order; the last is the end (or where it broke) */
  hops: string[]
  /** how the chain ends: at an entry that is not a link, at nothing, in a loop, or where it could not be read */
  end: 'target' | 'missing' | 'loop' | 'unreadable'
  /** the final target's real path (every folder link on the way resolved), when the chain ends at one */
  final?: string
}
