/**
 * The window-wide parts of the everyday actions: Ctrl+Shift+C copies the selected paths, Ctrl+Shift+F
 * opens Find by name in the open folder, Ctrl+F or "/" goes to the filter, and the open folder is
 * watched for changes while it is open.
 */
import { useEffect } from 'react'

import { inTextField } from '../../lib/in-text-field'
import type { AppStore } from '../../stores/app-store'
import { useApp } from '../../stores/store-context'

/** Ctrl+F, or "/" outside a text field, as browsers and file managers take them: to the filter. */
const isFilterKey = (ev: KeyboardEvent): boolean =>
  ((ev.ctrlKey || ev.metaKey) && !ev.shiftKey && !ev.altKey && ev.key.toLowerCase() === 'f') ||
  (ev.key === '/' && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !inTextField(ev.target))

export function useActionKeys(store: AppStore): void {
  useEffect(() => {
    const onKey = (ev: KeyboardEvent): void => {
      const s = store.getState()
      if (s.screen === 'explorer' && !s.dialog && !s.menu && isFilterKey(ev)) {
        ev.preventDefault()
        document.querySelector<HTMLInputElement>('input[aria-label="Filter"]')?.select()
        return
      }
      if (!(ev.ctrlKey || ev.metaKey) || !ev.shiftKey || s.dialog || inTextField(ev.target)) return
      const key = ev.key.toLowerCase()
      if (key === 'c' && s.screen === 'explorer') {
        ev.preventDefault()
        void s.copySelectedPaths()
      } else if (key === 'f') {
        ev.preventDefault()
        s.showFind()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])

  // Each listing that arrives (re)starts the watch on its folder; a folder that failed to list is not watched.
  const summary = useApp((s) => s.summary)
  const listError = useApp((s) => s.listError)
  useEffect(() => {
    store.getState().watchFolder(listError ? null : (summary?.dir ?? null))
  }, [store, summary, listError])
  useEffect(() => () => store.getState().watchFolder(null), [store])
}
