/** Several links retargeted one after another: what each did, and how to undo the ones that changed. */
import type { Api } from '../../../shared/ipc/contract'
import type { RetargetRequest } from '../../../shared/types/ops'
import type { ReportItem } from './op-report'
import type { UndoOp } from './undo'

export async function retargetEach(
  api: Api,
  reqs: RetargetRequest[],
): Promise<{ items: ReportItem[]; undo: UndoOp[] }> {
  const items: ReportItem[] = []
  const undo: UndoOp[] = []
  for (const req of reqs) {
    const r = await api.links.retarget(req)
    if (!r.ok) {
      items.push({ source: req.path, ok: false, error: r.error })
      continue
    }
    undo.push({ kind: 'retarget', path: r.value.entry.path, previousTarget: r.value.previousTarget })
    items.push({
      source: req.path,
      ok: true,
      entry: r.value.entry,
      note: `now points to “${r.value.entry.target ?? req.target}” (was “${r.value.previousTarget}”)`,
    })
  }
  return { items, undo }
}
