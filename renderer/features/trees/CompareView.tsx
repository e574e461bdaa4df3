/** Compare folders: two trees matched path by path by identity, with *Link these* for equal files. */
import './trees.css'

import { useEffect } from 'react'

import { useAppStore } from '../../stores/store-context'
import { CompareReport } from './CompareReport'
import { CompareForm, CompareProgressPanel } from './CompareStatus'
import { CompareTable } from './CompareTable'

export function CompareView() {
  const store = useAppStore()
  useEffect(() => {
    // Escape cancels a running comparison, else goes back to the explorer (before the app's own keys).
    const onKey = (ev: KeyboardEvent): void => {
      const s = store.getState()
      if (ev.key !== 'Escape' || s.dialog || s.menu || ev.defaultPrevented) return
      ev.preventDefault()
      ev.stopPropagation()
      if (s.compareStatus === 'running') s.cancelCompare()
      else s.showExplorer()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [store])
  return (
    <div className="scan-view compare-view">
      <CompareForm />
      <CompareProgressPanel />
      <CompareReport />
      <main className="main scan-main">
        <div className="scan-tables">
          <CompareTable />
        </div>
      </main>
    </div>
  )
}
