/** The window: toolbar, the folder table beside the details panel, notices, and the status bar. */
import './styles/scan.css'

import { NoticeBar } from './components/NoticeBar'
import { Shown } from './components/Shown'
import { useActionKeys } from './features/actions/useActionKeys'
import { DupesView } from './features/dupes/DupesView'
import { DetailsPanel } from './features/explorer/DetailsPanel'
import { ExplorerTable } from './features/explorer/ExplorerTable'
import { FolderSize } from './features/explorer/FolderSize'
import { FolderState } from './features/explorer/FolderState'
import { StatusBar } from './features/explorer/StatusBar'
import { Toolbar } from './features/explorer/Toolbar'
import { useNavigationKeys } from './features/explorer/useNavigationKeys'
import { FindView } from './features/find/FindView'
import { DetailActions } from './features/ops/DetailActions'
import { OpsLayer } from './features/ops/OpsLayer'
import { PickTray } from './features/ops/PickTray'
import { ReportPanel } from './features/ops/ReportPanel'
import { ScanView } from './features/scan/ScanView'
import { CompareView } from './features/trees/CompareView'
import type { Screen } from './stores/slices/navigation-slice'
import { useApp, useAppStore } from './stores/store-context'

/** The views besides the explorer, by screen; the explorer is what shows when none is chosen. */
const VIEWS: Partial<Record<Screen, () => React.JSX.Element>> = {
  scan: ScanView,
  dupes: DupesView,
  find: FindView,
  compare: CompareView,
}

export function App() {
  const store = useAppStore()
  const lost = useApp((s) => s.connectionLost)
  const infoError = useApp((s) => s.infoError)
  const screen = useApp((s) => s.screen)
  const View = VIEWS[screen]
  useActionKeys(store)

  useNavigationKeys(store)

  return (
    <div className="app">
      {lost ? (
        <div className="banner" role="alert">
          Lost the connection to Linkscope. Nothing more can be read or changed from this page: start{' '}
          <code>linkscope serve</code> again and open the new address it prints.
        </div>
      ) : null}
      {infoError && !lost ? (
        <div className="banner" role="alert">
          Linkscope did not answer: <Shown text={infoError.message} />
        </div>
      ) : null}
      {View ? (
        <View />
      ) : (
        <>
          <Toolbar />
          <main className="main">
            <section className="table-area">
              <ExplorerTable
                onContextMenu={(ev, entry) => {
                  ev.preventDefault()
                  store.getState().openMenu({ x: ev.clientX, y: ev.clientY, entry })
                }}
              />
              <FolderState />
            </section>
            <DetailsPanel
              actions={(e) => (
                <>
                  <DetailActions entry={e} />
                  <FolderSize entry={e} />
                </>
              )}
            />
          </main>
        </>
      )}
      <ReportPanel />
      <PickTray />
      <NoticeBar />
      {screen === 'explorer' ? <StatusBar /> : null}
      <OpsLayer />
    </div>
  )
}
