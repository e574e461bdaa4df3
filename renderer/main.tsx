/** Entry point: connect to the app, create the store over its api, render, and open the start folder. */
import './styles/app.css'

import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { App } from './App'
import { NeedsToken } from './components/NeedsToken'
import { connect } from './lib/api'
import { createAppStore } from './stores/app-store'
import { StoreContext } from './stores/store-context'

const connection = connect()
const store = createAppStore(connection.api)
connection.onLost(() => store.getState().markConnectionLost())

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {connection.tokenMissing ? (
      <NeedsToken />
    ) : (
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>
    )}
  </StrictMode>,
)
if (!connection.tokenMissing) void store.getState().start()
