// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { OpsLayer } from '../../../renderer/features/ops/OpsLayer'
import { ReportPanel } from '../../../renderer/features/ops/ReportPanel'
import { createAppStore } from '../../../renderer/stores/app-store'
import { StoreContext } from '../../../renderer/stores/store-context'
import type { Result } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import { entry, fakeApi, INFO, UNTIL } from '../../fakes/fake-api'

afterEach(cleanup)

/** A Windows-like app without the symlink privilege: symbolic links are refused, the rest works. */
async function setup(mode: 'electron' | 'browser') {
  const api = fakeApi(
    {
      '/r': [entry('/r/docs', { kind: 'dir', id: 'C:1' }), entry('/r/a.txt', { id: 'C:2' })],
      '/r/docs': [],
    },
    {
      ...INFO,
      mode,
      startDir: '/r',
      capabilities: { junctions: true, symlinks: 'privileged', reveal: mode === 'electron' },
    },
  )
  const create = api.links.create
  const refusing = {
    ...api,
    links: {
      ...api.links,
      create: async (req: Parameters<typeof create>[0]): Promise<Result<LinkEntry>> =>
        req.type === 'symbolic'
          ? {
              ok: false,
              error: { code: 'PRIVILEGE_REQUIRED', message: 'A required privilege is not held by the client.' },
            }
          : create(req),
      drop: async (req: { sources: string[]; dir: string }) => ({
        ok: true as const,
        value: req.sources.map((source) => ({
          source,
          ok: false as const,
          error: { code: 'PRIVILEGE_REQUIRED' as const, message: 'A required privilege is not held by the client.' },
        })),
      }),
      elevate: async (ops: { op: string }[]) => {
        api.calls.push(`links:elevate ${ops.length}`)
        return { ok: true as const, value: ops.map(() => ({ ok: true as const })) }
      },
    },
    shell: {
      ...api.shell,
      openDeveloperSettings: async () => {
        api.calls.push('shell:openDeveloperSettings')
        return { ok: true as const, value: undefined }
      },
    },
  }
  const store = createAppStore(refusing)
  await store.getState().start()
  render(
    <StoreContext.Provider value={store}>
      <ReportPanel />
      <OpsLayer />
    </StoreContext.Provider>,
  )
  return { api, store }
}

describe('PRIVILEGE_REQUIRED choices', () => {
  it('a refused drop of a folder offers Developer Mode, a junction and administrator rights; the hard link says why not', async () => {
    const { api, store } = await setup('electron')
    await act(async () => {
      await store.getState().pickSources(['/r/docs'])
      await store.getState().dropPicked('/r/docs', 'symbolic-relative')
    })
    const list = await screen.findByRole('list', { name: 'Other ways to make this link' }, UNTIL)
    const buttons = within(list).getAllByRole('button')
    expect(buttons.map((b) => [b.textContent, (b as HTMLButtonElement).disabled])).toEqual([
      ['Turn on Developer Mode, then try again', false],
      ['Make a junction instead', false],
      ['Make a hard link instead', true],
      ['Run this operation as administrator', false],
    ])
    expect(list.textContent).toContain('Hard links are for files only, and this target is a folder.')
    act(() => fireEvent.click(buttons[0]!))
    await waitFor(() => expect(api.calls).toContain('shell:openDeveloperSettings'), UNTIL)
    act(() => fireEvent.click(buttons[1]!))
    await waitFor(() => expect(api.calls).toContain('links:create junction /r/docs /r/docs/docs'), UNTIL)
  })

  it('in the create dialog, a refused symbolic link to a file can be made as administrator', async () => {
    const { api, store } = await setup('electron')
    act(() => store.getState().openDialog({ type: 'create', dir: '/r/docs', target: '/r/a.txt' }))
    // the button waits for the typed target's lookup (debounced); its being enabled is the signal
    const make = screen.getByRole('button', { name: /^Create symbolic link/ })
    await waitFor(() => expect(make).toHaveProperty('disabled', false), UNTIL)
    act(() => fireEvent.click(make))
    await waitFor(
      () => expect(screen.getByRole('alert').textContent).toContain('needs administrator rights or Developer Mode'),
      UNTIL,
    )
    const list = await screen.findByRole('list', { name: 'Other ways to make this link' }, UNTIL)
    expect(within(list).getByRole('button', { name: 'Make a junction instead' })).toHaveProperty('disabled', true)
    act(() => fireEvent.click(within(list).getByRole('button', { name: 'Run this operation as administrator' })))
    await waitFor(() => expect(store.getState().dialog).toBeNull(), UNTIL)
    expect(api.calls).toContain('links:elevate 1')
    expect(store.getState().undoStack).toEqual([{ kind: 'create', path: '/r/docs/a.txt' }])
  })

  it('browser mode offers only what it can do (no settings, no elevation)', async () => {
    const { store } = await setup('browser')
    await act(async () => {
      await store.getState().pickSources(['/r/a.txt'])
      await store.getState().dropPicked('/r/docs', 'symbolic-absolute')
    })
    const list = await screen.findByRole('list', { name: 'Other ways to make this link' }, UNTIL)
    expect(
      within(list)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Make a junction instead', 'Make a hard link instead'])
  })
})
