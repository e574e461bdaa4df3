/** The Scan view on a fresh store whose engine is `scanningApi` (each scan a run the test ends by hand). */
import { render } from '@testing-library/react'

import { ScanView } from '../../../../renderer/features/scan/ScanView'
import { createAppStore } from '../../../../renderer/stores/app-store'
import { StoreContext } from '../../../../renderer/stores/store-context'
import { scanningApi } from '../../../fakes/scan-fake'

export function renderScan() {
  const { api, runs } = scanningApi()
  const store = createAppStore(api)
  render(
    <StoreContext.Provider value={store}>
      <ScanView />
    </StoreContext.Provider>,
  )
  return { api, runs, store, s: () => store.getState() }
}
