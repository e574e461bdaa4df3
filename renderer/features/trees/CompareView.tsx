/** Compare folders: two trees matched path by path by identity, with *Link these* for equal files. */
import './trees.css'

import { ToolViewShell } from '../../components/ToolViewShell'
import type { AppState } from '../../stores/app-store'
import { CompareReport } from './CompareReport'
import { CompareForm, CompareProgressPanel } from './CompareStatus'
import { CompareTable } from './CompareTable'

/** Escape cancels a running comparison, else goes back to the explorer. */
const onEscape = (s: AppState): void => {
  if (s.compareStatus === 'running') s.cancelCompare()
  else s.showExplorer()
}

export function CompareView() {
  return (
    <ToolViewShell
      className="compare-view"
      onEscape={onEscape}
      top={
        <>
          <CompareForm />
          <CompareProgressPanel />
          <CompareReport />
        </>
      }
      table={<CompareTable />}
    />
  )
}
