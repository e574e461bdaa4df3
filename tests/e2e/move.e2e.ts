// Issue 16 in the UI, with real clicks on a real server and disk: *Move to another drive…* on a folder
// (to /dev/shm, another device), *Move back* on the link it left, and *Replace prefix…* on selected
// broken links in the scan view (preview, apply, one undo).
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import type { Page } from '@playwright/test'

import { expect, openApp, row, shot, test } from './helpers'

// The server inherits this: its move journals go to a folder of the test's own.
const state = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-e2e-move-state-'))
process.env.LINKSCOPE_STATE_DIR = state
test.afterAll(() => fs.rmSync(state, { recursive: true, force: true }))

const menu = (page: Page) => page.locator('.context-menu')

async function rightClick(page: Page, name: string): Promise<void> {
  await row(page, name).click({ button: 'right' })
  await expect(menu(page)).toBeVisible()
}

test('moves a folder to another drive leaving a link, then moves it back', async ({ page, served, problems }) => {
  const dest = fs.mkdtempSync(path.join('/dev/shm', 'linkscope-e2e-move-'))
  const photos = path.join(served.root, 'photos')
  try {
    await openApp(page, served)
    await rightClick(page, 'photos')
    await page.getByRole('menuitem', { name: /Move to another file system/ }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toHaveAttribute('aria-label', 'Move “photos” to another file system')
    await dialog.getByLabel('Destination folder').fill(dest)
    await expect(dialog.getByRole('button', { name: 'Move', exact: true })).toBeDisabled()
    await dialog.getByRole('button', { name: 'Check' }).click()
    await expect(dialog.getByTestId('move-preflight')).toContainText('2 files in 1 folder,')
    await expect(dialog.getByTestId('move-incoming')).toContainText('No link elsewhere leads into it.')
    await shot(page, 'move-preflight')
    expect(fs.lstatSync(photos).isDirectory()).toBe(true) // nothing changed by the preflight
    await dialog.getByRole('button', { name: 'Move', exact: true }).click()
    await expect(dialog.getByTestId('move-result')).toContainText('every byte verified')
    await expect(dialog.getByTestId('move-result')).toContainText(`a symbolic link was left at ${photos}`)
    await shot(page, 'move-result')
    expect(fs.readlinkSync(photos)).toBe(path.join(dest, 'photos'))
    expect(fs.readFileSync(path.join(photos, 'a.jpg'), 'utf8')).toBe('jpeg a')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(dialog).toHaveCount(0)

    await expect(row(page, 'photos').locator('.c-kind')).toContainText(/link/i)
    await rightClick(page, 'photos')
    await page.getByRole('menuitem', { name: /Move back/ }).click()
    await expect(dialog).toHaveAttribute('aria-label', 'Move “photos” back')
    await expect(dialog.getByTestId('move-preflight')).toContainText('2 files in 1 folder,')
    await shot(page, 'move-back-preflight')
    await dialog.getByRole('button', { name: 'Move back' }).click()
    await expect(dialog.getByTestId('move-result')).toContainText('Moved back')
    await shot(page, 'move-back-result')
    await dialog.getByRole('button', { name: 'Close' }).click()
    expect(fs.lstatSync(photos).isDirectory()).toBe(true)
    expect(fs.readFileSync(path.join(photos, 'b.jpg'), 'utf8')).toBe('jpeg b')
    expect(fs.existsSync(path.join(dest, 'photos'))).toBe(false)
    expect(problems).toEqual([])
  } finally {
    fs.rmSync(dest, { recursive: true, force: true })
  }
})

test('Replace prefix on selected broken links: preview, apply, one undo', async ({ page, served, problems }) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  fs.mkdirSync(p('links'))
  fs.mkdirSync(p('new-home'))
  fs.writeFileSync(p('new-home', 'a.txt'), 'a')
  fs.writeFileSync(p('new-home', 'b.txt'), 'b')
  fs.symlinkSync(p('old-home', 'a.txt'), p('links', 'abs-a'))
  fs.symlinkSync('../old-home/b.txt', p('links', 'rel-b'))
  fs.symlinkSync('../old-home/c.txt', p('links', 'rel-c'))
  await openApp(page, served)
  await row(page, 'links').dblclick()
  await expect(page.locator('.crumb.current')).toHaveText('links')
  await page.getByRole('button', { name: 'Scan this folder' }).click()
  await expect(page.getByTestId('scan-summary')).toContainText('Done in')
  const brokenRow = (q: string) => page.locator(`.broken-table .tbody .row[data-path="${q}"]`)
  await brokenRow(p('links', 'abs-a')).getByRole('checkbox').check()
  await brokenRow(p('links', 'rel-b')).getByRole('checkbox').check()
  await brokenRow(p('links', 'rel-c')).getByRole('checkbox').check()
  await page.getByRole('button', { name: 'Replace prefix…' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toHaveAttribute('aria-label', 'Replace prefix in 3 links')
  await expect(dialog.getByLabel('Old prefix')).toHaveValue(p('old-home'))
  await dialog.getByLabel('New prefix').fill(p('new-home'))
  await dialog.getByRole('button', { name: 'Preview' }).click()
  const table = dialog.getByRole('table', { name: 'Replace prefix preview' })
  await expect(table.locator('tbody tr')).toHaveCount(3)
  await expect(table.locator('tbody tr').filter({ hasText: 'abs-a' })).toContainText(`${p('new-home', 'a.txt')}yes`)
  await expect(table.locator('tbody tr').filter({ hasText: 'rel-b' })).toContainText('../new-home/b.txtyes')
  await expect(table.locator('tbody tr').filter({ hasText: 'rel-c' })).toContainText('../new-home/c.txtno')
  await shot(page, 'prefix-preview')
  expect(fs.readlinkSync(p('links', 'rel-b'))).toBe('../old-home/b.txt') // the preview changed nothing
  await dialog.getByRole('button', { name: 'Apply to 3 links' }).click()
  await expect(dialog.getByTestId('prefix-status')).toContainText('3 retargeted')
  expect(fs.readlinkSync(p('links', 'abs-a'))).toBe(p('new-home', 'a.txt'))
  expect(fs.readlinkSync(p('links', 'rel-b'))).toBe('../new-home/b.txt')
  await shot(page, 'prefix-applied')
  await dialog.getByRole('button', { name: 'Undo' }).click()
  await expect(dialog.getByTestId('prefix-status')).toContainText('put back')
  expect(fs.readlinkSync(p('links', 'abs-a'))).toBe(p('old-home', 'a.txt'))
  expect(fs.readlinkSync(p('links', 'rel-b'))).toBe('../old-home/b.txt')
  expect(fs.readlinkSync(p('links', 'rel-c'))).toBe('../old-home/c.txt')
  await dialog.getByRole('button', { name: 'Close' }).click()
  expect(problems).toEqual([])
})
