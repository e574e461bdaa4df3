// @vitest-environment jsdom
/** A read-only name refused on removal (Windows): the report offers "Remove anyway", which asks for that name only. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { ReportPanel } from '../../../renderer/features/ops/ReportPanel'
import { createAppStore } from '../../../renderer/stores/app-store'
import { StoreContext } from '../../../renderer/stores/store-context'
import { entry, fakeApi, INFO, settle } from '../../fakes/fake-api'

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
    await act(async () => {
      await store.getState().removeLinks(['/r/ro.txt', '/r/plain.txt'])
      await settle(5)
    })
    expect(api.calls.filter((c) => c.startsWith('links:remove'))).toEqual([
      'links:remove /r/ro.txt',
      'links:remove /r/plain.txt',
    ])
    expect(screen.getByText('This name is read-only, so Linkscope left it.')).toBeTruthy()
    const anyway = screen.getAllByRole('button', { name: 'Remove anyway' })
    expect(anyway).toHaveLength(1)
    await act(async () => {
      fireEvent.click(anyway[0]!)
      await settle(30)
    })
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
    expect(screen.queryByRole('button', { name: 'Remove anyway' })).toBeNull()
  })

  it('other refusals offer no "Remove anyway"', async () => {
    const { store } = await setup()
    await act(async () => {
      await store.getState().removeLinks(['/r/missing.txt'])
      await settle(5)
    })
    expect(screen.queryByRole('button', { name: 'Remove anyway' })).toBeNull()
  })
})
