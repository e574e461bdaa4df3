/**
 * The one store (zustand slices pattern). Each slice is built from the Api it calls, so the app wires
 * the real transport and unit tests wire a fake one. Actions are verbs; they keep Result errors in state
 * and never throw into components.
 */
import { createStore, type StateCreator } from 'zustand/vanilla'

import type { Api } from '../../shared/ipc/contract'
import { type ActionsSlice, createActionsSlice } from './slices/actions-slice'
import { type ChainSlice, createChainSlice } from './slices/chain-slice'
import { type CompareSlice, createCompareSlice } from './slices/compare-slice'
import { createDialogsSlice, type DialogsSlice } from './slices/dialogs-slice'
import { createDupesSlice, type DupesSlice } from './slices/dupes-slice'
import { createFindSlice, type FindSlice } from './slices/find-slice'
import { createFolderSizesSlice, type FolderSizesSlice } from './slices/folder-sizes-slice'
import { createLinksIntoSlice, type LinksIntoSlice } from './slices/links-into-slice'
import { createListingSlice, type ListingSlice } from './slices/listing-slice'
import { createMoveSlice, type MoveSlice } from './slices/move-slice'
import { createNamesSlice, type NamesSlice } from './slices/names-slice'
import { createNavigationSlice, type NavigationSlice } from './slices/navigation-slice'
import { createOpsSlice, type OpsSlice } from './slices/ops-slice'
import { createPicksSlice, type PicksSlice } from './slices/picks-slice'
import { createPlacesSlice, type PlacesSlice } from './slices/places-slice'
import { createRepairSlice, type RepairSlice } from './slices/repair-slice'
import { createScanSlice, type ScanSlice } from './slices/scan-slice'
import { createSelectionSlice, type SelectionSlice } from './slices/selection-slice'
import { createSessionSlice, type SessionSlice } from './slices/session-slice'
import { createShellSlice, type ShellSlice } from './slices/shell-slice'
import { createTreeCopySlice, type TreeCopySlice } from './slices/tree-copy-slice'

export type AppState = SessionSlice &
  NavigationSlice &
  ListingSlice &
  SelectionSlice &
  OpsSlice &
  NamesSlice &
  DialogsSlice &
  PicksSlice &
  ScanSlice &
  RepairSlice &
  FolderSizesSlice &
  LinksIntoSlice &
  ShellSlice &
  ChainSlice &
  MoveSlice &
  DupesSlice &
  ActionsSlice &
  FindSlice &
  CompareSlice &
  TreeCopySlice &
  PlacesSlice

export type AppSlice<T> = (api: Api) => StateCreator<AppState, [], [], T>

export function createAppStore(api: Api) {
  return createStore<AppState>()((...a) => ({
    ...createSessionSlice(api)(...a),
    ...createNavigationSlice(api)(...a),
    ...createListingSlice(api)(...a),
    ...createSelectionSlice(api)(...a),
    ...createOpsSlice(api)(...a),
    ...createNamesSlice(api)(...a),
    ...createDialogsSlice(api)(...a),
    ...createPicksSlice(api)(...a),
    ...createScanSlice(api)(...a),
    ...createRepairSlice(api)(...a),
    ...createFolderSizesSlice(api)(...a),
    ...createLinksIntoSlice(api)(...a),
    ...createShellSlice(api)(...a),
    ...createChainSlice(api)(...a),
    ...createMoveSlice(api)(...a),
    ...createDupesSlice(api)(...a),
    ...createActionsSlice(api)(...a),
    ...createFindSlice(api)(...a),
    ...createCompareSlice(api)(...a),
    ...createTreeCopySlice(api)(...a),
    ...createPlacesSlice(api)(...a),
  }))
}

export type AppStore = ReturnType<typeof createAppStore>
