/** Paths of the built bundles (vitest's globalSetup builds them) for tests that start real workers. */
import * as path from 'node:path'

export const REPO = path.resolve(__dirname, '..', '..')
export const ENGINE_WORKER = path.join(REPO, 'out', 'engine', 'engine-worker.js')
export const CLI = path.join(REPO, 'bin', 'linkscope.js')
