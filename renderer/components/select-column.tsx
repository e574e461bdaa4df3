/**
 * A table's first column of check boxes: one per row, and one in the header for every shown row
 * (checked when all are, mixed when some are). The store says what is shown and selected.
 */
import { createColumnHelper, type DisplayColumnDef } from '@tanstack/react-table'

import type { AppState } from '../stores/app-store'
import { useApp, useAppStore } from '../stores/store-context'

export type SelectColumnOf<T> = {
  keyOf(row: T): string
  /** the row's box, read aloud: "Select …" */
  labelOf(row: T): string
  /** the header's box, read aloud */
  allLabel: string
  isSelected(s: AppState, key: string): boolean
  shownCount(s: AppState): number
  selectedCount(s: AppState): number
  toggle(s: AppState, key: string): void
  toggleAll(s: AppState): void
}

export function selectColumn<T>(of: SelectColumnOf<T>): DisplayColumnDef<T> {
  function SelectBox({ id, label }: { id: string; label: string }) {
    const store = useAppStore()
    const on = useApp((s) => of.isSelected(s, id))
    return (
      <input
        type="checkbox"
        aria-label={label}
        checked={on}
        onMouseDown={(ev) => ev.stopPropagation()}
        onChange={() => of.toggle(store.getState(), id)}
      />
    )
  }
  function SelectAllBox() {
    const store = useAppStore()
    const shown = useApp(of.shownCount)
    const selected = useApp(of.selectedCount)
    return (
      <input
        type="checkbox"
        aria-label={of.allLabel}
        checked={shown > 0 && selected === shown}
        ref={(el) => {
          if (el) el.indeterminate = selected > 0 && selected < shown
        }}
        disabled={shown === 0}
        onChange={() => of.toggleAll(store.getState())}
      />
    )
  }
  return createColumnHelper<T>().display({
    id: 'select',
    size: 44,
    enableHiding: false,
    header: () => <SelectAllBox />,
    meta: { className: 'c-select', title: 'Select' },
    cell: ({ row: { original } }) => <SelectBox id={of.keyOf(original)} label={of.labelOf(original)} />,
  })
}
