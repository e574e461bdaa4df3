/** The engine's side of the contract: its channels' handlers, built on model/, ops/ and scan/. */
import * as os from 'node:os'

import { LinkError } from '../../../shared/errors'
import { type HandlersOn, joinSides } from '../../../shared/ipc/sides'
import type { AppMode } from '../../../shared/types/app'
import type { LinkEntry } from '../../../shared/types/link'
import { completeFolder } from '../actions/complete-folder'
import { watchFolder } from '../actions/watch-folder'
import { dupesHandlers } from '../dedupe'
import { chainOf } from '../listing/link-chain'
import { listBatches, parentOf } from '../listing/list'
import { resolveAsKernel } from '../listing/paths'
import { moveHandlers } from '../move/handlers'
import { createLink, dropLinks, removeLink, renameEntry, retargetLink } from '../ops'
import { platform } from '../platform'
import { findByName, findCandidates, findLinksInto, findNames, runScan } from '../scan'
import { openBookmarks } from '../store/bookmarks'
import { openLastFolder } from '../store/last-folder'
import { openPicksStore } from '../store/picks-store'
import { treesHandlers } from '../tree/trees-handlers'
import { type EngineHandlers, throwIfCancelled, yieldToEvents } from './dispatch'
import { type AppCommand, explorerMenuState, setExplorerMenu } from './explorer-menu'
import { openInFileManager, openInTerminal, openWithDefaultApp } from './open-outside'

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
  const bookmarks = openBookmarks(config.configDir)
  return {
    app: {
      info: () => ({
        mode: config.mode,
        platform: plat.kind,
        sep: plat.sep,
        home: os.homedir(),
        startDir: config.startDir ?? lastFolder.get() ?? os.homedir(),
        // browser mode runs on the user's own machine: the engine starts the file manager there
        capabilities: { ...plat.capabilities(), reveal: true },
      }),
      capabilities: (dir) => ({ ...plat.capabilities(resolveAsKernel(dir)), reveal: true }),
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
      remove: (p, options) => removeLink(p, options),
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
    move: moveHandlers(),
    dupes: dupesHandlers(),
    actions: {
      watch: (ctx, dir) => watchFolder(ctx, dir),
      complete: (typed) => completeFolder(typed),
      findByName: (ctx, root, pattern, options) => findByName(ctx, root, pattern, options),
    },
    trees: treesHandlers(),
    places: {
      list: () => ({ recent: lastFolder.recent(), bookmarks: bookmarks.list() }),
      bookmark: (dir, on) => ({ recent: lastFolder.recent(), bookmarks: bookmarks.set(dir, on) }),
    },
  }
}

/**
 * What the engine answers on main's channels where there is no main (browser mode): outside verbs
 * never arrive, and what needs the desktop window or the system shell is refused with the way out.
 */
export const withoutMain: HandlersOn<'main'> = {
  app: {
    events: (ctx) =>
      new Promise((resolve) => {
        if (ctx.signal.aborted) resolve(null)
        else ctx.signal.addEventListener('abort', () => resolve(null))
      }),
  },
  picks: {},
  links: {
    elevate() {
      throw new LinkError(
        'UNSUPPORTED_ON_PLATFORM',
        'Running an operation as administrator needs the desktop app; in browser mode, start Linkscope with the rights the folder needs.',
      )
    },
  },
  scan: {},
  settings: {},
  move: {},
  dupes: {},
  actions: {},
  trees: {},
  places: {},
  shell: {
    // The server runs on the user's own machine, so it can start their file manager and terminal.
    reveal: async (p) => {
      await openInFileManager(p)
    },
    openTerminal: async (p) => {
      await openInTerminal(p)
    },
    openDefault: async (p) => {
      await openWithDefaultApp(p)
    },
    saveFile() {
      throw new LinkError('UNSUPPORTED_ON_PLATFORM', 'In browser mode an export is downloaded by the browser.')
    },
    chooseFolder() {
      throw new LinkError('UNSUPPORTED_ON_PLATFORM', 'In browser mode Browse lists the folders in the page itself.')
    },
    openDeveloperSettings() {
      throw new LinkError(
        'UNSUPPORTED_ON_PLATFORM',
        'Open Settings → System → For developers and turn on Developer Mode (the desktop app opens it for you).',
      )
    },
  },
}
