/**
 * Names for dropped links, as Link Shell Extension gives them: the source's own name when it is
 * free, else "name - Hard link.ext", then "name - Hard link (2).ext", (3)… A folder has no
 * extension, and a dotfile such as ".bashrc" keeps its name whole.
 */
import { LinkError } from '../../../shared/errors'
import type { LinkType } from '../../../shared/types/ops'

export const DROP_LABELS: Record<LinkType, string> = {
  hard: 'Hard link',
  symbolic: 'Symbolic link',
  junction: 'Junction',
}

/** How many numbered names to try before giving up: a folder with that many is a mistake, not a wish. */
export const MAX_NUMBERED = 9999

/** "a.tar.gz" → ["a.tar", ".gz"]; ".bashrc" → [".bashrc", ""]; folders → [name, ""]. */
export function splitExtension(name: string, isFolder: boolean): [string, string] {
  if (isFolder) return [name, '']
  const dot = name.lastIndexOf('.')
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, '']
}

/** The n-th candidate name: 0 is the name itself, 1 "name - Label.ext", n ≥ 2 "name - Label (n).ext". */
export function candidateName(name: string, label: string, isFolder: boolean, n: number): string {
  if (n === 0) return name
  const [base, ext] = splitExtension(name, isFolder)
  return `${base} - ${label}${n === 1 ? '' : ` (${n})`}${ext}`
}

/** The first candidate for which `isTaken` says no. */
export function freeName(
  name: string,
  label: string,
  isFolder: boolean,
  isTaken: (candidate: string) => boolean,
): string {
  for (let n = 0; n <= MAX_NUMBERED; n++) {
    const candidate = candidateName(name, label, isFolder, n)
    if (!isTaken(candidate)) return candidate
  }
  throw new LinkError(
    'ALREADY_EXISTS',
    `Every name from "${candidateName(name, label, isFolder, 1)}" to "${candidateName(name, label, isFolder, MAX_NUMBERED)}" is taken.`,
  )
}
