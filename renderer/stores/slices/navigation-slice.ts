/** Where we are: a browser-like history of folders, and following links to their targets. */
import type { LinkEntry } from '../../../shared/types/link'
import { isNameLink } from '../../../shared/types/link'
import { explainOpError } from '../../lib/explain'
import { isBroken } from '../../lib/format'
import { basenameOf, dirnameOf, type Sep, typedPath } from '../../lib/paths'
import type { AppSlice } from '../app-store'

export type Screen = 'explorer' | 'scan' | 'dupes' | 'find' | 'compare'

export type NavigationSlice = {
  /** the explorer (a folder) or the Scan view (a tree's results) */
  screen: Screen
  showExplorer(): void
  showScan(): void
  showDupes(): void
  history: string[]
  historyIndex: number
  /** Open a folder as a new history step; `select` paths are selected when they arrive. */
  openDirectory(dir: string, select?: string[]): Promise<void>
  goBack(): Promise<void>
  goForward(): Promise<void>
  goUp(): Promise<void>
  refresh(select?: string[]): Promise<void>
  /** Double-click / Enter: open a folder, or follow a link to where it points. */
  openEntry(entry: LinkEntry): Promise<void>
  /** The address bar: "~" and relative paths resolve as in a shell; a file opens its folder with it selected. */
  openTyped(typed: string): Promise<void>
}

/** Why a link cannot be followed, in the words of its status. */
function whyNotFollowed(e: LinkEntry): string {
  if (e.status === 'loop') return 'following it leads back to itself through other links'
  if (e.status === 'denied') return 'you have no permission to look at its target'
  return `its target “${e.target ?? '?'}” does not exist`
}

/** A link's target opens as a folder (a folder, a junction or mount point, a folder symlink's chain); else its folder opens with it selected. */
const opensAsFolder = (link: LinkEntry, target: LinkEntry): boolean =>
  target.kind === 'dir' ||
  target.kind === 'junction' ||
  target.kind === 'mount-point' ||
  (link.targetKind === 'dir' && target.kind === 'symlink')

export const createNavigationSlice: AppSlice<NavigationSlice> = (api) => (set, get) => {
  const sep = (): Sep => get().info?.sep ?? '/'
  return {
    screen: 'explorer',
    showExplorer() {
      set({ screen: 'explorer' })
    },
    showScan() {
      set({ screen: 'scan' })
    },
    showDupes() {
      set({ screen: 'dupes' })
    },
    history: [],
    historyIndex: -1,
    async openDirectory(dir, select) {
      const { history, historyIndex } = get()
      if (history[historyIndex] !== dir) {
        set({ history: [...history.slice(0, historyIndex + 1), dir], historyIndex: historyIndex + 1 })
      }
      await get().loadListing(dir, select)
    },
    async goBack() {
      const { history, historyIndex, dir } = get()
      if (historyIndex <= 0) return
      const target = history[historyIndex - 1]!
      set({ historyIndex: historyIndex - 1 })
      // Coming back up, the folder we came from is selected (as file managers do).
      await get().loadListing(target, dir && dirnameOf(dir, sep()) === target ? [dir] : undefined)
    },
    async goForward() {
      const { history, historyIndex } = get()
      if (historyIndex >= history.length - 1) return
      set({ historyIndex: historyIndex + 1 })
      await get().loadListing(history[historyIndex + 1]!)
    },
    async goUp() {
      const dir = get().dir
      if (!dir) return
      const parent = get().summary?.dir === dir ? (get().summary?.parent ?? null) : dirnameOf(dir, sep())
      if (parent) await get().openDirectory(parent, [dir])
    },
    async refresh(select) {
      const dir = get().dir
      if (dir) await get().loadListing(dir, select ?? [...get().selected])
    },
    async openEntry(entry) {
      if (entry.kind === 'dir') return get().openDirectory(entry.path)
      if (!isNameLink(entry)) {
        if (entry.kind === 'file') return
        get().showNotice('info', `“${entry.name}” is not a folder or a link, so there is nothing to open.`)
        return
      }
      if (isBroken(entry) || entry.status === 'denied' || !entry.resolved) {
        get().showNotice(
          'error',
          `“${entry.name}” cannot be followed: ${whyNotFollowed(entry)}.`,
          'Use Retarget… to point it somewhere that exists, or remove the link.',
        )
        return
      }
      const r = await api.links.stat(entry.resolved)
      if (!r.ok) {
        const { reason, wayOut } = explainOpError(r.error, 'open')
        get().showNotice('error', `“${entry.name}” cannot be followed: ${reason}`, `${wayOut} (${r.error.message})`)
        return
      }
      const target = r.value
      if (opensAsFolder(entry, target)) return get().openDirectory(target.path)
      const parent = dirnameOf(target.path, sep())
      if (!parent) return
      get().showNotice('info', `Followed “${entry.name}” to “${basenameOf(target.path, sep())}”.`)
      await get().openDirectory(parent, [target.path])
    },
    async openTyped(typed) {
      const p = typedPath(typed, get().dir, get().info?.home ?? '', sep())
      const r = await api.links.stat(p)
      const e = r.ok ? r.value : null
      const isFile = e !== null && (e.kind === 'file' || (isNameLink(e) && e.targetKind === 'file'))
      const parent = isFile ? dirnameOf(p, sep()) : null
      await (parent ? get().openDirectory(parent, [p]) : get().openDirectory(p))
    },
  }
}
