/**
 * "Run this operation as administrator": after the person chose it, main describes each operation with
 * what its paths look like now (read through the engine worker, so main never touches the disk), starts
 * the elevated helper (Windows: runas with this window as owner; POSIX: pkexec), sends the batch and
 * returns one outcome per operation. A declined prompt is CANCELLED for every operation.
 */
import { app, type BrowserWindow } from 'electron'

import { type AppError, toAppError } from '../../shared/errors'
import type { ElevatedOutcome, ElevatedRequest } from '../../shared/types/ops'
import { fingerprintFromEntry } from '../elevation/fingerprint'
import { type HelperClient, startHelper } from '../elevation/launcher'
import { describeOp, type ElevatedOp, type Fingerprint, foldersOf, pathsOf } from '../elevation/protocol'
import { requirePerMachineInstall } from '../elevation/win32/install-location'
import { startWin32Helper } from '../elevation/win32/launcher'
import { sessionIndependentRequest } from '../elevation/win32/session-drives'
import type { EngineClient } from './engine-client'

async function seen(engine: EngineClient, p: string): Promise<Fingerprint> {
  const r = await engine.links.stat(p)
  if (r.ok) return fingerprintFromEntry(r.value)
  if (r.error.code === 'NOT_FOUND') return { exists: false }
  throw r.error
}

async function describe(engine: EngineClient, r: ElevatedRequest): Promise<ElevatedOp> {
  const looked = new Map<string, Fingerprint>()
  for (const p of [...pathsOf(r), ...foldersOf(r)]) if (!looked.has(p)) looked.set(p, await seen(engine, p))
  return describeOp(r, (p) => looked.get(p) ?? { exists: false })
}

/** Start the helper with administrator rights, its consent prompt owned by this window. */
export function launchElevated(win: BrowserWindow): Promise<HelperClient> {
  if (process.platform === 'win32') {
    requirePerMachineInstall(process.execPath) // per-user, portable and development copies are refused, with the alternatives
    return startWin32Helper({
      exe: process.execPath,
      exeArgs: app.isPackaged ? [] : [app.getAppPath()],
      elevate: true,
      hwnd: win.getNativeWindowHandle(),
    })
  }
  return startHelper({
    elevate: true,
    app: { exe: process.execPath, ...(app.isPackaged ? {} : { appPath: app.getAppPath() }) },
  })
}

export async function runElevated(
  requests: ElevatedRequest[],
  engine: EngineClient,
  launch: () => Promise<HelperClient>,
): Promise<ElevatedOutcome[]> {
  const outcomes: (ElevatedOutcome | undefined)[] = []
  const ops: ElevatedOp[] = []
  const slots: number[] = []
  for (const [i, r] of requests.entries()) {
    try {
      // Windows: the helper runs in the administrator's session, which has none of this user's mapped or subst drives.
      ops.push(await describe(engine, process.platform === 'win32' ? sessionIndependentRequest(r) : r))
      slots.push(i)
    } catch (e) {
      outcomes[i] = { ok: false, error: toAppError(e) }
    }
  }
  if (ops.length > 0) {
    let refused: AppError | undefined
    try {
      const client = await launch()
      try {
        const reply = await client.send(ops)
        if ('refused' in reply) refused = reply.refused
        else {
          for (const [k, res] of reply.results.entries()) {
            const slot = slots[k]
            if (slot !== undefined) outcomes[slot] = res
          }
        }
      } finally {
        await client.close()
      }
    } catch (e) {
      refused = toAppError(e)
    }
    if (refused) for (const i of slots) outcomes[i] = { ok: false, error: refused }
  }
  return outcomes.map(
    (o) => o ?? { ok: false, error: { code: 'UNKNOWN', message: 'The helper gave no answer for this operation.' } },
  )
}
