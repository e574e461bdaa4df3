/**
 * What removing the selection will do, entry by entry, said before the click. Names of one file are
 * counted together: removing every name of a file would delete its data, so the last of them (in the
 * order they are removed) is refused up front, with the reason.
 */
import type { LinkEntry } from '../../../shared/types/link'
import { isFolderLike } from '../../lib/format'

export type Removal = { e: LinkEntry; text: string; refused: boolean }

const names = (n: number): string => `${n} other name${n === 1 ? '' : 's'}`

/** What removing one entry does, in words. `refused` entries are not links and will not be touched. */
export function removalText(e: LinkEntry, othersLeft = e.links - 1): { text: string; refused: boolean } {
  switch (e.kind) {
    case 'symlink':
    case 'wsl-symlink':
      return {
        text: `Removes the symbolic link “${e.name}”. What it points to (“${e.target ?? '?'}”) is not touched.`,
        refused: false,
      }
    case 'junction':
    case 'mount-point':
      return {
        text: `Removes the junction “${e.name}” only. The folder it points to (“${e.target ?? '?'}”) and everything in it stay.`,
        refused: false,
      }
    case 'file':
      return fileRemovalText(e, othersLeft)
    default:
      return {
        text: `“${e.name}” is ${isFolderLike(e) ? 'a folder' : 'not a link'}: Linkscope will not touch it.`,
        refused: true,
      }
  }
}

/** A file's name: removed while the file keeps another name, refused when it would be the last. */
function fileRemovalText(e: LinkEntry, othersLeft: number): { text: string; refused: boolean } {
  if (othersLeft >= 1)
    return {
      text: `Removes the name “${e.name}”. The data stays: the file keeps ${names(othersLeft)}.${e.readonly ? ' (It is read-only; that attribute is shared by all names.)' : ''}`,
      refused: false,
    }
  return {
    text:
      e.links > 1
        ? `“${e.name}” would be the last name of its file once the other selected names are removed: removing it too would delete the data, so Linkscope will not. It stays.`
        : `“${e.name}” is the only name of its file: removing it would delete the data, so Linkscope will not.`,
    refused: true,
  }
}

/** Every selected entry with what will happen to it, in the order they will be removed. */
export function planRemovals(entries: readonly LinkEntry[]): Removal[] {
  // how many names each file still has as the removals before this one are done
  const left = new Map<string, number>()
  return entries.map((e) => {
    const key = e.kind === 'file' && e.id ? e.id : null
    const before = key ? (left.get(key) ?? e.links) : e.links
    const line = removalText(e, before - 1)
    if (key && !line.refused) left.set(key, before - 1)
    return { e, ...line }
  })
}
