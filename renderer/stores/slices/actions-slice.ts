/**
 * The everyday actions around the table: copying paths, opening a terminal, exporting a list, and
 * refreshing the open folder when it changes on disk (the engine watches it and pushes changes).
 */
import type { Job } from '../../../shared/ipc/contract'
import { escapedName, hasRawBytes } from '../../../shared/names'
import type { LinkEntry } from '../../../shared/types/link'
import { type ExportColumn, type ExportFormat, serialize } from '../../lib/export-format'
import type { AppSlice } from '../app-store'

export type CopyWhat = 'path' | 'target'

export type ActionsSlice = {
  /** Copy the entries' paths (or their links' targets), one a line; names that are not UTF-8 as their escapes. */
  copyPaths(entries: readonly LinkEntry[], what: CopyWhat): Promise<void>
  /** Ctrl+Shift+C: the selected entries' paths. */
  copySelectedPaths(): Promise<void>
  openTerminal(path: string): Promise<void>
  /** Open a file with the system's default app for it (a link: what it leads to). */
  openDefault(path: string): Promise<void>
  /** Save a list as CSV or JSON: a download in browser mode, the save dialog in the desktop app. */
  exportList<T>(
    baseName: string,
    format: ExportFormat,
    columns: readonly ExportColumn<T>[],
    rows: readonly T[],
  ): Promise<void>
  /** Folders that complete a typed path (the address bar); none when it cannot be listed. */
  completeFolder(typed: string): Promise<string[]>
  /** the folder being watched for changes (the open one), or null */
  watched: string | null
  /** Watch `dir` (and stop watching the one before); null stops. */
  watchFolder(dir: string | null): void
}

/** Text for the clipboard, and whether a name in it had to be written as escapes. */
function clipText(paths: readonly string[]): { text: string; escaped: boolean } {
  const escaped = paths.some(hasRawBytes)
  return { text: paths.map((p) => (hasRawBytes(p) ? escapedName(p) : p)).join('\n'), escaped }
}

/** A file download from the page (browser mode). */
function download(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.style.display = 'none'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

export const createActionsSlice: AppSlice<ActionsSlice> = (api) => (set, get) => {
  let watchJob: Job<null> | null = null
  return {
    async copyPaths(entries, what) {
      const paths =
        what === 'path'
          ? entries.map((e) => e.path)
          : entries.flatMap((e) => (e.target !== undefined ? [e.resolved ?? e.target] : []))
      if (paths.length === 0) return
      const { text, escaped } = clipText(paths)
      const noun = `${paths.length === 1 ? 'the' : paths.length} ${what === 'path' ? 'path' : 'target path'}${paths.length === 1 ? '' : 's'}`
      await get().copyText(
        text,
        escaped ? `${noun} (escaped: a name is not UTF-8, so each such byte is written \\xNN)` : noun,
      )
    },
    async copySelectedPaths() {
      const { entries, selected } = get()
      await get().copyPaths(
        entries.filter((e) => selected.has(e.path)),
        'path',
      )
    },
    async openTerminal(path) {
      const r = await api.shell.openTerminal(path)
      if (!r.ok) get().showNotice('error', `Could not open a terminal in “${path}”.`, r.error.message)
    },
    async openDefault(path) {
      const r = await api.shell.openDefault(path)
      if (!r.ok) get().showNotice('error', `Could not open “${path}” with its default app.`, r.error.message)
    },
    async exportList(baseName, format, columns, rows) {
      const name = `${baseName}.${format}`
      const content = serialize(format, columns, rows)
      if (get().info?.mode !== 'electron') {
        download(name, content, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json')
        get().showNotice('info', `Exported ${rows.length} row${rows.length === 1 ? '' : 's'} to ${name}.`)
        return
      }
      const r = await api.shell.saveFile(name, content)
      if (!r.ok) get().showNotice('error', `Could not export ${name}.`, r.error.message)
      else if (r.value)
        get().showNotice('info', `Exported ${rows.length} row${rows.length === 1 ? '' : 's'} to ${r.value}.`)
    },
    async completeFolder(typed) {
      const r = await api.actions.complete(typed)
      return r.ok ? r.value : []
    },
    watched: null,
    watchFolder(dir) {
      if (dir === get().watched) return
      watchJob?.cancel()
      watchJob = null
      set({ watched: dir })
      if (!dir) return
      const job = api.actions.watch((changes) => {
        if (watchJob !== job) return
        if (changes.some((c) => c.type === 'gone')) {
          get().showNotice(
            'error',
            `“${dir}” was removed or moved away; it is no longer watched.`,
            'Go up, or refresh to see where it went.',
          )
          return
        }
        void get().refreshInPlace()
      }, dir)
      watchJob = job
      void job.done.then((r) => {
        if (watchJob !== job) return
        watchJob = null
        set({ watched: null })
        // a lost connection ends every job; the banner already says so, once
        if (!r.ok && r.error.code !== 'CANCELLED' && !get().connectionLost)
          get().showNotice('error', `Stopped watching “${dir}” for changes.`, r.error.message)
      })
    },
  }
}
