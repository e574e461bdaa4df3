/**
 * The calling thread's side of a walk on the addon's threads: `drain` collects what the threads found,
 * every POLL_MS, until it says the walk is over. A cancel or stop waits for the threads off this thread
 * (it serves every other request): each stops within a few hundred entries of the folder in hand, unless
 * it waits in a syscall on a hung mount, maybe for ever, so it waits STOP_GRACE_MS at most, then leaves
 * the rest behind.
 */
import { LinkError } from '../../../shared/errors'
import type { CancelSignal } from '../../../shared/ipc/contract'
import { errnoCode } from '../platform'
import type { NativeScan, WalkHandle } from './native-scan'
import { type WalkEnding, walkEnding } from './walk-ending'

/** How often the calling thread collects results: often enough for a first result at once, seldom enough to stay off the CPU. */
const POLL_MS = 3
/** How long a stopped walk waits for its threads before it ends without them. */
const STOP_GRACE_MS = 100

/** Poll `handle` with `drain` (true: the walk is over); `outOfMemory` is the message when the addon runs out. */
export function pollNativeWalk(
  native: NativeScan,
  handle: WalkHandle,
  signal: CancelSignal,
  drain: () => boolean,
  outOfMemory: string,
): WalkEnding {
  let timer: ReturnType<typeof setTimeout> | undefined
  const ending = walkEnding(signal, async () => {
    if (timer) clearTimeout(timer)
    const until = performance.now() + STOP_GRACE_MS
    while (native.walkStop(handle) > 0) {
      if (performance.now() >= until) {
        native.walkStop(handle, true)
        return
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  })
  const poll = (): void => {
    timer = undefined
    if (ending.settled()) return
    try {
      if (drain()) return ending.finish('done')
    } catch (e) {
      const error =
        errnoCode(e) === 'ENOMEM'
          ? new LinkError('UNKNOWN', outOfMemory)
          : e instanceof Error
            ? e
            : new Error(String(e))
      return ending.finish(error)
    }
    timer = setTimeout(poll, POLL_MS)
  }
  ending.start(() => {
    timer = setTimeout(poll, POLL_MS)
  })
  return ending
}
