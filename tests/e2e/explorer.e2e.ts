// Part 1: the explorer on a real tree served by `linkscope serve`.
import * as os from 'node:os'
import * as path from 'node:path'

import { expect, openApp, row, shot, test } from './helpers'

const names = (page: import('@playwright/test').Page) => page.locator('.tbody .row .c-name .name').allTextContents()

test('shows every entry with its kind, link count, target and status; CSP blocks nothing', async ({
  page,
  served,
  problems,
}) => {
  await openApp(page, served)
  await expect(page.locator('[data-testid=count-entries]')).toHaveText('17 entries')
  await expect(page.locator('[data-testid=count-hardlinked]')).toHaveText('1 hard-linked')
  await expect(page.locator('[data-testid=count-broken]')).toHaveText('3 broken')
  // the token is gone from the visible address
  expect(page.url()).not.toContain('token=')

  await expect(row(page, 'report-hardlink.txt').locator('.c-links')).toHaveText('3')
  await expect(row(page, 'report-hardlink.txt')).toHaveClass(/is-hardlinked/)
  await expect(row(page, 'report-hardlink.txt').locator('.c-kind')).toHaveText('Hard link')
  await expect(row(page, 'rel-link').locator('.c-target')).toHaveText('→plain.txt')
  await expect(row(page, 'rel-link').locator('.c-status')).toHaveText('OK')
  await expect(row(page, 'abs-link').locator('.c-target')).toHaveText(`→${path.join(served.root, 'plain.txt')}`)
  await expect(row(page, 'folder-link').locator('.c-kind')).toHaveText('Symlink (folder)')
  await expect(row(page, 'dangling').locator('.c-status')).toHaveText('Broken')
  await expect(row(page, 'dangling')).toHaveClass(/is-broken/)
  await expect(row(page, 'loop-a').locator('.c-status')).toHaveText('Loop')
  await expect(row(page, 'chain').locator('.c-target')).toHaveText('→rel-link')
  await expect(row(page, 'ünïcödé ✓.txt')).toHaveCount(1)

  // folders first, then names
  const order = await names(page)
  expect(order.slice(0, 6)).toEqual(['docs', 'drop-here', 'empty', 'folder-link', 'other', 'photos'])
  await shot(page, 'explorer-light')

  await row(page, 'report-hardlink.txt').click()
  const details = page.getByRole('complementary', { name: 'Details' })
  await expect(details).toContainText(
    'A hard link: this file has 3 names. Deleting this name keeps the data while another name remains. It is not a copy: editing one edits all.',
  )
  await expect(details).toContainText(path.join(served.root, 'report-hardlink.txt'))
  await shot(page, 'explorer-details-hardlink')

  await row(page, 'dangling').click()
  await expect(details).toContainText('breaks when the target is moved or renamed')
  await expect(details).toContainText('Broken: the target')

  expect(problems).toEqual([])
})

test('sorts on every column and filters', async ({ page, served, problems }) => {
  await openApp(page, served)
  const header = (name: string) => page.getByRole('columnheader', { name: new RegExp(`^${name}(?![a-z])`) })

  await header('Names').click()
  await expect(header('Names')).toHaveAttribute('aria-sort', 'ascending')
  await header('Names').click()
  await expect(header('Names')).toHaveAttribute('aria-sort', 'descending')
  // folders stay first; among the rest the file with 3 names leads
  expect((await names(page))[6]).toBe('report-hardlink.txt')

  await header('Status').click()
  const byStatus = await names(page)
  expect(byStatus.slice(6, 9).sort()).toEqual(['dangling', 'loop-a', 'loop-b'])

  await header('Size').click()
  await header('Size').click()
  expect((await names(page))[6]).toBe('report-hardlink.txt') // 12 bytes, the largest file

  await header('Target').click()
  await header('Kind').click()
  await header('Modified').click()
  await header('Name').click()
  await expect(header('Name')).toHaveAttribute('aria-sort', 'ascending')
  await header('Name').click()
  expect((await names(page))[0]).toBe('photos')

  const filter = page.getByRole('searchbox', { name: 'Filter' })
  await filter.fill('report')
  await expect(page.locator('.tbody .row')).toHaveCount(2)
  expect((await names(page)).sort()).toEqual(['deep-report-link', 'report-hardlink.txt'])
  await expect(page.getByRole('status').filter({ hasText: 'shown' })).toContainText('2 shown')
  await filter.fill('broken')
  // what the status bar counts as broken: a missing target, and the two links that loop
  await expect(page.locator('.tbody .row')).toHaveCount(3)
  expect((await names(page)).sort()).toEqual(['dangling', 'loop-a', 'loop-b'])
  await expect(page.locator('[data-testid=count-broken]')).toHaveText('3 broken')
  await filter.fill('zzz-nothing')
  await expect(page.getByText('Nothing matches “zzz-nothing”.')).toBeVisible()
  await filter.press('Escape')
  await expect(page.locator('.tbody .row')).toHaveCount(17)
  // the status bar's counts are the same filters, one click away; a second click shows everything
  await page.getByTestId('count-broken').click()
  await expect(filter).toHaveValue('broken')
  expect((await names(page)).sort()).toEqual(['dangling', 'loop-a', 'loop-b'])
  await page.getByTestId('count-hardlinked').click()
  await expect(page.getByTestId('count-hardlinked')).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => names(page)).toEqual(['report-hardlink.txt'])
  await page.getByTestId('count-hardlinked').click()
  await expect(page.locator('.tbody .row')).toHaveCount(17)
  expect(problems).toEqual([])
})

test('opens folders, goes back, up and forward; keyboard navigation', async ({ page, served, problems }) => {
  await openApp(page, served)
  await row(page, 'docs').dblclick()
  await expect(page.locator('.crumb.current')).toHaveText('docs')
  await expect(page.locator('[data-testid=count-entries]')).toHaveText('2 entries')
  await expect(row(page, 'report.txt').locator('.c-links')).toHaveText('3')
  await shot(page, 'explorer-docs')

  await page.keyboard.press('Alt+ArrowLeft')
  await expect(page.locator('.crumb.current')).toHaveText(path.basename(served.root))
  await expect(row(page, 'docs')).toHaveAttribute('aria-selected', 'true') // where we came from
  await page.keyboard.press('Alt+ArrowRight')
  await expect(page.locator('.crumb.current')).toHaveText('docs')
  await page.keyboard.press('Alt+ArrowUp')
  await expect(page.locator('.crumb.current')).toHaveText(path.basename(served.root))
  await page.getByRole('button', { name: 'Back' }).click()
  await expect(page.locator('.crumb.current')).toHaveText('docs')
  await page.keyboard.press('Backspace')
  await expect(page.locator('.crumb.current')).toHaveText(path.basename(served.root))

  // keyboard: the list takes arrows, Home/End and Enter
  await page.locator('.tbody').focus()
  await page.keyboard.press('Home')
  await expect(row(page, 'docs')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowDown')
  await expect(row(page, 'drop-here')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('End')
  await expect(row(page, 'ünïcödé ✓.txt')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Shift+ArrowUp')
  await expect(page.locator('.tbody .row[aria-selected=true]')).toHaveCount(2)
  await page.keyboard.press('Home')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(page.locator('.crumb.current')).toHaveText('empty')
  await expect(page.getByText('This folder is empty')).toBeVisible()
  await shot(page, 'explorer-empty')

  // breadcrumbs go anywhere up
  await page.locator('.crumb', { hasText: path.basename(served.root) }).click()
  await expect(page.locator('[data-testid=count-entries]')).toHaveText('17 entries')
  expect(problems).toEqual([])
})

test('follows links; a broken link says why it cannot be followed', async ({ page, served, problems }) => {
  await openApp(page, served)
  await row(page, 'deep-report-link').dblclick()
  await expect(page.locator('.crumb.current')).toHaveText('deep')
  await expect(row(page, 'report-copy-name.txt')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('complementary', { name: 'Details' })).toContainText('this file has 3 names')
  await shot(page, 'explorer-followed')

  await page.keyboard.press('Alt+ArrowLeft')
  await row(page, 'folder-link').dblclick()
  await expect(page.locator('.crumb.current')).toHaveText('docs')
  await page.keyboard.press('Alt+ArrowLeft')

  await row(page, 'dangling').dblclick()
  await expect(page.getByRole('alert')).toContainText(
    '“dangling” cannot be followed: its target “missing.txt” does not exist.',
  )
  await row(page, 'loop-a').dblclick()
  await expect(page.getByRole('alert')).toContainText('leads back to itself')
  await shot(page, 'explorer-broken-notice')
  expect(problems).toEqual([])
})

test('the address bar opens typed paths and explains errors', async ({ page, served, problems }) => {
  await openApp(page, served)
  await page.getByRole('button', { name: 'Type a path' }).click()
  const address = page.getByRole('textbox', { name: 'Address' })
  await address.fill(path.join(served.root, 'other', 'deep'))
  await address.press('Enter')
  await expect(page.locator('.crumb.current')).toHaveText('deep')
  await expect(row(page, 'report-copy-name.txt')).toHaveCount(1)

  await page.keyboard.press('Control+l')
  await page.getByRole('textbox', { name: 'Address' }).fill(path.join(served.root, 'no-such-folder'))
  await page.getByRole('textbox', { name: 'Address' }).press('Enter')
  await expect(page.getByRole('alert')).toContainText('This folder does not exist.')
  await expect(page.getByRole('alert')).toContainText('Go up, or type another path:')
  await shot(page, 'explorer-not-found')

  // a file's path opens its folder with the file selected
  await page.keyboard.press('Control+l')
  await page.getByRole('textbox', { name: 'Address' }).fill(path.join(served.root, 'plain.txt'))
  await page.getByRole('textbox', { name: 'Address' }).press('Enter')
  await expect(page.locator('.crumb.current')).toHaveText(path.basename(served.root))
  await expect(row(page, 'plain.txt')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(page.locator('.crumb.current')).toHaveText('no-such-folder')

  // a relative path starts from the open folder, as in a shell; "~" is the home folder
  await page.keyboard.press('Control+l')
  await page.getByRole('textbox', { name: 'Address' }).fill('../other/./deep')
  await page.getByRole('textbox', { name: 'Address' }).press('Enter')
  await expect(page.locator('.crumb.current')).toHaveText('deep')
  await expect(row(page, 'report-copy-name.txt')).toHaveCount(1)
  await page.keyboard.press('Control+l')
  await page.getByRole('textbox', { name: 'Address' }).fill('~')
  await page.getByRole('textbox', { name: 'Address' }).press('Enter')
  await expect(page.locator('.crumb.current')).toHaveText(path.basename(os.homedir()))
  expect(problems).toEqual([])
})

test('dark theme follows the OS', async ({ page, served, problems }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await openApp(page, served)
  await row(page, 'report-hardlink.txt').click()
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(bg).toBe('rgb(26, 28, 32)')
  await shot(page, 'explorer-dark')
  await row(page, 'dangling').click()
  await shot(page, 'explorer-dark-broken')
  expect(problems).toEqual([])
})
