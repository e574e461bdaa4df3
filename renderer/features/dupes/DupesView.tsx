/** The Duplicates view: a tree's groups of identical files, streamed, with the keeper per group, merge, report and undo. */
import './dupes.css'

import { ToolViewShell } from '../../components/ToolViewShell'
import { DupesDetails } from './DupesDetails'
import { DupesReport } from './DupesReport'
import { DupesErrors, DupesHeader, DupesProgressPanel } from './DupesStatus'
import { DupesTable } from './DupesTable'

export function DupesView() {
  return (
    <ToolViewShell
      className="dupes-view"
      top={
        <>
          <DupesHeader />
          <DupesProgressPanel />
          <DupesErrors />
          <DupesReport />
        </>
      }
      table={<DupesTable />}
      aside={<DupesDetails />}
    />
  )
}
