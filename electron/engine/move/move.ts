/**
 * Move a folder to another drive and leave a link behind, and the reverse (issue 16). This file turns
 * what the user names into a plan (where the copy goes, the hidden names beside the place) after the
 * checks that need no listing; preflight.ts does the rest and relocate.ts runs the plan.
 */
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import type { LeaveKind, MovePreflight, MoveResult } from '../../../shared/types/move'
import * as nfs from '../fs/fs-names'
import { fromErrno, platform } from '../platform'
import type { LinkPlatform } from '../platform/link-platform'
import { relUnderAny, rootForms } from '../tree/tree-paths'
import type { MovePlan } from './move-journal'
import { preflight, type PreflightInput, preflightListed, refusalError } from './preflight'
import { recoverMoves } from './recover'
import { relocate, type RunOptions } from './relocate'
import { stepDone } from './step-clock'
import { besideName, isLinkAt } from './swap'

export type MoveOptions = RunOptions & {
  leave?: LeaveKind
  splitOutside?: boolean
  /** where to look for links into the folder (default: its whole volume) */
  linksRoot?: string
  /** the platform layer to act through (tests pass a fake of Windows') */
  platform?: LinkPlatform
  /** told the preflight before anything changes (a refusal is thrown right after) */
  onPreflight?(pf: MovePreflight): void
}

const defaultLeave = (on: LinkPlatform): LeaveKind => (on.kind === 'win32' ? 'junction' : 'symlink')

function realFolder(p: string, what: string): void {
  let st
  try {
    st = nfs.lstatSync(p)
  } catch (e) {
    throw fromErrno(e, p)
  }
  if (st.isSymbolicLink()) throw new LinkError('INVALID_ARGUMENT', `${p} is a link; ${what} must be a real folder.`, p)
  if (!st.isDirectory()) throw new LinkError('NOT_A_DIRECTORY', `${p} is not a folder; ${what} must be one.`, p)
}

/** The plan for moving SRC into DEST_DIR, after the checks on names alone. */
function movePlan(srcIn: string, destDirIn: string, on: LinkPlatform, leave?: LeaveKind): MovePlan {
  const src = path.resolve(srcIn)
  const destDir = path.resolve(destDirIn)
  realFolder(src, 'what is moved')
  if (path.dirname(src) === src)
    throw new LinkError('INVALID_ARGUMENT', `${src} is a drive's root; it cannot be replaced by a link.`, src)
  let destStat
  try {
    destStat = nfs.statSync(destDir)
  } catch (e) {
    throw fromErrno(e, destDir)
  }
  if (!destStat.isDirectory()) throw new LinkError('NOT_A_DIRECTORY', `${destDir} is not a folder.`, destDir)
  const copy = path.join(nfs.realpathNativeSync(destDir), path.basename(src))
  if (relUnderAny(rootForms(src), copy) !== null)
    throw new LinkError(
      'INVALID_ARGUMENT',
      `${destDir} is inside ${src}; a folder cannot be moved into itself.`,
      destDir,
    )
  if (nfs.lstatOrUndefined(copy))
    throw new LinkError(
      'ALREADY_EXISTS',
      `${copy} already exists; a move never overwrites. Choose another destination.`,
      copy,
    )
  return {
    op: 'move',
    place: src,
    data: src,
    copy,
    temp: besideName(src, 'link'),
    aside: besideName(src, 'aside'),
    leave: leave ?? defaultLeave(on),
  }
}

/** The plan for putting a moved folder back at its link's name. */
function moveBackPlan(linkIn: string, on: LinkPlatform): MovePlan {
  const link = path.resolve(linkIn)
  if (!nfs.lstatOrUndefined(link)) throw new LinkError('NOT_FOUND', `${link} does not exist.`, link)
  if (!isLinkAt(link, on))
    throw new LinkError(
      'NOT_A_LINK',
      `${link} is not a link; move-back puts a moved folder back at the link left in its place.`,
      link,
    )
  let data: string
  try {
    data = nfs.realpathNativeSync(link)
  } catch (e) {
    throw fromErrno(e, link)
  }
  realFolder(data, 'what the link leads to')
  const kind = on.entry(link).kind === 'junction' ? 'junction' : 'symlink'
  const copy = besideName(link, 'back')
  return { op: 'move-back', place: link, data, copy, temp: copy, aside: besideName(link, 'aside'), leave: kind }
}

const inputOf = (plan: MovePlan, on: LinkPlatform, opts: MoveOptions): PreflightInput => ({
  ...plan,
  on,
  splitOutside: opts.splitOutside === true,
  linksRoot: opts.linksRoot,
  signal: opts.signal,
})

const preflightOf = (plan: MovePlan, on: LinkPlatform, opts: MoveOptions): Promise<MovePreflight> =>
  preflight(inputOf(plan, on, opts))

export async function previewMove(src: string, destDir: string, opts: MoveOptions = {}): Promise<MovePreflight> {
  const on = opts.platform ?? platform()
  return preflightOf(movePlan(src, destDir, on, opts.leave), on, opts)
}

export async function previewMoveBack(link: string, opts: MoveOptions = {}): Promise<MovePreflight> {
  const on = opts.platform ?? platform()
  return preflightOf(moveBackPlan(link, on), on, opts)
}

async function run(plan: MovePlan, on: LinkPlatform, opts: MoveOptions): Promise<MoveResult> {
  stepDone('start-up')
  const { pf, tree } = await preflightListed(inputOf(plan, on, opts))
  stepDone('preflight')
  opts.onPreflight?.(pf)
  const refusal = refusalError(pf)
  if (refusal) throw refusal
  return relocate(plan, on, opts, tree)
}

/** Move SRC to DEST_DIR/<name> and leave a link at SRC; a stopped earlier run is tidied up first. */
export async function moveFolder(src: string, destDir: string, opts: MoveOptions = {}): Promise<MoveResult> {
  const on = opts.platform ?? platform()
  recoverMoves(on)
  return run(movePlan(src, destDir, on, opts.leave), on, opts)
}

/** Put the folder a link leads to back at the link's name, with the same checks. */
export async function moveBack(link: string, opts: MoveOptions = {}): Promise<MoveResult> {
  const on = opts.platform ?? platform()
  recoverMoves(on)
  return run(moveBackPlan(link, on), on, opts)
}
