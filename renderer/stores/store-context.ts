/** Components reach the store through context, so tests can render them over a store with a fake Api. */
import { createContext, useContext } from 'react'
import { useStore } from 'zustand'

import type { AppState, AppStore } from './app-store'

export const StoreContext = createContext<AppStore | null>(null)

export function useAppStore(): AppStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useApp outside <StoreContext.Provider>')
  return store
}

/** An atomic selector on the app store (use useShallow for derived arrays and objects). */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStore(), selector)
}
