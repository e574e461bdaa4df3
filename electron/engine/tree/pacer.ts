/**
 * Long tree work runs synchronous file calls in a loop; the pacer lets the event loop run every few
 * milliseconds, so a cancel (an AbortSignal fired by Ctrl-C or the UI) is seen, and throws CANCELLED then.
 */
import { LinkError } from '../../../shared/errors'

/** How long the loop keeps the thread before letting other work (a cancel) in. */
const SLICE_MS = 20

export class Pacer {
  private until = performance.now() + SLICE_MS
  constructor(
    private readonly signal?: AbortSignal,
    private readonly what = 'The operation',
  ) {}

  /**
   * Call between units of work: `if (pacer.due()) await pacer.pause()`. Awaiting only when due keeps a
   * loop over 100k entries from paying for 100k promises.
   */
  due(): boolean {
    // a cancel fired by the work itself (a progress callback) is seen at once
    return this.signal?.aborted === true || performance.now() >= this.until
  }

  /** Let other work in, then throw CANCELLED if the signal fired meanwhile. */
  async pause(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve))
    this.until = performance.now() + SLICE_MS
    this.check()
  }

  check(): void {
    if (this.signal?.aborted) throw new LinkError('CANCELLED', `${this.what} was cancelled.`)
  }
}
