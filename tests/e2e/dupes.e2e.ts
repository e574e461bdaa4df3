// The Duplicates view on a real tree served by `linkscope serve`: find, choose the keeper, merge, undo,
// merge a selection, make a name independent; every step checked on disk (inode numbers and bytes).
import * as fs from 'node:fs'

import type { Page } from '@playwright/test'

import { expect, shot } from './helpers'
import { ino, tempTree, testOnTree, type Tree } from './tree-fixture'

/**
 * Two groups of duplicates — three copies of a report (one in a subfolder), and a photo whose one copy
 * already has two names — plus files that must never show: one file under two names (no duplicate of
 * itself), an empty pair, and equal-sized files with different bytes.
 */
const buildTree = (): Tree =>
  tempTree('linkscope-dupes-e2e-', (p) => {
    fs.mkdirSync(p('sub'), { recursive: true })
    const report = 'the quarterly report, word for word\n'.repeat(300)
    for (const n of ['report-one.txt', 'report-two.txt', 'sub/report-three.txt']) fs.writeFileSync(p(n), report)
    const photo = Buffer.alloc(70_000, 'photo bytes ')
    fs.writeFileSync(p('photo-a.jpg'), photo)
    fs.linkSync(p('photo-a.jpg'), p('sub', 'photo-a-alias.jpg'))
    fs.writeFileSync(p('photo-b.jpg'), photo)
    fs.writeFileSync(p('single.txt'), 'one file, two names\n')
    fs.linkSync(p('single.txt'), p('single-alias.txt'))
    fs.writeFileSync(p('empty-1'), '')
    fs.writeFileSync(p('empty-2'), '')
    fs.writeFileSync(p('same-size-1.txt'), 'aaaa')
    fs.writeFileSync(p('same-size-2.txt'), 'bbbb')
  })

const test = testOnTree(buildTree)

const summary = (page: Page) => page.getByTestId('dupes-summary')
const groupRows = (page: Page) => page.locator('.dupes-table .tbody .row')
const groupRow = (page: Page, firstName: string) =>
  groupRows(page).filter({ has: page.locator('.c-name .name', { hasText: firstName }) })
const details = (page: Page) => page.getByRole('complementary', { name: 'Group details' })
const report = (page: Page) => page.getByRole('region', { name: 'Merge report' })

async function findDuplicates(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Find duplicates' }).click()
  await expect(summary(page)).toContainText('Done in')
}

test('find, choose the keeper, merge into hard links, undo; the disk says so at each step', async ({
  page,
  served,
  tree,
  problems,
}) => {
  test.setTimeout(120_000)
  const p = tree.p
  const reports = [p('report-one.txt'), p('report-two.txt'), p('sub', 'report-three.txt')]
  const bytes = fs.readFileSync(reports[0]!)
  const keeperIno = ino(p('sub', 'report-three.txt'))
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto(served.url)
  await expect(page.locator('[data-testid=count-entries]')).toHaveText(/^\d+ entr/)
  await findDuplicates(page)

  // two groups: the reports (three files) and the photos (two files, three names); nothing else
  await expect(page.getByTestId('dupes-count')).toHaveText('2')
  await expect(groupRows(page)).toHaveCount(2)
  await expect(summary(page)).toContainText('2 groups of duplicates')
  const reportRow = groupRow(page, 'report-')
  await expect(reportRow.locator('.c-count').first()).toHaveText('3')
  const photoRow = groupRow(page, 'photo-')
  await expect(photoRow.locator('.c-count').nth(0)).toHaveText('2')
  await expect(photoRow.locator('.c-count').nth(1)).toHaveText('3')
  await expect(page.getByTestId('dupes-bytes')).not.toHaveText('0 B')

  // choose the copy in sub/ as the keeper of the reports, then merge that group
  await reportRow.click()
  await expect(details(page)).toContainText('3 files of')
  for (const r of reports) await expect(details(page)).toContainText(r)
  await details(page)
    .getByRole('radio', { name: `Keep ${p('sub', 'report-three.txt')}` })
    .check()
  await expect(details(page).locator('.dupe-file.is-keeper')).toContainText(p('sub', 'report-three.txt'))
  await shot(page, 'dupes-found-1400')
  await details(page).getByRole('button', { name: 'Merge into hard links' }).click()
  await expect(page.getByTestId('dupes-report-title')).toContainText('Merged 2 names into hard links')
  await expect(report(page)).toContainText(`now names of ${p('sub', 'report-three.txt')}`)
  // on disk: the three names are one file now, the keeper's, with the same bytes
  for (const r of reports) {
    expect(ino(r), r).toBe(keeperIno)
    expect(fs.readFileSync(r).equals(bytes)).toBe(true)
  }
  expect(fs.statSync(reports[0]!).nlink).toBe(3)
  await expect(reportRow.locator('.pill-merged')).toHaveText('merged')
  await shot(page, 'dupes-merged-1400')

  // undo: three separate files again, same bytes, and the group is found again
  await report(page).getByRole('button', { name: 'Undo merge' }).click()
  await expect(page.getByTestId('dupes-report-title')).toContainText('Undone: 2 names are separate files again')
  expect(new Set(reports.map(ino)).size).toBe(3)
  for (const r of reports) expect(fs.readFileSync(r).equals(bytes), r).toBe(true)
  expect(ino(p('sub', 'report-three.txt'))).toBe(keeperIno)
  await expect(summary(page)).toContainText('Done in')
  await expect(groupRows(page)).toHaveCount(2)

  // merge the selection: both groups at once, with the default keepers
  await page.getByRole('checkbox', { name: 'Select all groups' }).check()
  await page.getByRole('button', { name: /Merge 2 selected into hard links/ }).click()
  await expect(page.getByTestId('dupes-report-title')).toContainText('Merged 3 names into hard links')
  expect(new Set(reports.map(ino)).size).toBe(1)
  // the photo with two names was the keeper (more names to keep); the other joined it
  expect(new Set([p('photo-a.jpg'), p('sub', 'photo-a-alias.jpg'), p('photo-b.jpg')].map(ino)).size).toBe(1)
  expect(ino(p('single.txt'))).toBe(ino(p('single-alias.txt')))
  expect(ino(p('same-size-1.txt'))).not.toBe(ino(p('same-size-2.txt')))
  await page.setViewportSize({ width: 1000, height: 700 })
  await shot(page, 'dupes-merged-1000')
  await page.emulateMedia({ colorScheme: 'dark' })
  await shot(page, 'dupes-merged-1000-dark')
  await page.setViewportSize({ width: 1400, height: 900 })
  await shot(page, 'dupes-merged-1400-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  await page.getByRole('button', { name: 'Explorer' }).click()
  await expect(page.getByRole('button', { name: 'Find duplicates' })).toBeVisible()
  expect(problems).toEqual([])
})

test('Make independent: a hard-linked name becomes its own copy, from the explorer context menu', async ({
  page,
  served,
  tree,
  problems,
}) => {
  const p = tree.p
  await page.goto(served.url)
  await expect(page.locator('[data-testid=count-entries]')).toHaveText(/^\d+ entr/)
  const before = ino(p('single.txt'))
  await page
    .locator('.tbody .row')
    .filter({ has: page.locator('.c-name .name', { hasText: /^single-alias\.txt$/ }) })
    .click({ button: 'right' })
  await page.getByRole('menuitem', { name: /Make independent/ }).click()
  await expect(page.getByText('It is an independent copy now')).toBeVisible()
  expect(ino(p('single.txt'))).toBe(before)
  expect(ino(p('single-alias.txt'))).not.toBe(before)
  expect(fs.readFileSync(p('single-alias.txt'), 'utf8')).toBe('one file, two names\n')
  expect(fs.statSync(p('single.txt')).nlink).toBe(1)
  // a file with one name offers no such item
  await page.keyboard.press('Escape')
  await page
    .locator('.tbody .row')
    .filter({ has: page.locator('.c-name .name', { hasText: /^same-size-1\.txt$/ }) })
    .click({ button: 'right' })
  await expect(page.getByRole('menuitem', { name: 'Show all names' })).toBeVisible()
  await expect(page.getByRole('menuitem', { name: /Make independent/ })).toHaveCount(0)
  await shot(page, 'dupes-make-independent')
  expect(problems).toEqual([])
})
