/** The engine's answers on the move channels (shared/ipc/contract.ts, group `move`). */
import type { CancelSignal, StreamContext } from '../../../shared/ipc/contract'
import type { HandlersOn } from '../../../shared/ipc/sides'
import type { MoveProgress } from '../../../shared/types/move'
import { retargetPrefixOf, undoPrefixBatch } from '../tree/retarget-prefix'
import { madeByMove } from './made-by-move'
import { moveBack, moveFolder, type MoveOptions, previewMove, previewMoveBack } from './move'

/** The stream's cancel as an AbortSignal, which the move's copy and verify watch. */
function abortOf(signal: CancelSignal): AbortSignal {
  const c = new AbortController()
  if (signal.aborted) c.abort()
  else signal.addEventListener('abort', () => c.abort())
  return c.signal
}

/** Progress to the UI at most every so often: the copy reports often, and each report is a message. */
function progressTo(ctx: StreamContext<MoveProgress>): (p: MoveProgress) => void {
  let last = 0
  let phase = ''
  return (p) => {
    const now = performance.now()
    if (p.phase === phase && now - last < 200) return
    last = now
    phase = p.phase
    ctx.emit([p])
  }
}

const optionsOf = (
  ctx: StreamContext<MoveProgress>,
  linksRoot: string | undefined,
  splitOutside: boolean,
): MoveOptions => ({
  signal: abortOf(ctx.signal),
  onProgress: progressTo(ctx),
  splitOutside,
  ...(linksRoot ? { linksRoot } : {}),
})

export function moveHandlers(): HandlersOn<'engine'>['move'] {
  return {
    preview: (src, destDir, leave, linksRoot) =>
      previewMove(src, destDir, { leave, ...(linksRoot ? { linksRoot } : {}) }),
    run: (ctx, src, destDir, leave, splitOutside, linksRoot) =>
      moveFolder(src, destDir, { ...optionsOf(ctx, linksRoot, splitOutside), leave }),
    previewBack: (link, linksRoot) => previewMoveBack(link, linksRoot ? { linksRoot } : {}),
    back: (ctx, link, splitOutside, linksRoot) => moveBack(link, optionsOf(ctx, linksRoot, splitOutside)),
    madeByMove: (p) => madeByMove(p),
    prefix: (links, oldPrefix, newPrefix, dryRun) => retargetPrefixOf(links, oldPrefix, newPrefix, dryRun),
    undoPrefix: (records) => undoPrefixBatch(records),
  }
}
