/** The Duplicates view: a tree's groups of identical files, streamed, with the keeper per group, merge, report and undo. */
import './dupes.css'

import { useEffect } from 'react'

import { useAppStore } from '../../stores/store-context'
import { DupesDetails } from './DupesDetails'
import { DupesReport } from './DupesReport'
import { DupesErrors, DupesHeader, DupesProgressPanel } from './DupesStatus'
import { DupesTable } from './DupesTable'

export function DupesView() {
  const store = useAppStore()
  useEffect(() => {
    // Escape goes back to the explorer; caught before the app's own keys, which would move the hidden explorer.
    const onKey = (ev: KeyboardEvent): void => {
      const s = store.getState()
      if (ev.key !== 'Escape' || s.dialog || s.menu || ev.defaultPrevented) return
      ev.preventDefault()
      ev.stopPropagation()
      s.showExplorer()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [store])
  return (
    <div className="scan-view dupes-view">
      <DupesHeader />
      <DupesProgressPanel />
      <DupesErrors />
      <DupesReport />
      <main className="main scan-main">
        <div className="scan-tables">
          <DupesTable />
        </div>
        <DupesDetails />
      </main>
    </div>
  )
}
