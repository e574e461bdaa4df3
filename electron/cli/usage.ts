/** One line of usage per command: the help text, and each command's own usage errors. */
export const USAGE = {
  ls: 'ls DIR [--json]',
  scan: 'scan ROOT [--broken] [--hardlinks] [--cross-devices] [--exclude GLOB]... [--max-depth N] [--json]',
  names: 'names FILE [--root DIR] [--json]',
  'links-to': 'links-to PATH [--root DIR] [--json]',
  link: 'link --hard|--symbolic [--relative]|--junction TARGET LINK [--json]',
  'rm-link': 'rm-link PATH [--read-only-too] [--json]',
  serve: 'serve [DIR] [--port N]',
  dupes: 'dupes ROOT... [--min-size BYTES] [--json]',
  dedupe:
    'dedupe ROOT... [--keep oldest|newest|first-root] [--dry-run] [--ignore-metadata] [--min-size BYTES] [--json]',
  split: 'split PATH... [--json]',
  undo: 'undo JOURNAL [--json]',
  copy: 'copy SRC DST [--hardlink-clone] [--json]',
  compare: 'compare A B [--json]',
  manifest: 'manifest ROOT',
  'restore-links': 'restore-links MANIFEST ROOT [--dry-run] [--json]',
  'retarget-prefix': 'retarget-prefix ROOT OLD NEW [--relative|--absolute] [--dry-run] [--json]',
  move: 'move SRC DEST_DIR [--leave symlink|junction] [--split-outside] [--links-root DIR] [--dry-run] [--json]',
  'move-back': 'move-back LINK [--split-outside] [--links-root DIR] [--dry-run] [--json]',
  find: 'find ROOT PATTERN [--target] [--ignore-case] [--json]',
} as const

export type CommandName = keyof typeof USAGE
