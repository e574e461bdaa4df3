/** What the system around the app does for it: the clipboard, the file manager, Windows' settings. */
import type { AppSlice } from '../app-store'

export type ShellSlice = {
  copyText(text: string, what: string): Promise<void>
  /** PRIVILEGE_REQUIRED's way out: open Windows' developer settings. */
  openDeveloperSettings(): Promise<void>
  reveal(path: string): Promise<void>
  /** The desktop app's folder dialog, opened at `start`: the chosen folder, or null (cancelled, or it failed: said). */
  chooseFolder(start: string): Promise<string | null>
}

export const createShellSlice: AppSlice<ShellSlice> = (api) => (_set, get) => ({
  async copyText(text, what) {
    try {
      await navigator.clipboard.writeText(text)
      // a path is shown as copied; a list only by what it is
      get().showNotice('info', /[\n\r]/.test(text) ? `Copied ${what}.` : `Copied ${what}: ${text}`)
    } catch {
      get().showNotice('error', `Could not copy ${what} (the clipboard is not available here).`, text)
    }
  },
  async openDeveloperSettings() {
    const r = await api.shell.openDeveloperSettings()
    if (r.ok)
      get().showNotice('info', 'Settings › For developers is open. Turn on Developer Mode there, then try again.')
    else get().showNotice('error', 'Could not open the developer settings.', r.error.message)
  },
  async reveal(path) {
    const r = await api.shell.reveal(path)
    if (!r.ok) get().showNotice('error', `Could not show “${path}” in the file manager.`, r.error.message)
  },
  async chooseFolder(start) {
    const r = await api.shell.chooseFolder(start)
    if (!r.ok) get().showNotice('error', 'Could not open the folder dialog.', r.error.message)
    return r.ok ? r.value : null
  },
})
