/**
 * Tests that only root can run (switching users with setpriv, mounting, chown to another user) are
 * skipped for everyone else, with the reason shown: Vitest prints it beside the test, and
 * scripts/sum-tests.mjs lists it before the closing line (it reads `meta.skipReason` from Vitest's JSON
 * and the skip annotation from Playwright's). Playwright tests say `test.skip(!isRoot, needsRoot(why))`.
 */

declare module 'vitest' {
  interface TaskMeta {
    skipReason?: string
  }
}

/** Whether this process runs as root (CI does; a developer may not). */
export const isRoot = process.getuid?.() === 0

/** The skip reason for a test that needs root to `why`, worded the same everywhere. */
export const needsRoot = (why: string): string => `needs root: ${why}`

/** The part of Vitest's test context used here (a `beforeEach` hook gets the same one). */
export type Skippable = { skip(condition: boolean, note?: string): void; task: { meta: { skipReason?: string } } }

/**
 * Call first in a Vitest test, or in a `beforeEach` so that the hook's own root-only setup never runs:
 * `beforeEach((ctx) => skipUnlessRoot(ctx, 'switches to another user with setpriv'))`.
 */
export function skipUnlessRoot(ctx: Skippable, why: string): void {
  skipBecause(ctx, isRoot ? null : needsRoot(why))
}

/**
 * The same for any other condition: skips with `reason` unless it is null, e.g.
 * `beforeEach((ctx) => skipBecause(ctx, hungMountUnavailable()))`. (Vitest's `describe.skipIf` and
 * `it.skipIf` carry no reason, so the closing summary could only say "no reason given".)
 */
export function skipBecause(ctx: Skippable, reason: string | null): void {
  if (reason === null) return
  ctx.task.meta.skipReason = reason
  ctx.skip(true, reason)
}
