// Keyboard, focus, multi-select, breadcrumbs and the remove dialog, with real keys and clicks on a
// real tree; what an operation did is checked on the disk.
import * as fs from 'node:fs'
import * as path from 'node:path'

import type { Page } from '@playwright/test'

import { expect, openApp, row, shot, test } from './helpers'
import { DEEP } from './views'

const body = (page: Page) => page.getByRole('grid', { name: 'Folder contents' }).locator('.tbody')
const menu = (page: Page) => page.locator('.context-menu')
const selectedNames = (page: Page) => page.locator('.tbody .row[aria-selected=true] .c-name .name').allTextContents()

test('Escape from a menu or a dialog gives the focus back; the list shows a focus ring; every action is reachable by Tab', async ({
  page,
  served,
  problems,
}) => {
  await openApp(page, served)
  // Tab from the top of the page reaches the toolbar, the columns, the list and the panel (bounded walk)
  const reached: string[] = []
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab')
    reached.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null
        return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? ''
      }),
    )
  }
  for (const want of [
    'Refresh',
    'Type a path',
    'Filter',
    'Folder sizes',
    'Scan this folder',
    'Columns of Folder contents',
    'Width of the Name column',
    'Entries',
    'Hide the details panel',
    'Resize the details panel',
  ]) {
    expect(
      reached.some((r) => r.includes(want)),
      `Tab never reaches ${want}: ${reached.join(' | ')}`,
    ).toBe(true)
  }
  // the list, reached by keyboard with nothing selected, shows where the focus is
  await body(page).focus()
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Tab')
  await expect(body(page)).toBeFocused()
  expect(await body(page).evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none')

  // the context menu from the keyboard (the menu key and Shift+F10), and Escape back to the list
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ContextMenu')
  await expect(menu(page)).toBeVisible()
  await expect(page.getByRole('menuitem').first()).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(menu(page)).toHaveCount(0)
  await expect(body(page)).toBeFocused()
  // a dialog opened from the menu: Escape closes it and the list has the focus again
  await row(page, 'rel-link').click()
  await page.keyboard.press('Shift+F10')
  await page.getByRole('menuitem', { name: /Rename/ }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(body(page)).toBeFocused()
  // a dialog opened from a button: the focus goes back to that button
  await row(page, 'report-hardlink.txt').click()
  const button = page
    .getByRole('complementary', { name: 'Details' })
    .getByRole('button', { name: 'Links pointing here…' })
  await button.click()
  await expect(page.getByRole('dialog')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(button).toBeFocused()
  // Ctrl+F and "/" go to the filter, as in a browser or a file manager; Escape there empties it
  const filter = page.getByRole('searchbox', { name: 'Filter' })
  await body(page).focus()
  await page.keyboard.press('Control+f')
  await expect(filter).toBeFocused()
  await page.keyboard.type('report-hard')
  await expect(row(page, 'report-hardlink.txt')).toHaveCount(1)
  await expect(row(page, 'plain.txt')).toHaveCount(0)
  await page.keyboard.press('Escape')
  await body(page).focus()
  await page.keyboard.press('/')
  await expect(filter).toBeFocused()
  await expect(filter).toHaveValue('')
  expect(problems).toEqual([])
})

test('multi-select with Shift/Ctrl+click, Shift+arrows and Ctrl+A; picking the selection and dropping makes one link per source through the same refusals', async ({
  page,
  served,
  problems,
}) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  await openApp(page, served)
  await row(page, 'abs-link').click()
  await row(page, 'dangling').click({ modifiers: ['Shift'] })
  expect(await selectedNames(page)).toEqual(['abs-link', 'chain', 'dangling'])
  await row(page, 'chain').click({ modifiers: ['Control'] })
  expect(await selectedNames(page)).toEqual(['abs-link', 'dangling'])
  await row(page, 'plain.txt').click()
  await page.keyboard.press('Shift+ArrowDown')
  await page.keyboard.press('Shift+ArrowDown')
  expect(await selectedNames(page)).toEqual(['plain.txt', 'rel-link', 'report-hardlink.txt'])
  await page.keyboard.press('Shift+ArrowUp')
  expect(await selectedNames(page)).toEqual(['plain.txt', 'rel-link'])
  await page.keyboard.press('Control+a')
  await expect(page.locator('.tbody .row[aria-selected=true]')).toHaveCount(await page.locator('.tbody .row').count())
  await expect(page.getByRole('complementary', { name: 'Details' })).toContainText('selected')

  // pick a folder and two files: the menu acts on the whole selection
  await row(page, 'photos').click()
  await row(page, 'plain.txt').click({ modifiers: ['Control'] })
  await row(page, 'ünïcödé ✓.txt').click({ modifiers: ['Control'] })
  await row(page, 'plain.txt').click({ button: 'right' })
  await page.getByRole('menuitem', { name: 'Pick 3 as link sources' }).click()
  await expect(page.getByRole('region', { name: 'Picked link sources' })).toContainText('Picked 3:')
  await row(page, 'drop-here').click({ button: 'right' })
  await page.getByRole('menuitem', { name: /Drop into “drop-here” as/ }).hover()
  await page.getByRole('menuitem', { name: /^Hard link/ }).click()
  const report = page.getByRole('region', { name: 'Operation report' })
  await expect(report).toContainText('Dropped as hard links: 2 made, 1 refused')
  await expect(report).toContainText('photos')
  for (const n of ['plain.txt', 'ünïcödé ✓.txt']) expect(fs.statSync(p('drop-here', n)).ino).toBe(fs.statSync(p(n)).ino)
  expect(fs.existsSync(p('drop-here', 'photos'))).toBe(false)
  expect(problems).toEqual([])
})

test('deep breadcrumbs fold their middle into a "…" menu that works by mouse and keys', async ({
  page,
  served,
  problems,
}) => {
  await page.setViewportSize({ width: 1000, height: 700 })
  fs.mkdirSync(path.join(served.root, ...DEEP), { recursive: true })
  await openApp(page, served)
  await page.keyboard.press('Control+l')
  await page.getByRole('textbox', { name: 'Address' }).fill(path.join(served.root, ...DEEP))
  await page.keyboard.press('Enter')
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' })
  await expect(crumbs.locator('.crumb.current')).toHaveText('lib')
  const fold = crumbs.getByRole('button', { name: /more folders? above/ })
  await expect(fold).toBeVisible()
  // the root and the current folder are whole: none of the shown crumbs is cut
  const cut = await crumbs
    .locator('.crumb')
    .evaluateAll((cs) => cs.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent))
  expect(cut).toEqual([])
  await expect(crumbs.locator('.crumb').first()).toHaveText('/')

  await fold.click()
  const folders = page.getByRole('menu', { name: 'Folders above' })
  await expect(folders.getByRole('menuitem').first()).toBeFocused()
  const shown = await folders.getByRole('menuitem').allTextContents()
  expect(shown.length).toBeGreaterThan(1)
  await page.keyboard.press('Escape')
  await expect(folders).toHaveCount(0)
  await expect(fold).toBeFocused()
  await page.keyboard.press('Enter')
  await folders.getByRole('menuitem', { name: 'client-work' }).click()
  await expect(crumbs.locator('.crumb.current')).toHaveText('client-work')
  await expect(row(page, 'node_modules')).toBeVisible()
  expect(problems).toEqual([])
})

test('remove dialog: says which removals are refused before the click, and shows progress while a slow removal runs', async ({
  page,
  served,
  problems,
}) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  fs.writeFileSync(p('pair-a.txt'), 'two names, one file\n')
  fs.linkSync(p('pair-a.txt'), p('pair-b.txt'))
  // hold each removal at the socket until the test has seen the progress: a slow disk, without timing
  let release: (() => void) | null = null
  await page.routeWebSocket(/\/ws/, (ws) => {
    const server = ws.connectToServer()
    ws.onMessage((m) => {
      if (String(m).includes('"links:remove"'))
        new Promise<void>((r) => {
          release = r
        }).then(() => server.send(m))
      else server.send(m)
    })
    server.onMessage((m) => ws.send(m))
  })
  await openApp(page, served)
  await row(page, 'pair-a.txt').click()
  await row(page, 'pair-b.txt').click({ modifiers: ['Control'] })
  await row(page, 'rel-link').click({ modifiers: ['Control'] })
  await page.keyboard.press('Delete')
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByTestId('remove-summary')).toHaveText(
    '2 will be removed; 1 will be refused and stays as it is.',
  )
  await expect(dialog.locator('li').filter({ hasText: 'pair-a.txt' })).toContainText(
    'The data stays: the file keeps 1 other name.',
  )
  await expect(dialog.locator('li.refused')).toContainText('Refused: “pair-b.txt” would be the last name of its file')
  await dialog.getByRole('button', { name: 'Remove 2 links' }).click()
  // the first removal is held: the dialog says what it is doing, and waits
  const busy = dialog.getByRole('status', { name: 'Removing' })
  await expect(busy).toContainText(`Removing ${p('pair-a.txt')} (1 of 2)…`)
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeDisabled()
  await expect.poll(() => release !== null).toBe(true)
  release!()
  release = null
  await expect(busy).toContainText(`Removing ${p('rel-link')} (2 of 2)…`)
  // Ctrl+Z while the removal still runs is not dropped: it is said to follow, and undoes the last removal
  const relTarget = fs.readlinkSync(p('rel-link'))
  await page.keyboard.press('Control+z')
  await expect(busy).toContainText('Undo (Ctrl+Z) follows as soon as this ends.')
  await shot(page, 'remove-undo-queued')
  await expect.poll(() => release !== null).toBe(true)
  release!()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Operation report' })).toContainText('Undid: re-created “rel-link”')
  expect(fs.existsSync(p('pair-a.txt'))).toBe(false)
  expect(fs.readFileSync(p('pair-b.txt'), 'utf8')).toBe('two names, one file\n')
  expect(fs.statSync(p('pair-b.txt')).nlink).toBe(1)
  expect(fs.readlinkSync(p('rel-link'))).toBe(relTarget)
  await expect(row(page, 'rel-link')).toHaveCount(1)
  // the undo ran once: the removal of pair-a.txt is still there to undo
  await expect(row(page, 'pair-a.txt')).toHaveCount(0)
  expect(problems).toEqual([])
})
