/**
 * Plain-language explanations: what an entry is, why something failed and what to do. The UI switches
 * on error codes here and never parses an engine message (it is shown as the detail, never decoded).
 */
import type { AppError, AppErrorCode } from '../../shared/errors'
import { hasRawBytes, needsEscapes } from '../../shared/names'
import type { LinkEntry, LinkKind } from '../../shared/types/link'
import { volumeWord } from './volume-word'

/** What each kind of entry is and what happens to it when things move or get deleted. */
const KIND_WORDS: Record<LinkKind, (e: LinkEntry) => string[]> = {
  file: (e) =>
    e.links > 1
      ? [
          `A hard link: this file has ${e.links} names. Deleting this name keeps the data while another name remains. It is not a copy: editing one edits all.`,
          'Moving or renaming the other names does not break it: a hard link follows the data because it is the data. Some editors save by deleting and re-creating the file, which splits the names apart.',
          ...(e.readonly ? ['Read-only is an attribute of the file, so every name shares it.'] : []),
        ]
      : ['A regular file with a single name. Deleting it deletes its data.'],
  dir: () => ['A regular folder.'],
  symlink: (e) => [
    `A symbolic link: it stores a path${e.target ? ` (“${e.target}”)` : ''}, not the data. Deleting the link never touches what it points to.`,
    e.target && isRelativeTarget(e.target)
      ? 'The path is relative to the link’s folder: it keeps working if you move both together, and breaks when the target is moved or renamed on its own.'
      : 'The path is absolute: the link can be moved freely, but it breaks when the target is moved or renamed.',
  ],
  junction: (e) => [
    `A junction: a folder that redirects to another folder${e.target ? ` (“${e.target}”)` : ''}. It stores an absolute path and works for folders on local drives only.`,
    'It breaks when the target folder is moved or renamed. Removing the junction never deletes the target’s contents, but old tools that “delete” through a junction may empty the target.',
  ],
  'mount-point': () => [
    'A volume mount point: a folder that shows another drive. Removing it unmounts nothing and deletes nothing on that drive.',
  ],
  'wsl-symlink': () => [
    'A WSL symbolic link, made by Linux tools on Windows. Windows programs may not follow it; Linkscope reads its target.',
  ],
  'app-exec-link': () => [
    'An app execution alias (as in WindowsApps): it starts an installed app. It is not a link you can follow or retarget.',
  ],
  cloud: () => [
    'A cloud placeholder (e.g. OneDrive): a real file or folder whose data may live online. It is not a link.',
  ],
  dedup: () => [
    'A deduplicated file: Windows stores its data in a shared chunk store. It is a normal file to you, not a link.',
  ],
  'other-reparse': () => ['A reparse point of a kind Linkscope does not interpret. It is shown but not followed.'],
  special: (e) => [
    e.status === 'denied'
      ? 'Linkscope could not read this entry (no permission). It is shown so nothing is hidden from you.'
      : 'A special file (a pipe, socket or device). It holds no regular data.',
  ],
}

/**
 * What this entry is, and what its status means. `throughFile`: the file a broken link's path goes
 * through as if it were a folder (what the scan calls "Through a file"), when it is known.
 */
export function explainEntry(e: LinkEntry, throughFile?: string | null): string[] {
  const out = KIND_WORDS[e.kind](e)
  if (e.tag)
    out.push(
      `Windows marks it as ${e.tag}: it is still an ordinary ${e.kind === 'dir' ? 'folder' : 'file'} you can open, link to and link into, not a link.`,
    )
  if (e.status === 'broken' && throughFile)
    out.push(
      `Broken, through a file: its path goes through “${throughFile}”, which is a file, not a folder, so ${e.resolved ? `“${e.resolved}”` : 'the target'} can never exist. Retarget the link or remove it.`,
    )
  else if (e.status === 'broken')
    out.push(
      `Broken: the target ${e.resolved ? `“${e.resolved}” ` : ''}does not exist. Retarget the link or remove it.`,
    )
  if (e.status === 'loop')
    out.push(
      'Loop: following this link leads back to itself through other links, so it never reaches a file or folder.',
    )
  if (e.status === 'denied' && e.kind !== 'special')
    out.push('Linkscope may not look at the target (no permission), so it cannot say whether it is alive.')
  if (needsEscapes(e.name))
    out.push(
      hasRawBytes(e.name)
        ? 'The name is not valid UTF-8: each \\xHH stands for one byte of it. Linkscope shows it that way and acts on exactly those bytes.'
        : 'The name holds control or text-direction characters, shown as escapes (\\n is a new line), so it cannot pass for another name.',
    )
  return out
}

export const isRelativeTarget = (t: string): boolean =>
  !(t.startsWith('/') || t.startsWith('\\') || /^[A-Za-z]:/.test(t))

/** Why a folder could not be shown, and what to do about it. */
export function explainListError(e: AppError): { title: string; action: string } {
  const by: Partial<Record<AppErrorCode, { title: string; action: string }>> = {
    NOT_FOUND: {
      title: 'This folder does not exist.',
      action: 'Go up, or type another path: it may have been moved, renamed or deleted.',
    },
    ACCESS_DENIED: {
      title: 'You may not open this folder.',
      action: 'Ask its owner for access, or run Linkscope as a user who may list it: your account may not.',
    },
    NOT_A_DIRECTORY: {
      title: 'A part of this path is a file, not a folder.',
      action: 'Open the folder that contains the file instead.',
    },
    PATH_TOO_LONG: {
      title: 'This path is too long for the system.',
      action: 'Open a folder higher up, or shorten the names.',
    },
    INVALID_NAME: { title: 'This is not a valid path.', action: 'Check the spelling, then press Enter again.' },
    INVALID_ARGUMENT: { title: 'This is not a valid path.', action: 'Check the spelling, then press Enter again.' },
    LINK_LOOP: {
      title: 'The links on this path loop.',
      action:
        'Retarget or remove the link named below: following it leads back to where it started, never to a folder.',
    },
    TOO_MANY_LINKS: {
      title: 'The path goes through too many links.',
      action: 'Open the folders one by one to find the link on the way that probably points back to itself.',
    },
    CANCELLED: { title: 'Listing was stopped.', action: 'Refresh to list the folder again.' },
  }
  return (
    by[e.code] ?? {
      title: 'This folder could not be listed.',
      action: 'Refresh to try again; if it keeps failing, the detail below says what the system reported.',
    }
  )
}

type OpName = 'create' | 'remove' | 'retarget' | 'rename' | 'open'
type Explained = { reason: string; wayOut: string }

/**
 * Every code's reason and way out. A Record over AppErrorCode: a code added to shared/errors.ts does
 * not compile until it is explained here. `junctions`: whether they exist here; advice never names
 * what the system lacks.
 */
const OP_ERRORS: Record<AppErrorCode, (op: OpName, junctions: boolean) => Explained> = {
  CROSS_DEVICE: () => ({
    reason: `A hard link must be on the same ${volumeWord()} as its file.`,
    wayOut: `Use a symbolic link instead: it can point to another ${volumeWord()}.`,
  }),
  IS_DIRECTORY: (_op, junctions) => ({
    reason: 'Hard links can’t point to folders.',
    wayOut: junctions ? 'Use a junction or a folder symbolic link instead.' : 'Use a folder symbolic link instead.',
  }),
  PRIVILEGE_REQUIRED: (_op, junctions) => ({
    reason: 'Making symbolic links here needs administrator rights or Developer Mode.',
    wayOut: junctions
      ? `Turn on Developer Mode (Settings › For developers), or use a junction for a folder, or a hard link for a file on the same ${volumeWord()}.`
      : `Run Linkscope with the rights to make links here, or use a hard link for a file on the same ${volumeWord()}.`,
  }),
  LAST_NAME: () => ({
    reason: 'This is the file’s only name: removing it would delete the data.',
    wayOut:
      'Delete it in your file manager if you really mean to: Linkscope removes links, never the last name of a file.',
  }),
  ALREADY_EXISTS: () => ({
    reason: 'Something with that name is already there.',
    wayOut: 'Choose another name; Linkscope never overwrites.',
  }),
  NOT_FOUND: (op) =>
    op === 'open'
      ? {
          reason: 'It no longer exists: it was moved, renamed or deleted.',
          wayOut: 'Refresh, or go up and look again.',
        }
      : op === 'create'
        ? { reason: 'The source or the folder no longer exists.', wayOut: 'Refresh, then pick the source again.' }
        : {
            reason: 'It no longer exists: something else moved or deleted it.',
            wayOut: 'Refresh to see what is there now.',
          },
  ACCESS_DENIED: () => ({
    reason: 'You have no permission to change this folder or file.',
    wayOut: 'Choose a folder you own, or ask its owner.',
  }),
  NOT_A_LINK: (op) => ({
    reason: op === 'retarget' ? 'Only symbolic links and junctions have a target to change.' : 'This is not a link.',
    wayOut: 'Choose a symbolic link or a junction: Linkscope leaves regular files and folders alone.',
  }),
  NOT_A_DIRECTORY: () => ({
    reason: 'That place is a file, not a folder.',
    wayOut: 'Drop into a folder, or choose a folder as a junction’s target.',
  }),
  TOO_MANY_LINKS: () => ({
    reason: 'The file already has as many names as its file system allows (1023 on NTFS).',
    wayOut: 'Make a symbolic link instead, or link to a copy.',
  }),
  UNSUPPORTED_FS: () => ({
    reason: `This ${volumeWord()} cannot hold this kind of link.`,
    wayOut: `Use another kind (a symbolic link usually works), or another ${volumeWord()}.`,
  }),
  UNSUPPORTED_ON_PLATFORM: () => ({
    reason: 'This is not available on this system.',
    wayOut: 'Choose another kind of link.',
  }),
  INVALID_NAME: () => ({
    reason: 'That name is not allowed here.',
    wayOut: 'Avoid / \\ : * ? " < > | and names like CON or NUL.',
  }),
  PATH_TOO_LONG: () => ({
    reason: 'The resulting path is too long.',
    wayOut: 'Use a shorter name or a folder higher up.',
  }),
  INVALID_ARGUMENT: () => ({
    reason: 'Linkscope cannot act on what was asked: a path or a value in it is not valid.',
    wayOut: 'Check the paths and try again.',
  }),
  FORBIDDEN: () => ({
    reason: 'Linkscope refused this request: it did not come from this window’s session.',
    wayOut: 'Restart Linkscope and try again.',
  }),
  CANCELLED: () => ({ reason: 'Stopped before it finished.', wayOut: 'Run it again.' }),
  CHANGED: () => ({
    reason: 'It changed after you looked at it, so nothing was done there.',
    wayOut: 'Refresh, look again, then retry.',
  }),
  LINK_LOOP: () => ({
    reason: 'Symbolic links along the way loop, so the path leads nowhere.',
    wayOut: 'Retarget or remove the link that loops, then try again.',
  }),
  METADATA_DIFFERS: () => ({
    reason: 'These files differ in owner, permissions or extended attributes, which merging them would lose.',
    wayOut: 'Leave them apart, or merge anyway from the command line with --ignore-metadata.',
  }),
  // move (issue 16)
  NO_SPACE: () => ({
    reason: 'The destination does not have room for a full copy of this folder.',
    wayOut: 'Free space there, or choose another destination. Nothing was changed.',
  }),
  OUTSIDE_NAMES: () => ({
    reason: 'Some files in this folder have hard-link names outside it; those names cannot move with it.',
    wayOut:
      'Move anyway from the command line with --split-outside (the names outside keep the old copy), or remove those names first.',
  }),
  OPEN_FILES: () => ({
    reason: 'Programs have files in this folder open for writing; a copy made now could miss their last writes.',
    wayOut: 'Close those programs and try again.',
  }),
  NOT_RESPONDING: () => ({
    reason: 'The file system stopped answering (a network or FUSE mount that hangs?).',
    wayOut: 'Try again once the mount answers, or unmount it; Linkscope carries on without it.',
  }),
  UNKNOWN: () => ({
    reason: 'Something unexpected went wrong.',
    wayOut: 'Read the detail for what the system reported, then refresh: nothing changed that is not listed as done.',
  }),
  // opening outside programs (actions)
  NO_FILE_MANAGER: () => ({
    reason: 'No system file manager was found.',
    wayOut: 'Install one (on Linux, xdg-utils and a file manager), or copy the path instead.',
  }),
  NO_TERMINAL: () => ({
    reason: 'No terminal program was found.',
    wayOut: 'Install a terminal (on Linux, one that provides x-terminal-emulator), or copy the path instead.',
  }),
  // Windows (issue 11)
  READ_ONLY: () => ({
    reason: 'This name is read-only, so Linkscope left it.',
    wayOut: 'Remove it anyway to take away this name only: the file\u2019s other names stay read-only.',
  }),
  // open with the default app (feat4)
  NO_DEFAULT_APP: () => ({
    reason: 'No program was found to open it with its default app.',
    wayOut: 'Install one (on Linux, xdg-utils and an app for this kind of file), or open it from the file manager.',
  }),
}

/** An operation's refusal: the plain reason and the way out, by code. */
export function explainOpError(e: AppError, op: OpName = 'create', junctions = true): Explained {
  // A code from outside this build (a newer engine) still gets a safe answer.
  const explain = Object.hasOwn(OP_ERRORS, e.code) ? OP_ERRORS[e.code] : undefined
  return explain
    ? explain(op, junctions)
    : { reason: 'Something unexpected went wrong.', wayOut: 'Refresh and try again.' }
}
