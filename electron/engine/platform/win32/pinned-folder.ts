/**
 * Acting on exactly what was checked. Each create, remove and rename opens the folder it acts in once
 * and holds that handle until it is done. The handle shares reading and writing but not deletion, so
 * meanwhile nobody can rename that folder, delete it or put a junction in its place. The entry is then
 * named through the folder's final path, read from the handle with every link and junction already
 * resolved, never through the given path again; a removal also checks, on the entry's own handle, that
 * it lies in that folder.
 *
 * In the elevated helper the folder must moreover BE the given path (no link or junction anywhere on
 * the way), and RedirectionGuard keeps Windows from following junctions that a non-administrator made
 * in any folder above it: a same-user program cannot make administrator rights act elsewhere.
 */
import * as path from 'node:path'

import { LinkError } from '../../../../shared/errors'
import { actsStrictly } from '../acting'
import {
  FILE_FLAG_BACKUP_SEMANTICS,
  FILE_LIST_DIRECTORY,
  FILE_READ_ATTRIBUTES,
  FILE_SHARE_READ_WRITE,
  type Handle,
  isValidHandle,
  kernel32,
  OPEN_EXISTING,
} from './bindings/kernel32'
import { samePathByFolderRule } from './case-rule'
import { FILE_ATTRIBUTE_DIRECTORY } from './codec/file-info'
import { baseName, toDisplay, toExtended } from './codec/paths'
import { win32Error } from './codec/win32-errors'
import { closeHandle, finalPathOfHandle, identify } from './native-file'

export type PinnedFolder = {
  readonly handle: Handle
  /** plain final path of the folder: C:\real\folder */
  readonly finalPath: string
}

const sameFolder = (a: string, b: string): boolean => samePathByFolderRule(a.replace(/\\+$/, ''), b.replace(/\\+$/, ''))

/** Open and verify the folder holding `entryPath` (any form); the caller closes it. */
export function pinFolderOf(entryPath: string): PinnedFolder {
  const ext = toExtended(entryPath)
  const shown = toDisplay(ext)
  const folder = path.win32.dirname(shown)
  if (folder === shown)
    throw new LinkError('INVALID_ARGUMENT', `${shown} is a drive root; it has no folder to act in.`, shown)
  const { ret: handle, err } = kernel32().CreateFileW(
    toExtended(folder),
    FILE_LIST_DIRECTORY | FILE_READ_ATTRIBUTES,
    FILE_SHARE_READ_WRITE,
    OPEN_EXISTING,
    FILE_FLAG_BACKUP_SEMANTICS,
  )
  if (!isValidHandle(handle)) throw win32Error(err, toExtended(folder))
  try {
    if ((identify(handle, folder).attributes & FILE_ATTRIBUTE_DIRECTORY) === 0) {
      throw new LinkError('NOT_A_DIRECTORY', `${folder} is not a folder.`, folder)
    }
    const finalPath = finalPathOfHandle(handle, folder)
    if (actsStrictly() && !sameFolder(finalPath, folder)) {
      throw new LinkError(
        'FORBIDDEN',
        `${folder} leads through a link or junction to ${finalPath}; with administrator rights Linkscope acts only in real folders. Open ${finalPath} and try again.`,
        shown,
      )
    }
    return { handle, finalPath }
  } catch (e) {
    closeHandle(handle)
    throw e
  }
}

/**
 * Run `fn` with the folder of `entryPath` pinned; `fn` gets the entry's `\\?\` path inside the
 * folder's final path, the only path it should use.
 */
export function inPinnedFolder<T>(entryPath: string, fn: (at: string, folder: PinnedFolder) => T): T {
  const folder = pinFolderOf(entryPath)
  try {
    return fn(toExtended(`${folder.finalPath.replace(/\\+$/, '')}\\${baseName(toExtended(entryPath))}`), folder)
  } finally {
    closeHandle(folder.handle)
  }
}

/** Whether an open entry lies directly inside the pinned folder (read from the entry's own handle). */
export function requireInside(h: Handle, at: string, folder: PinnedFolder): void {
  const final = finalPathOfHandle(h, at)
  if (!sameFolder(path.win32.dirname(final), folder.finalPath)) {
    const shown = toDisplay(at)
    throw new LinkError(
      'CHANGED',
      `${shown} is not where Linkscope checked it (it is ${final}); nothing was done.`,
      shown,
    )
  }
}
