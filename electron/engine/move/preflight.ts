/**
 * What a move or move-back would do, found before anything changes: room on the destination, links
 * elsewhere into the folder and what becomes of each, files open for writing, hard links with names
 * outside the folder, and whether the link can be made. `refusal` is the first reason the run would stop
 * with; the run itself calls this and throws it, so the preview and the run can never disagree.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import type { IncomingLink, LeaveKind, MovePreflight, OutsideNames } from '../../../shared/types/move'
import { fromErrno } from '../platform'
import type { LinkPlatform } from '../platform/link-platform'
import { findLinksInto } from '../scan/links-into'
import { isUnder } from '../scan/points-into'
import { listTree, type Tree } from '../tree/list-tree'
import { rootForms } from '../tree/tree-paths'
import { openForWrite } from './open-files'

export type PreflightInput = {
  op: 'move' | 'move-back'
  /** the folder to move (move) or the link to undo (move-back) */
  place: string
  /** the folder that holds the data now */
  data: string
  /** where the copy goes */
  copy: string
  leave: LeaveKind
  splitOutside: boolean
  /** where to look for links into the folder; default its whole volume */
  linksRoot?: string
  signal?: AbortSignal
  /** the platform layer the link will be made through */
  on: LinkPlatform
}

/** Sizes, counted once per file (a group's other names are links), and the names each file has outside. */
function measure(
  tree: Tree,
  blockSize: number,
): Pick<MovePreflight, 'files' | 'dirs' | 'bytes' | 'needBytes' | 'outsideNames'> {
  const groups = new Map<string, { rel: string; links: number; inside: number }>()
  let files = 0
  let dirs = 0
  let bytes = 0
  let needBytes = 0
  const blocks = (n: number): number => Math.ceil(n / blockSize) * blockSize
  for (const e of tree.entries) {
    if (e.kind === 'dir') {
      dirs++
      needBytes += blockSize
      continue
    }
    if (e.kind !== 'file') continue
    files++
    const g = e.links > 1 ? groups.get(e.id) : undefined
    if (g) {
      g.inside++
      continue
    }
    if (e.links > 1) groups.set(e.id, { rel: e.rel, links: e.links, inside: 1 })
    bytes += e.size
    needBytes += blocks(e.size)
  }
  const outsideNames: OutsideNames[] = []
  for (const g of groups.values())
    if (g.inside < g.links) outsideNames.push({ path: g.rel, links: g.links, inside: g.inside })
  return { files, dirs, bytes, needBytes, outsideNames }
}

async function incomingLinks(input: PreflightInput): Promise<IncomingLink[]> {
  const found: LinkEntry[] = []
  const controller = new AbortController()
  const onAbort = (): void => controller.abort()
  input.signal?.addEventListener('abort', onAbort)
  try {
    await findLinksInto(
      {
        emit: (items) => {
          found.push(...items)
        },
        signal: controller.signal,
      },
      input.data,
      input.linksRoot,
    )
  } finally {
    input.signal?.removeEventListener('abort', onAbort)
  }
  const inside = rootForms(input.data)
  const out: IncomingLink[] = []
  for (const l of found) {
    if (l.path === input.place || inside.some((r) => isUnder(l.path, r, path.sep, false))) continue // the link undone, or one that moves along
    const stored = l.target ?? ''
    const names = path.resolve(path.dirname(l.path), stored)
    // A move leaves a link at the folder's name, so whatever reached the folder still does. A move-back
    // deletes the drive copy: only a link that names the place (the link being undone) keeps working.
    const fate =
      input.op === 'move' || isUnder(names, input.place, path.sep, false) ? 'resolves-through-link' : 'will-break'
    out.push({ path: l.path, target: stored, fate })
  }
  return out
}

/** Whether the link can be made at the place's name on this platform. */
function linkRefusal(input: PreflightInput): MovePreflight['refusal'] {
  const parent = path.dirname(input.place)
  const p = input.on
  if (input.op === 'move' && input.leave === 'junction' && !p.capabilities().junctions) {
    return {
      code: 'UNSUPPORTED_ON_PLATFORM',
      message: `Junctions exist on Windows only; leave a symbolic link instead (--leave symlink).`,
    }
  }
  if (input.op === 'move' && input.leave === 'junction' && /^(\\\\|\/\/)/.test(input.copy)) {
    return {
      code: 'CROSS_DEVICE',
      message: `A junction cannot lead to a network location (${input.copy}); leave a symbolic link instead.`,
    }
  }
  if (input.op === 'move' && input.leave === 'symlink' && p.capabilities().symlinks !== 'yes') {
    return {
      code: 'PRIVILEGE_REQUIRED',
      message: 'Making a symbolic link needs a privilege this account does not have here; leave a junction instead.',
    }
  }
  try {
    fs.accessSync(parent, fs.constants.W_OK | fs.constants.X_OK)
  } catch {
    return {
      code: 'ACCESS_DENIED',
      message: `You cannot create entries in ${parent}, so the link cannot be left there; nothing was changed.`,
    }
  }
  return null
}

function firstRefusal(input: PreflightInput, pf: Omit<MovePreflight, 'refusal'>): MovePreflight['refusal'] {
  if (pf.needBytes > pf.freeBytes) {
    return {
      code: 'NO_SPACE',
      message: `${path.dirname(input.copy)} has ${pf.freeBytes} bytes free and the copy needs ${pf.needBytes}; nothing was changed.`,
    }
  }
  if (pf.outsideNames.length > 0 && !input.splitOutside) {
    const first = pf.outsideNames[0] as OutsideNames
    return {
      code: 'OUTSIDE_NAMES',
      message: `${pf.outsideNames.length} file(s) have hard-link names outside ${input.data} (first: ${first.path}, ${first.links - first.inside} name(s) outside); those names cannot move. Use --split-outside to leave them with the old bytes.`,
    }
  }
  const w = pf.openFiles.writers[0]
  if (w)
    return {
      code: 'OPEN_FILES',
      message: `${w.command} (pid ${w.pid}) has ${w.path} open for writing; close it and try again.`,
    }
  return linkRefusal(input)
}

/** The preflight, and the listing of the data folder it was made from (the copy reuses it). */
export async function preflightListed(input: PreflightInput): Promise<{ pf: MovePreflight; tree: Tree }> {
  const tree = await listTree(input.data, { signal: input.signal })
  const first = tree.problems[0]
  if (first)
    throw new LinkError(
      first.code,
      `${tree.problems.length} entries under ${input.data} cannot be read, so a move would be incomplete; nothing was changed. First: ${first.message}`,
      input.data,
    )
  const destDir = path.dirname(input.copy)
  let st: fs.StatsFs
  try {
    st = fs.statfsSync(destDir)
  } catch (e) {
    throw fromErrno(e, destDir)
  }
  const freeBytes = st.bavail * st.bsize
  const pf = {
    op: input.op,
    place: input.place,
    to: input.op === 'move' ? input.copy : input.place,
    leave: input.leave,
    ...measure(tree, st.bsize),
    freeBytes,
    incoming: await incomingLinks(input),
    openFiles: openForWrite(rootForms(input.data)),
  }
  return { pf: { ...pf, refusal: firstRefusal(input, pf) }, tree }
}

export const preflight = async (input: PreflightInput): Promise<MovePreflight> => (await preflightListed(input)).pf

export const refusalError = (pf: MovePreflight): LinkError | null =>
  pf.refusal ? new LinkError(pf.refusal.code, pf.refusal.message, pf.place) : null
