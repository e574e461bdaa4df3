/** The engine's side of the contract: its channels' handlers, built on model/, ops/ and scan/. */
import * as os from 'node:os'
import { LinkError } from '../../../shared/errors'
import { joinSides, type HandlersOn } from '../../../shared/ipc/contract'
import type { AppMode } from '../../../shared/types/app'
import type { LinkEntry } from '../../../shared/types/link'
import { chainOf } from '../listing/link-chain'
import { listBatches, parentOf } from '../listing/list'
import { openLastFolder } from '../store/last-folder'
import { openPicksStore } from '../store/picks-store'
import { resolveAsKernel } from '../listing/paths'
import { createLink, dropLinks, removeLink, renameEntry, retargetLink } from '../ops'
import { platform } from '../platform'
import { findCandidates, findLinksInto, findNames, runScan } from '../scan'
import { throwIfCancelled, yieldToEvents, type EngineHandlers } from './dispatch'
import { explorerMenuState, setExplorerMenu, type AppCommand } from './explorer-menu'

export type EngineConfig = {
  mode: AppMode
  startDir?: string
  configDir?: string
  /** how Explorer's verbs start the desktop app (executable and its leading arguments) */
  appCommand?: AppCommand
}

/** Every channel's handler in one process: the engine's own, and the browser-mode answers for main's. */
export function createHandlers(config: EngineConfig): EngineHandlers {
  return joinSides(engineHandlers(config), withoutMain)
}

/** The channels the engine serves (see servedBy in the contract). */
export function engineHandlers(config: EngineConfig): HandlersOn<'engine'> {
  const plat = platform()
  const picks = openPicksStore(config.configDir)
  const lastFolder = openLastFolder(config.configDir)
  return {
    app: {
      info: () => ({
        mode: config.mode,
        platform: plat.kind,
        sep: plat.sep,
        home: os.homedir(),
        startDir: config.startDir ?? lastFolder.get() ?? os.homedir(),
        capabilities: { ...plat.capabilities(), reveal: config.mode === 'electron' },
      }),
    },
    picks: {
      list: () => picks.list(),
      set: (paths) => picks.set(paths.map((p) => resolveAsKernel(p))),
    },
    links: {
      async list(ctx, dir) {
        const started = performance.now()
        const abs = resolveAsKernel(dir)
        let count = 0
        for (const batch of listBatches(abs)) {
          throwIfCancelled(ctx.signal)
          count += batch.length
          ctx.emit(batch)
          await yieldToEvents()
        }
        throwIfCancelled(ctx.signal)
        lastFolder.set(abs)
        return { dir: abs, count, parent: parentOf(abs), ms: Math.round(performance.now() - started) }
      },
      stat: (p): LinkEntry => plat.entry(resolveAsKernel(p)),
      chain: (p) => chainOf(resolveAsKernel(p)),
      create: (req) => createLink(req),
      drop: (req) => dropLinks(req),
      remove: (p) => removeLink(p),
      retarget: (req) => retargetLink(req),
      rename: (p, newName) => renameEntry(p, newName),
      names: (ctx, p, root) => findNames(ctx, p, root),
    },
    settings: {
      explorerMenu: () => explorerMenuState(config.appCommand),
      setExplorerMenu: (on) => setExplorerMenu(config.appCommand, on),
    },
    scan: {
      run: (ctx, root, options) => runScan(ctx, root, options),
      candidates: (ctx, link, root) => findCandidates(ctx, link, root),
      linksInto: (ctx, target, root) => findLinksInto(ctx, target, root),
    },
    shell: {},
  }
}

/**
 * What the engine answers on main's channels where there is no main (browser mode): outside verbs
 * never arrive, and what needs the desktop window or the system shell is refused with the way out.
 */
export const withoutMain: HandlersOn<'main'> = {
  app: {
    events: (ctx) => new Promise((resolve) => {
      if (ctx.signal.aborted) resolve(null)
      else ctx.signal.addEventListener('abort', () => resolve(null))
    }),
  },
  picks: {},
  links: {
    elevate() {
      throw new LinkError('UNSUPPORTED_ON_PLATFORM', 'Running an operation as administrator needs the desktop app; in browser mode, start Linkscope with the rights the folder needs.')
    },
  },
  scan: {},
  settings: {},
  shell: {
    reveal(p) {
      throw new LinkError('UNSUPPORTED_ON_PLATFORM', 'Showing a file in the system file manager works in the desktop app only.', p)
    },
    openDeveloperSettings() {
      throw new LinkError('UNSUPPORTED_ON_PLATFORM', 'Open Settings → System → For developers and turn on Developer Mode (the desktop app opens it for you).')
    },
  },
}
