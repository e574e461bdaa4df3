/**
 * Long tree work runs synchronous file calls in a loop; the pacer lets the event loop run every few
 * milliseconds, so a cancel (an AbortSignal fired by Ctrl-C or the UI) is seen, and throws CANCELLED then.
 */
import { LinkError } from '../../../shared/errors'

/** How long the loop keeps the thread before letting other work (a cancel) in. */
const SLICE_MS = 20

export class Pacer {
  private until = performance.now() + SLICE_MS
  constructor(private readonly signal?: AbortSignal, private readonly what = 'The operation') {}

  /** Call between units of work: throws CANCELLED once the signal fired. */
  async step(): Promise<void> {
    if (performance.now() >= this.until) {
      await new Promise((resolve) => setImmediate(resolve))
      this.until = performance.now() + SLICE_MS
    }
    this.check()
  }

  check(): void {
    if (this.signal?.aborted) throw new LinkError('CANCELLED', `${this.what} was cancelled.`)
  }
}
