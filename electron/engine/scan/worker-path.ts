/** Where the built scan worker is: beside the bundle that runs us (out/engine or out/cli), or in out/ when run from source (tests). */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { outsideAsar } from '../fs/outside-asar'

let found: string | undefined

export function scanWorkerPath(): string {
  if (found) return found
  const candidates = [
    outsideAsar(path.join(__dirname, '..', 'engine', 'scan-worker.js')), // bundled: out/engine/*.js and out/cli/*.js
    path.join(__dirname, '..', '..', '..', 'out', 'engine', 'scan-worker.js'), // source: electron/engine/scan/
  ]
  found = candidates.find((p) => fs.existsSync(p))
  if (!found)
    throw new LinkError(
      'UNKNOWN',
      `The scan worker is not built (looked for ${candidates.join(', ')}); run the build first.`,
    )
  return found
}
