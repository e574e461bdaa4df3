// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { App } from '../../../../renderer/App'
import { Toolbar } from '../../../../renderer/features/explorer/Toolbar'
import { menuItems } from '../../../../renderer/features/ops/menu-items'
import { formatMs } from '../../../../renderer/features/scan/ScanStatus'
import { type AppState, createAppStore } from '../../../../renderer/stores/app-store'
import { StoreContext } from '../../../../renderer/stores/store-context'
import { UNTIL } from '../../../fakes/fake-api'
import { group, LINKS, scanningApi, SUMMARY } from '../../../fakes/scan-fake'
import { renderScan } from './render-scan'

// jsdom lays nothing out; give the scrolling bodies a height so the virtualizer renders rows.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get() {
      return 600
    },
  })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get() {
      return 900
    },
  })
})
afterEach(cleanup)

const table = (name: string): HTMLElement => screen.getByRole('grid', { name })
const rowsOf = (name: string): HTMLElement[] => within(table(name)).getAllByRole('row').slice(1)
/**
 * Wait for the scan's end (its last rows are flushed with it), then see it as the user does: "Scan again"
 * in place of Cancel. The wait polls the store, which is cheap; a role query by name costs a full
 * accessible-name pass over the view, too slow to repeat every few ms on a loaded host.
 */
async function ended(s: () => AppState): Promise<void> {
  await waitFor(() => expect(s().scanStatus).not.toBe('running'), UNTIL)
  expect(screen.getByRole('button', { name: 'Scan again' })).toBeTruthy()
}

describe('the Scan view', () => {
  it('shows progress counts and Cancel while running, and rows as they stream', () => {
    const { s, runs } = renderScan()
    act(() => s().startScan('/root'))
    act(() =>
      runs[0]!.emit([
        { type: 'progress', progress: { entries: 1234, dirsQueued: 17, perSecond: 56000, errors: 0 } },
        { type: 'broken', link: LINKS.gone },
      ]),
    )
    expect(screen.getByTestId('scan-entries').textContent).toBe((1234).toLocaleString())
    expect(screen.getByTestId('scan-queued').textContent).toBe('17')
    expect(screen.getByTestId('scan-rate').textContent).toBe((56000).toLocaleString())
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy()
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBeNull() // indeterminate while running
    expect(rowsOf('Broken links')).toHaveLength(1)
  })

  // apart from the running state above: on a loaded host one test doing both outran the per-test time
  it('at the end: the summary with both sizes, reasons in words, groups, and what could not be read', async () => {
    const { s, runs } = renderScan()
    act(() => s().startScan('/root'))
    act(() => {
      runs[0]!.emit([
        { type: 'broken', link: LINKS.gone },
        { type: 'broken', link: LINKS.loop },
        { type: 'broken', link: LINKS.through },
        { type: 'error', path: '/root/locked', code: 'ACCESS_DENIED', message: 'Permission denied' },
      ])
      runs[0]!.emit([{ type: 'group', group: group('1:7', 3, ['/root/a/x', '/root/b/x'], 500) }])
      runs[0]!.finish({ ok: true, value: { ...SUMMARY, apparentBytes: 13_002_342, uniqueBytes: 8_493_466 } })
    })
    await ended(s)
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull()
    // timed from the click as the user saw it (not the engine's 12 ms), like "first result after"
    expect(screen.getByTestId('scan-summary').textContent).toContain(`Done in ${formatMs(s().scanWallMs ?? -1)}`) // ms or s, as long as it took
    expect(screen.getByTestId('scan-sizes').textContent).toContain('12.4 MiB in names, 8.1 MiB of data')
    // reasons in plain words
    const reasons = rowsOf('Broken links').map((r) => r.querySelector('.c-reason')?.textContent)
    expect(reasons.sort()).toEqual(['Loop', 'Missing target', 'Through a file'])
    const g = rowsOf('Hard-link groups')[0]!
    expect(g.querySelector('.c-found')?.textContent).toBe('2')
    expect(g.querySelector('.c-links')?.textContent).toBe('3')
    expect(g.querySelector('.c-elsewhere')?.textContent).toBe('1')
    // what could not be read, collapsed under a count
    const errors = screen.getByText('1 folder could not be read').closest('details')!
    expect(errors.open).toBe(false)
    expect(errors.textContent).toContain('/root/locked')
    expect(errors.textContent).toContain('no permission to read it')
  })

  it('the sizes line agrees with the groups: empty files with several names are not "no second name"', async () => {
    const { s, runs } = renderScan()
    act(() => s().startScan('/root'))
    act(() => {
      runs[0]!.emit([{ type: 'group', group: group('1:9', 2, ['/root/odd/a', '/root/odd/b'], 0) }])
      runs[0]!.finish({ ok: true, value: { ...SUMMARY, groups: 1, apparentBytes: 0, uniqueBytes: 0 } })
    })
    await ended(s)
    const sizes = screen.getByTestId('scan-sizes').textContent ?? ''
    expect(sizes).not.toContain('no file here has a second name')
    expect(sizes).toContain('files with several names here hold no data')
  })

  it('the header’s “Other file systems” box sets the next scan’s option; the summary counts mount points not entered', async () => {
    const { s, runs } = renderScan()
    act(() => s().startScan('/root'))
    act(() => runs[0]!.finish({ ok: true, value: { ...SUMMARY, mountsSkipped: 2 } }))
    await ended(s)
    expect(runs[0]!.options.crossDevices).toBe(false)
    expect(screen.getByTestId('scan-summary').textContent).toContain('2 mount points not entered')
    const box = screen.getByRole('checkbox', { name: 'Other file systems' }) as HTMLInputElement
    expect(box.checked).toBe(false)
    act(() => fireEvent.click(box))
    expect(box.checked).toBe(true)
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Scan again' })))
    await waitFor(() => expect(runs[1]!.options.crossDevices).toBe(true), UNTIL)
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy()
    act(() => runs[1]!.finish({ ok: true, value: { ...SUMMARY, mountsSkipped: 0 } }))
    await ended(s)
    expect(screen.getByTestId('scan-summary').textContent).not.toContain('mount point')
  })

  it('Cancel says cancelled; a header click sorts; the filter narrows; Explorer goes back', async () => {
    const { s, runs } = renderScan()
    act(() => s().startScan('/root'))
    act(() =>
      runs[0]!.emit([
        { type: 'broken', link: LINKS.gone },
        { type: 'broken', link: LINKS.loop },
      ]),
    )
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Cancel' })))
    expect(runs[0]!.cancelled).toBe(true)
    await ended(s)
    expect(screen.getByTestId('scan-summary').textContent).toContain('Cancelled after')

    const header = within(table('Broken links')).getByRole('columnheader', { name: /Name/ })
    act(() => fireEvent.click(within(header).getByRole('button')))
    expect(header.getAttribute('aria-sort')).toBe('ascending')
    expect(rowsOf('Broken links').map((r) => r.querySelector('.c-name .name')?.textContent)).toEqual(['gone', 'loop'])
    act(() =>
      fireEvent.change(screen.getByRole('searchbox', { name: 'Filter broken links' }), { target: { value: 'loop' } }),
    )
    expect(rowsOf('Broken links')).toHaveLength(1)

    act(() => fireEvent.click(screen.getByRole('button', { name: /Explorer/ })))
    expect(s().screen).toBe('explorer')
  })

  it('a selected broken link offers its repairs; Find candidates lists them; batch actions appear for a selection', async () => {
    const { s, runs } = renderScan()
    act(() => {
      s().startScan('/root')
      runs[0]!.emit([
        { type: 'broken', link: LINKS.gone },
        { type: 'broken', link: LINKS.abs },
      ])
      runs[0]!.finish({ ok: true, value: SUMMARY })
    })
    await ended(s)
    const gone = rowsOf('Broken links').find((r) => r.dataset.path === '/root/a/gone')!
    act(() => fireEvent.mouseDown(gone, { button: 0 }))
    const details = screen.getByRole('complementary', { name: 'Scan details' })
    expect(within(details).getByRole('button', { name: 'Make absolute' })).toBeTruthy() // stored relative
    act(() => fireEvent.click(within(details).getByRole('button', { name: 'Find candidates' })))
    const list = await within(details).findByLabelText('Candidates', {}, UNTIL)
    await waitFor(() => expect(list.textContent).toContain('../new/report.txt'), UNTIL)
    expect(list.textContent).toContain('closest')

    act(() =>
      fireEvent.click(
        within(rowsOf('Broken links').find((r) => r.dataset.path === '/root/b/abs')!).getByRole('checkbox'),
      ),
    )
    const batch = screen.getByLabelText('Selected broken links')
    expect(batch.textContent).toContain('2 selected')
    expect(within(batch).getByRole('button', { name: 'Remove 2 links…' })).toBeTruthy()
    act(() => fireEvent.click(within(batch).getByRole('button', { name: 'Remove 2 links…' })))
    expect(s().dialog).toMatchObject({ type: 'remove' })
  })

  it('the toolbar button scans the open folder', async () => {
    const { api, runs } = scanningApi()
    const store = createAppStore(api)
    render(
      <StoreContext.Provider value={store}>
        <Toolbar />
      </StoreContext.Provider>,
    )
    await act(() => store.getState().openDirectory('/root'))
    await waitFor(() => expect(store.getState().dir).toBe('/root'), UNTIL)
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Scan this folder' })))
    expect(runs[0]?.root).toBe('/root')
    expect(store.getState().screen).toBe('scan')
  })
})

describe('the context menu', () => {
  it('offers “Scan this folder” on the empty area and “Scan “name”” on a folder', async () => {
    const { api, runs } = scanningApi()
    const store = createAppStore(api)
    await store.getState().openDirectory('/root')
    await waitFor(() => expect(store.getState().entries.map((e) => e.path)).toContain('/root/a'), UNTIL)
    const empty = menuItems(store.getState(), null).find((i) => i !== 'separator' && i.label === 'Scan this folder')
    expect(empty).toBeTruthy()
    if (empty !== 'separator') empty?.run?.()
    expect(runs[0]?.root).toBe('/root')
    const folder = store.getState().entries.find((e) => e.path === '/root/a')!
    store.getState().selectOnly(folder.path)
    const item = menuItems(store.getState(), folder).find((i) => i !== 'separator' && i.label === 'Scan “a”')
    if (item && item !== 'separator') item.run?.()
    expect(runs[1]?.root).toBe('/root/a')
  })
})

describe('Scan view keys', () => {
  it('Ctrl+C on the broken links copies the selected ones; without a clipboard (jsdom has none) it says so and shows the text', async () => {
    const { s, runs } = renderScan()
    act(() => s().startScan('/root'))
    act(() => {
      runs[0]!.emit([
        { type: 'broken', link: LINKS.gone },
        { type: 'broken', link: LINKS.loop },
      ])
      runs[0]!.finish({ ok: true, value: SUMMARY })
    })
    await ended(s)
    expect(screen.getByRole('button', { name: 'Copy list' })).toBeTruthy()
    act(() => s().selectBroken('/root/loop'))
    expect(screen.getByRole('button', { name: 'Copy selected' })).toBeTruthy()
    act(() => {
      fireEvent.keyDown(screen.getByLabelText('Broken links rows'), { key: 'c', ctrlKey: true })
    })
    await waitFor(
      () =>
        expect(s().notice).toMatchObject({
          tone: 'error',
          text: 'Could not copy 1 broken link (path, target, reason; tab-separated) (the clipboard is not available here).',
        }),
      UNTIL,
    )
    expect(s().notice?.detail).toBe('Path\tTarget\tReason\n/root/loop\tloop\tLoop\n')
  })

  it('Escape clears a filter first, then goes back; Backspace goes back without moving the explorer; F5 scans again', async () => {
    // the whole app, whose own Backspace/F5 would move or refresh the hidden explorer
    const { api, runs } = scanningApi()
    const store = createAppStore(api)
    const s = () => store.getState()
    render(
      <StoreContext.Provider value={store}>
        <App />
      </StoreContext.Provider>,
    )
    await act(async () => {
      await s().openDirectory('/root')
      await s().openDirectory('/root/a')
      s().startScan('/root/a')
      runs[0]!.finish({ ok: true, value: SUMMARY })
    })
    await ended(s)
    act(() => {
      fireEvent.keyDown(window, { key: 'F5' })
    })
    expect(runs).toHaveLength(2)
    act(() => runs[1]!.finish({ ok: true, value: SUMMARY }))
    await ended(s)
    const filter = screen.getByRole('searchbox', { name: 'Filter broken links' })
    act(() => fireEvent.change(filter, { target: { value: 'x' } }))
    act(() => {
      fireEvent.keyDown(filter, { key: 'Escape' })
    })
    expect(s().brokenFilter).toBe('')
    expect(s().screen).toBe('scan')
    act(() => {
      fireEvent.keyDown(window, { key: 'Backspace' })
    })
    expect(s().screen).toBe('explorer')
    expect(s().dir).toBe('/root/a') // the explorer did not go back behind the Scan view
    expect(api.calls.filter((c) => c.startsWith('links:list'))).toHaveLength(2)
  })
})
