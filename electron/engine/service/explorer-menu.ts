/**
 * "Add Linkscope to the Explorer right-click menu": the per-user verbs in HKCU (Windows). Elsewhere the
 * setting does not exist and says why; the registry code loads only on Windows.
 */
import { LinkError } from '../../../shared/errors'
import type { ExplorerMenuState } from '../../../shared/types/app'
import { platform } from '../platform'

export type AppCommand = { exe: string; args: string[] }

type Verbs = typeof import('../platform/win32/shell/explorer-verbs')
// eslint-disable-next-line @typescript-eslint/no-require-imports
const verbs = (): Verbs => require('../platform/win32/shell/explorer-verbs') as Verbs

function unavailable(command: AppCommand | undefined): string | null {
  if (platform().kind !== 'win32')
    return 'Explorer menus exist on Windows only; on Linux the desktop file offers the same verbs as actions.'
  if (!command) return 'The Explorer menu starts the desktop app, so it can be set only from the desktop app.'
  return null
}

export function explorerMenuState(command: AppCommand | undefined): ExplorerMenuState {
  const reason = unavailable(command)
  if (reason || !command) return { available: false, reason: reason ?? '', state: 'absent' }
  return { available: true, state: verbs().readExplorerVerbs(command).state }
}

export function setExplorerMenu(command: AppCommand | undefined, on: boolean): ExplorerMenuState {
  const reason = unavailable(command)
  if (reason || !command) throw new LinkError('UNSUPPORTED_ON_PLATFORM', reason ?? '')
  if (on) verbs().installExplorerVerbs(command)
  else verbs().removeExplorerVerbs()
  return explorerMenuState(command)
}
