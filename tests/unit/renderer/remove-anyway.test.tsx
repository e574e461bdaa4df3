// @vitest-environment jsdom
/** A read-only name refused on removal (Windows): the report offers "Remove anyway", which asks for that name only. */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { ReportPanel } from '../../../renderer/features/ops/ReportPanel'
import { createAppStore } from '../../../renderer/stores/app-store'
import { StoreContext } from '../../../renderer/stores/store-context'
import { entry, fakeApi, INFO, UNTIL } from '../../fakes/fake-api'

afterEach(cleanup)

async function setup() {
  const api = fakeApi(
    {
      '/r': [
        entry('/r/ro.txt', { id: 'C:7', links: 2, readonly: true }),
        entry('/r/ro-2.txt', { id: 'C:7', links: 2, readonly: true }),
        entry('/r/plain.txt', { id: 'C:8', links: 2 }),
        entry('/r/plain-2.txt', { id: 'C:8', links: 2 }),
      ],
    },
    { ...INFO, startDir: '/r' },
  )
  const store = createAppStore(api)
  await store.getState().start()
  render(
    <StoreContext.Provider value={store}>
      <ReportPanel />
    </StoreContext.Provider>,
  )
  return { api, store }
}

describe('removing a read-only name', () => {
  it('is refused first; "Remove anyway" removes that name only, on request', async () => {
    const { api, store } = await setup()
    await act(() => store.getState().removeLinks(['/r/ro.txt', '/r/plain.txt']))
    await screen.findByText('This name is read-only, so Linkscope left it.', {}, UNTIL)
    expect(api.calls.filter((c) => c.startsWith('links:remove'))).toEqual([
      'links:remove /r/ro.txt',
      'links:remove /r/plain.txt',
    ])
    expect(screen.getByText('This name is read-only, so Linkscope left it.')).toBeTruthy()
    const anyway = screen.getAllByRole('button', { name: 'Remove anyway' })
    expect(anyway).toHaveLength(1)
    act(() => fireEvent.click(anyway[0]!))
    // the removal ends with a new report and a refresh; its end is the signal, not a sleep
    await waitFor(() => expect(store.getState().busy).toBe(false), UNTIL)
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove anyway' })).toBeNull(), UNTIL)
    expect(api.calls.filter((c) => c.startsWith('links:remove'))).toEqual([
      'links:remove /r/ro.txt',
      'links:remove /r/plain.txt',
      'links:remove /r/ro.txt read-only-too',
    ])
    expect(
      store
        .getState()
        .entries.map((e) => e.name)
        .sort(),
    ).toEqual(['plain-2.txt', 'ro-2.txt'])
  })

  it('other refusals offer no "Remove anyway"', async () => {
    const { store } = await setup()
    await act(() => store.getState().removeLinks(['/r/missing.txt']))
    // the refusal is on screen (the positive signal) before checking what it does not offer
    await waitFor(() => expect(screen.getByText(/Removed 0 of 1/)).toBeTruthy(), UNTIL)
    expect(screen.queryByRole('button', { name: 'Remove anyway' })).toBeNull()
  })
})
