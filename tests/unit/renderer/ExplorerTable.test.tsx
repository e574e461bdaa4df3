// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { App } from '../../../renderer/App'
import { createAppStore } from '../../../renderer/stores/app-store'
import { StoreContext } from '../../../renderer/stores/store-context'
import { entry, fakeApi, UNTIL } from '../../fakes/fake-api'

// jsdom lays nothing out; give the scrolling body a height so the virtualizer renders rows.
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

const folders = () => ({
  '/root': [
    entry('/root/docs', { kind: 'dir' }),
    entry('/root/report.txt', { links: 3, size: 2048 }),
    entry('/root/plain.txt', { size: 10 }),
    entry('/root/gone', {
      kind: 'symlink',
      target: 'missing.txt',
      resolved: '/root/missing.txt',
      status: 'broken',
      targetKind: null,
    }),
  ],
  '/root/docs': [],
})

async function renderApp() {
  const api = fakeApi(folders())
  const store = createAppStore(api)
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
  )
  await act(() => store.getState().start())
  // the listing's end on screen: every row of the view drawn (header + rows)
  await waitFor(() => {
    expect(store.getState().loading).toBe(false)
    expect(screen.getAllByRole('row')).toHaveLength(store.getState().view.length + 1)
  }, UNTIL)
  return { api, store }
}

const rowOf = (name: string): HTMLElement =>
  screen.getByText(name, { selector: '.name' }).closest('[role=row]') as HTMLElement

describe('the explorer table', () => {
  it('renders rows with kind, count, target and status, and marks hard links and broken links', async () => {
    await renderApp()
    expect(screen.getAllByRole('row')).toHaveLength(5) // header + 4
    const report = rowOf('report.txt')
    expect(report.className).toContain('is-hardlinked')
    expect(within(report).getByText('Hard link')).toBeTruthy()
    expect(within(report).getByText('3')).toBeTruthy()
    expect(within(report).getByText('2.0 KiB')).toBeTruthy()
    const gone = rowOf('gone')
    expect(gone.className).toContain('is-broken')
    expect(within(gone).getByText('Broken')).toBeTruthy()
    expect(within(gone).getByText('missing.txt')).toBeTruthy()
    expect(screen.getByTestId('count-entries').textContent).toBe('4 entries')
    expect(screen.getByTestId('count-hardlinked').textContent).toBe('1 hard-linked')
    expect(screen.getByTestId('count-broken').textContent).toBe('1 broken')
  })

  it('sorts when a header is clicked and shows the direction', async () => {
    await renderApp()
    const size = screen.getByRole('columnheader', { name: /Size/ })
    fireEvent.click(within(size).getByRole('button'))
    fireEvent.click(within(size).getByRole('button'))
    expect(size.getAttribute('aria-sort')).toBe('descending')
    const names = screen
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelector('.name')!.textContent)
    expect(names).toEqual(['docs', 'report.txt', 'plain.txt', 'gone'])
  })

  it('selects on click, explains the selection, and opens a folder on double-click', async () => {
    const { store } = await renderApp()
    fireEvent.mouseDown(rowOf('report.txt'), { button: 0 })
    expect(rowOf('report.txt').getAttribute('aria-selected')).toBe('true')
    expect(screen.getByRole('complementary', { name: 'Details' }).textContent).toContain(
      'A hard link: this file has 3 names.',
    )
    act(() => fireEvent.doubleClick(rowOf('docs')))
    await waitFor(() => expect(store.getState().dir).toBe('/root/docs'), UNTIL)
    expect(await screen.findByText('This folder is empty', {}, UNTIL)).toBeTruthy()
  })

  it('the details fields are in words: kind and names for a file; no inode size or link count for a folder', async () => {
    const { store } = await renderApp()
    const field = (label: string): string | null => {
      const dt = within(screen.getByRole('complementary', { name: 'Details' })).queryByText(label, { selector: 'dt' })
      return dt ? dt.nextElementSibling!.textContent : null
    }
    fireEvent.mouseDown(rowOf('report.txt'), { button: 0 })
    expect(field('Kind')).toBe('Hard link')
    expect(field('Names')).toBe('3 (hard links)')
    expect(field('Size')).toBe('2.0 KiB (2,048 bytes)')
    expect(field('Status')).toBeNull() // not a link: nothing to reach
    fireEvent.mouseDown(rowOf('gone'), { button: 0 })
    expect(field('Status')).toBe('Broken')
    expect(field('Names')).toBeNull() // a link's own link count is not names of anything
    expect(field('Size')).toMatch(/\(the link itself: the path it stores\)$/)
    fireEvent.mouseDown(rowOf('docs'), { button: 0 })
    expect(field('Kind')).toBe('Folder')
    expect(field('Names')).toBeNull()
    expect(field('Size')).toBeNull() // its contents are "Measure size"
    fireEvent.click(
      within(screen.getByRole('complementary', { name: 'Details' })).getByRole('button', {
        name: 'Links pointing here…',
      }),
    )
    expect(store.getState().dialog).toMatchObject({ type: 'links-into', entry: { path: '/root/docs' } })
  })

  it('moves with the keyboard and opens with Enter', async () => {
    const { store } = await renderApp()
    const body = screen.getByLabelText('Entries')
    fireEvent.keyDown(body, { key: 'End' })
    expect(store.getState().focus).toBe('/root/report.txt')
    fireEvent.keyDown(body, { key: 'ArrowUp', shiftKey: true })
    expect([...store.getState().selected]).toEqual(['/root/plain.txt', '/root/report.txt'])
    fireEvent.keyDown(body, { key: 'Home' })
    expect(store.getState().focus).toBe('/root/docs')
    fireEvent.keyDown(body, { key: 'p' })
    expect(store.getState().focus).toBe('/root/plain.txt')
    fireEvent.keyDown(body, { key: 'Home' })
    act(() => {
      fireEvent.keyDown(body, { key: 'Enter' })
    })
    await waitFor(() => expect(store.getState().dir).toBe('/root/docs'), UNTIL)
    act(() => {
      fireEvent.keyDown(window, { key: 'ArrowLeft', altKey: true })
    })
    await waitFor(() => expect(store.getState().dir).toBe('/root'), UNTIL)
  })

  it('says in plain words why a folder cannot be listed', async () => {
    const { store } = await renderApp()
    await act(async () => {
      await store.getState().openDirectory('/root/nope')
    })
    expect(screen.getByRole('alert').textContent).toContain('This folder does not exist.')
    expect(screen.getByRole('alert').textContent).toContain('/root/nope does not exist.')
  })
})
