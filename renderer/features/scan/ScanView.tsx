/** The Scan view: a whole tree's broken links and hard-link groups, streamed, with repairs. */
import { useEffect } from 'react'

import { useAppStore } from '../../stores/store-context'
import { BatchRepairDialog } from './BatchRepairDialog'
import { ScanDetails } from './ScanDetails'
import { BrokenSection, GroupSection } from './ScanSections'
import { ScanErrors, ScanHeader, ScanProgressPanel } from './ScanStatus'

/** Escape, Backspace and Alt+Left go back to the explorer; Escape in a filter with text clears the filter first. */
function asksBack(ev: KeyboardEvent): boolean {
  const inField =
    ev.target instanceof HTMLElement && (ev.target.tagName === 'INPUT' || ev.target.tagName === 'TEXTAREA')
  if (ev.key === 'Escape') return !(inField && (ev.target as HTMLInputElement).value)
  return (ev.key === 'Backspace' && !inField) || (ev.altKey && ev.key === 'ArrowLeft')
}

export function ScanView() {
  const store = useAppStore()
  useEffect(() => {
    // F5 scans again. Caught before the app's own shortcuts (capture phase), which would otherwise move
    // the hidden explorer's history.
    const onKey = (ev: KeyboardEvent): void => {
      const s = store.getState()
      if (s.dialog || s.menu || s.batchRepair || ev.defaultPrevented) return
      const back = asksBack(ev)
      const again = ev.key === 'F5' && s.scanRoot !== null && s.scanStatus !== 'running'
      if (!back && !again) return
      ev.preventDefault()
      ev.stopPropagation()
      if (back) s.showExplorer()
      else s.startScan(s.scanRoot!)
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [store])
  return (
    <div className="scan-view">
      <ScanHeader />
      <ScanProgressPanel />
      <ScanErrors />
      <main className="main scan-main">
        <div className="scan-tables">
          <BrokenSection />
          <GroupSection />
        </div>
        <ScanDetails />
      </main>
      <BatchRepairDialog />
    </div>
  )
}
