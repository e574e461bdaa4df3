/**
 * The window-wide keys of a file browser: Alt+arrows and Backspace go back, forward and up, F5 reloads,
 * Ctrl+Z undoes the last operation (not while typing or in a dialog).
 */
import { useEffect } from 'react'

import { inTextField } from '../../lib/in-text-field'
import type { AppState, AppStore } from '../../stores/app-store'

type Binding = { when: (ev: KeyboardEvent, s: AppState) => boolean; run: (s: AppState) => Promise<void> }

const BINDINGS: Binding[] = [
  { when: (ev) => ev.altKey && ev.key === 'ArrowLeft', run: (s) => s.goBack() },
  { when: (ev) => ev.altKey && ev.key === 'ArrowRight', run: (s) => s.goForward() },
  { when: (ev) => ev.altKey && ev.key === 'ArrowUp', run: (s) => s.goUp() },
  { when: (ev) => ev.key === 'Backspace' && !inTextField(ev.target), run: (s) => s.goBack() },
  { when: (ev) => ev.key === 'F5', run: (s) => s.refresh() },
  {
    // also while an operation runs in its dialog (a slow removal): the undo is queued, not dropped
    when: (ev, s) =>
      (ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 'z' && !inTextField(ev.target) && (!s.dialog || s.busy),
    run: (s) => s.undo(),
  },
]

export function useNavigationKeys(store: AppStore): void {
  useEffect(() => {
    const onKey = (ev: KeyboardEvent): void => {
      const s = store.getState()
      const binding = BINDINGS.find((b) => b.when(ev, s))
      if (!binding) return
      ev.preventDefault()
      void binding.run(s)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
}
