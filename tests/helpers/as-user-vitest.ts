/** Vitest glue for as-user.ts: one stage for a file (or a describe block), made only when running as root. */
import { afterAll, beforeAll } from 'vitest'

import { type Stage, stageForOtherUser, SWITCHES_USER } from './as-user'
import { isRoot, type Skippable, skipUnlessRoot } from './needs-root'

/**
 * Call at the top of a file or describe block; it stages before the block's tests and removes the stage
 * after them. Each test that runs as the other user starts with `const stage = otherUser(ctx)`, which
 * skips it (saying why) unless this process is root.
 */
export function otherUserStage(): (ctx: Skippable) => Stage {
  let stage: Stage | undefined
  beforeAll(() => {
    if (isRoot) stage = stageForOtherUser()
  })
  afterAll(() => stage?.remove())
  return (ctx) => {
    skipUnlessRoot(ctx, SWITCHES_USER)
    if (!stage) throw new Error('otherUserStage(): no stage (call it at the top of the file or describe block)')
    return stage
  }
}
