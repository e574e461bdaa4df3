/** What undoing one operation calls, and what the report then says; the ops slice keeps the stack. */
import type { Result } from '../../../shared/errors'
import type { Api } from '../../../shared/ipc/contract'
import type { LinkEntry } from '../../../shared/types/link'
import type { CreateLinkRequest } from '../../../shared/types/ops'
import { isRelativeTarget } from '../../lib/explain'
import { basenameOf, dirnameOf, joinPath, type Sep } from '../../lib/paths'

export type UndoOp =
  | { kind: 'create'; path: string }
  | { kind: 'remove'; removed: LinkEntry; otherName?: string }
  | { kind: 'retarget'; path: string; previousTarget: string }
  | { kind: 'rename'; from: string; to: string }

/** Where a removed link pointed, as a request that re-creates it. */
export function recreateRequest(op: Extract<UndoOp, { kind: 'remove' }>, sep: Sep): CreateLinkRequest | null {
  const e = op.removed
  if (e.kind === 'file') return op.otherName ? { type: 'hard', target: op.otherName, link: e.path } : null
  const target = e.resolved ?? e.target
  if (!target) return null
  if (e.kind === 'junction' || e.kind === 'mount-point') return { type: 'junction', target, link: e.path }
  const relative = e.target !== undefined && isRelativeTarget(e.target)
  const abs = relative && e.target ? joinPath(dirnameOf(e.path, sep) ?? '', e.target, sep) : target
  return { type: 'symbolic', target: abs, link: e.path, relative }
}

/** The path an undo acts on, named in its report if it fails. */
export const undoSubject = (op: UndoOp): string =>
  op.kind === 'remove' ? op.removed.path : op.kind === 'rename' ? op.to : op.path

/** Undo one operation: the call's result, the report's title, and what to select afterwards. */
export async function runUndo(
  api: Api,
  op: UndoOp,
  sep: Sep,
): Promise<{ r: Result<unknown>; title: string; select: string[] }> {
  switch (op.kind) {
    case 'create':
      return {
        r: await api.links.remove(op.path),
        title: `Undid: removed the new link “${basenameOf(op.path, sep)}”`,
        select: [],
      }
    case 'remove': {
      const req = recreateRequest(op, sep)
      const r: Result<unknown> = req
        ? await api.links.create(req)
        : {
            ok: false,
            error: {
              code: 'LAST_NAME',
              message: 'No other name of the file is known, so the removed name cannot be re-created.',
            },
          }
      return { r, title: `Undid: re-created “${op.removed.name}”`, select: [op.removed.path] }
    }
    case 'retarget': {
      const relative = isRelativeTarget(op.previousTarget)
      const target = relative ? joinPath(dirnameOf(op.path, sep) ?? '', op.previousTarget, sep) : op.previousTarget
      return {
        r: await api.links.retarget({ path: op.path, target, relative }),
        title: `Undid: “${basenameOf(op.path, sep)}” points to “${op.previousTarget}” again`,
        select: [op.path],
      }
    }
    case 'rename':
      return {
        r: await api.links.rename(op.to, basenameOf(op.from, sep)),
        title: `Undid: renamed back to “${basenameOf(op.from, sep)}”`,
        select: [op.from],
      }
  }
}
