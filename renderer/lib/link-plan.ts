/**
 * What a link request will do and what will not work, said before anything is made. Pure: the dialogs
 * show it, and the engine still checks everything again (this is advice, not the guard).
 */
import type { Capabilities } from '../../shared/types/app'
import type { LinkEntry } from '../../shared/types/link'
import type { DropAs, LinkType } from '../../shared/types/ops'
import { isFolderLike } from './format'
import { dirnameOf, joinPath, relativePath, type Sep } from './paths'
import { volumeWord } from './volume-word'

export type LinkChoice = 'hard' | 'symbolic-relative' | 'symbolic-absolute' | 'junction'

export const CHOICE_LABELS: Record<LinkChoice, string> = {
  hard: 'Hard link',
  'symbolic-relative': 'Symbolic link (relative)',
  'symbolic-absolute': 'Symbolic link (absolute)',
  junction: 'Junction',
}

/** One line under each choice: what it is, in the words of the pitfall it avoids. */
export const choiceHint = (c: LinkChoice): string =>
  c === 'hard'
    ? `The same file under another name — not a copy or a backup. Files only, same ${volumeWord()}.`
    : CHOICE_HINTS[c]

const CHOICE_HINTS: Record<Exclude<LinkChoice, 'hard'>, string> = {
  'symbolic-relative': 'Stores the way from the link to the target; survives moving both together.',
  'symbolic-absolute': 'Stores the full path; breaks if the target moves or is renamed.',
  junction: 'Folders on local drives only; no admin rights needed on Windows.',
}

export const choiceToRequest = (c: LinkChoice): { type: LinkType; relative: boolean } => ({
  type: c === 'hard' ? 'hard' : c === 'junction' ? 'junction' : 'symbolic',
  relative: c === 'symbolic-relative',
})

export type Plan = { summary: string; problems: string[]; notes: string[] }

export type PlanInput = {
  choice: LinkChoice
  /** the target as the engine sees it (null: it does not exist; undefined: still looking) */
  target: LinkEntry | null | undefined
  targetPath: string
  dir: string
  name: string
  capabilities: Capabilities
  sep: Sep
  /** names already in `dir` */
  taken?: ReadonlySet<string>
}

/** Why a drop kind cannot be used here at all (shown greyed out with the reason), or null. */
export function dropDisabledReason(as: DropAs, caps: Capabilities): string | null {
  if (as === 'junction' && !caps.junctions) return caps.junctionsWhy ?? 'Junctions exist on Windows (NTFS) only.'
  if ((as === 'symbolic-relative' || as === 'symbolic-absolute') && caps.symlinks === 'no')
    return caps.symlinksWhy ?? 'This system cannot make symbolic links.'
  return null
}

/** Problems with the name and the target path that every kind of link shares. */
function nameAndTargetProblems(i: PlanInput): string[] {
  const problems: string[] = []
  if (!i.name.trim()) problems.push('Give the link a name.')
  else if (/[\\/]/.test(i.name) || i.name === '.' || i.name === '..')
    problems.push('A name cannot contain / or \\, or be . or ..')
  else if (i.taken?.has(i.name))
    problems.push(`“${i.name}” already exists in this folder; Linkscope never overwrites. Choose another name.`)
  if (!i.targetPath.trim()) problems.push('Say what the link should point to.')
  return problems
}

function hardPlan(i: PlanInput, linkPath: string, plan: Plan): void {
  plan.summary = `“${linkPath}” will be another name of “${i.targetPath}”.`
  if (i.targetPath && i.target === null)
    plan.problems.push('A hard link needs a file that exists; this target does not.')
  if ((i.target && isFolderLike(i.target)) || i.target?.kind === 'dir') {
    plan.problems.push(
      `Hard links can’t point to folders. Use ${i.capabilities.junctions ? 'a junction or ' : ''}a folder symbolic link.`,
    )
    return
  }
  if (i.target && i.target.kind !== 'file')
    plan.problems.push('A hard link is made to a file, not to a link. Point it at the file the link leads to.')
  plan.notes.push(
    'It is the same file under another name, not a copy or a backup: editing one edits both, and deleting one name keeps the data under the other.',
  )
  plan.notes.push(`Both names must be on the same ${volumeWord()}. The read-only attribute is shared by all names.`)
  if (i.target?.kind === 'file' && i.target.links > 1)
    plan.notes.push(`The file already has ${i.target.links} names; it will have ${i.target.links + 1}.`)
}

function junctionPlan(i: PlanInput, linkPath: string, plan: Plan): void {
  plan.summary = `“${linkPath}” will be a junction to the folder “${i.targetPath}”.`
  if (!i.capabilities.junctions)
    plan.problems.push(
      i.capabilities.junctionsWhy ?? 'Junctions exist on Windows (NTFS) only. Use a symbolic link here.',
    )
  if (i.target && !isFolderLike(i.target))
    plan.problems.push('Junctions point to folders only. For a file, use a hard link or a symbolic link.')
  plan.notes.push('A junction stores an absolute path: it breaks if the folder is moved or renamed. Local drives only.')
}

function symbolicPlan(i: PlanInput, linkPath: string, relative: boolean, plan: Plan): void {
  const stored = relative ? relativePath(i.dir, i.targetPath, i.sep) : i.targetPath
  plan.summary = `“${linkPath}” will point to “${stored}”${relative ? ' (relative to the link’s folder)' : ''}.`
  if (i.capabilities.symlinks === 'no')
    plan.problems.push(i.capabilities.symlinksWhy ?? 'This system cannot make symbolic links.')
  if (i.capabilities.symlinks === 'privileged')
    plan.notes.push(
      'Symbolic links need Developer Mode or administrator rights here; without them Linkscope will say so and nothing is made. A junction (folders) or a hard link (files) needs neither.',
    )
  if (i.targetPath && i.target === null)
    plan.notes.push('The target does not exist yet: the link will be broken until it does.')
  plan.notes.push(
    relative
      ? 'Moving the link and its target together keeps it working; moving either alone breaks it.'
      : 'The link can move anywhere; it breaks if the target is moved or renamed.',
  )
}

export function planLink(i: PlanInput): Plan {
  const plan: Plan = { summary: '', problems: nameAndTargetProblems(i), notes: [] }
  const linkPath = joinPath(i.dir, i.name || '…', i.sep)
  const { type, relative } = choiceToRequest(i.choice)
  if (type === 'hard') hardPlan(i, linkPath, plan)
  else if (type === 'junction') junctionPlan(i, linkPath, plan)
  else symbolicPlan(i, linkPath, relative, plan)
  return plan
}

export type RetargetInput = {
  /** the link being retargeted */
  entry: LinkEntry
  targetPath: string
  /** the new target as the engine sees it (null: it does not exist; undefined: still looking) */
  target: LinkEntry | null | undefined
  /** store the target relative to the link's folder (symbolic links only) */
  relative: boolean
  sep: Sep
}

/** What "Retarget" will store, and what will not work, before the link is touched. */
export function planRetarget(i: RetargetInput): Plan & { stored: string } {
  const p = i.targetPath.trim()
  const e = i.entry
  const problems: string[] = []
  const notes: string[] = []
  const stored = e.kind === 'symlink' && i.relative ? relativePath(dirnameOf(e.path, i.sep) ?? '', p, i.sep) : p
  if (!p) problems.push('Say where the link should point.')
  if (p === e.path) problems.push('A link cannot point to itself.')
  if (e.kind === 'junction' && i.target && !isFolderLike(i.target))
    problems.push('A junction can only point to a folder.')
  if (p && stored === e.target) problems.push('It already points there. Type or pick another target.')
  if (p && i.target === null) notes.push('This target does not exist: the link will still be broken.')
  return { summary: `“${e.name}” will point to “${stored || '…'}” instead of “${e.target}”.`, stored, problems, notes }
}

/** What the typed target is, under the field: a folder, a file, still looking, or nothing there. */
export function targetStateLabel(target: LinkEntry | null | undefined, typed: string): string {
  if (target) return `Exists: ${isFolderLike(target) ? 'a folder' : 'a file'}`
  if (target === undefined) return 'Checking…'
  return typed ? 'Does not exist' : ' '
}

/**
 * The other ways to make a refused drop work, by error code (the "way out" as buttons): across drives
 * a symbolic link; for a folder a junction or a folder symbolic link; without the symlink privilege a
 * junction or a hard link. Only kinds this system can make, never the one that was refused.
 */
export function dropAlternatives(code: string, refused: DropAs, caps: Capabilities): DropAs[] {
  const by: Record<string, DropAs[]> = {
    CROSS_DEVICE: ['symbolic-absolute'],
    TOO_MANY_LINKS: ['symbolic-absolute'],
    IS_DIRECTORY: ['junction', 'symbolic-relative'],
    PRIVILEGE_REQUIRED: ['junction', 'hard'],
    UNSUPPORTED_FS: ['symbolic-absolute', 'hard'],
  }
  return (by[code] ?? []).filter((as) => as !== refused && dropDisabledReason(as, caps) === null)
}

/**
 * The name "Create link" offers for a link to `target`: its own name when that is free here, else
 * "name - Link.ext", "name - Link (2).ext"… as Link Shell Extension names its drops, so the dialog
 * does not open on a refusal.
 */
export function offeredLinkName(targetName: string, taken: ReadonlySet<string> | undefined): string {
  const dot = targetName.lastIndexOf('.')
  const [base, ext] = dot > 0 ? [targetName.slice(0, dot), targetName.slice(dot)] : [targetName, '']
  for (let n = 0; n < 1000; n++) {
    const name = n === 0 ? targetName : `${base} - Link${n === 1 ? '' : ` (${n})`}${ext}`
    if (!taken?.has(name)) return name
  }
  return targetName
}
