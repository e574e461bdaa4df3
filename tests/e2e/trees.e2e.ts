// Compare folders and Copy with links on a real tree served by `linkscope serve`, with real clicks:
// compare two folders (context menu), filter by state, link a selection and then the rest, undo; copy a
// folder with its hard-link group and links, and clone it; every step checked on disk (inode numbers).
import * as fs from 'node:fs'

import type { Page } from '@playwright/test'

import { expect, row, shot } from './helpers'
import { ino, tempTree, testOnTree, type Tree } from './tree-fixture'

/** photos (A) and photos-backup (B): every compare state once or more; A has a hard-link group and links. */
const buildTree = (): Tree =>
  tempTree('linkscope-trees-e2e-', (p, baseDir) => {
    for (const side of ['photos', 'photos-backup']) {
      fs.mkdirSync(p(side, 'sub'), { recursive: true })
      fs.writeFileSync(p(side, 'beach.jpg'), Buffer.alloc(40_000, 'beach '))
      fs.writeFileSync(p(side, 'sub', 'hills.jpg'), Buffer.alloc(30_000, 'hills '))
    }
    fs.writeFileSync(p('photos', 'linked.jpg'), 'one file in both folders')
    fs.linkSync(p('photos', 'linked.jpg'), p('photos-backup', 'linked.jpg'))
    fs.writeFileSync(p('photos', 'notes.txt'), 'version one')
    fs.writeFileSync(p('photos-backup', 'notes.txt'), 'version two')
    fs.writeFileSync(p('photos', 'only-here.txt'), 'a')
    fs.writeFileSync(p('photos-backup', 'extra.txt'), 'b')
    fs.symlinkSync('beach.jpg', p('photos', 'latest'))
    fs.symlinkSync('notes.txt', p('photos-backup', 'latest'))
    // for the copy: a second name of beach.jpg inside, and a link that leads outside by an absolute path
    fs.linkSync(p('photos', 'beach.jpg'), p('photos', 'sub', 'beach-alias.jpg'))
    fs.symlinkSync(baseDir, p('photos', 'outside'))
  })

const test = testOnTree(buildTree)

const summary = (page: Page) => page.getByTestId('compare-summary')
const rows = (page: Page) => page.locator('.compare-table .tbody .row')
const rowOf = (page: Page, rel: string) =>
  rows(page).filter({ has: page.locator('.c-name .name', { hasText: new RegExp(`^${rel}$`) }) })
const count = (page: Page, state: string) => page.getByTestId(`compare-${state}`)
const report = (page: Page) => page.getByRole('region', { name: 'Link report' })

async function openFolderMenu(page: Page, name: string, item: string): Promise<void> {
  await row(page, name).click({ button: 'right' })
  await page.getByRole('menuitem', { name: item }).click()
}

/** Open the app at `size`, compare photos (`a`) with `b` from photos' context menu, and wait for the result. */
async function compareWith(page: Page, url: string, size: { width: number; height: number }, a: string, b: string) {
  await page.setViewportSize(size)
  await page.goto(url)
  await expect(page.locator('[data-testid=count-entries]')).toHaveText(/^\d+ entr/)
  await openFolderMenu(page, 'photos', 'Compare with…')
  await expect(page.getByRole('textbox', { name: 'Folder A' })).toHaveValue(a)
  await page.getByRole('textbox', { name: 'Folder B' }).fill(b)
  await page.getByRole('button', { name: 'Compare', exact: true }).click()
  await expect(summary(page)).toContainText('Done in')
}

test('compare two folders, filter, link a selection then the rest, undo; the disk says so', async ({
  page,
  served,
  tree,
  problems,
}) => {
  test.setTimeout(120_000)
  const { p } = tree
  const a = (rel: string): string => p('photos', rel)
  const b = (rel: string): string => p('photos-backup', rel)
  await compareWith(page, served.url, { width: 1400, height: 900 }, p('photos'), p('photos-backup'))

  await expect(count(page, 'same-file')).toHaveText('1')
  await expect(count(page, 'same-content')).toHaveText('2')
  await expect(count(page, 'differs')).toHaveText('1')
  await expect(count(page, 'link-differs')).toHaveText('1')
  await expect(count(page, 'only-a')).toHaveText('3')
  await expect(count(page, 'only-b')).toHaveText('1')
  await expect(rowOf(page, 'notes.txt').locator('.state')).toHaveText('Differs')

  // show only the pairs that could be one file
  for (const st of ['Same file', 'Differs', 'Link differs', 'Only in A', 'Only in B'])
    await page.getByRole('button', { name: new RegExp(`^${st}`) }).click()
  await expect(rows(page)).toHaveCount(2)
  await shot(page, 'compare-filtered-1400')

  // link one selected pair: B's hills.jpg becomes a name of A's; beach.jpg stays separate
  const beachB = ino(b('beach.jpg'))
  await rowOf(page, 'sub/hills.jpg').getByRole('checkbox').check()
  await page.getByRole('button', { name: 'Link these: 1 selected' }).click()
  await expect(page.getByTestId('compare-report-title')).toHaveText('Linked 1 pair, 29.3 KiB freed')
  expect(ino(b('sub/hills.jpg'))).toBe(ino(a('sub/hills.jpg')))
  expect(ino(b('beach.jpg'))).toBe(beachB)
  // it is one file now: it left the same-content rows, and shows among the same-file ones
  await expect(rows(page)).toHaveCount(1)
  await page.getByRole('button', { name: /^Same file/ }).click()
  await expect(rowOf(page, 'sub/hills.jpg').locator('.state')).toHaveText('Same file')
  await expect(rowOf(page, 'sub/hills.jpg').locator('.pill-merged')).toHaveText('linked')
  await expect(count(page, 'same-content')).toHaveText('1')
  await expect(count(page, 'same-file')).toHaveText('2')

  // undo: separate again (same bytes), compared again
  await report(page).getByRole('button', { name: 'Undo link' }).click()
  await expect(page.getByTestId('compare-report-title')).toContainText('Undone: 1 name is a separate file again')
  await expect(summary(page)).toContainText('Done in')
  expect(ino(b('sub/hills.jpg'))).not.toBe(ino(a('sub/hills.jpg')))
  expect(fs.readFileSync(b('sub/hills.jpg')).equals(Buffer.alloc(30_000, 'hills '))).toBe(true)
  await expect(count(page, 'same-content')).toHaveText('2')

  // nothing selected: every same-content pair
  await page.getByRole('button', { name: 'Link these: all 2 same-content' }).click()
  await expect(page.getByTestId('compare-report-title')).toHaveText(/^Linked 2 pairs/)
  expect(ino(b('sub/hills.jpg'))).toBe(ino(a('sub/hills.jpg')))
  expect(ino(b('beach.jpg'))).toBe(ino(a('beach.jpg')))
  expect(fs.statSync(a('beach.jpg')).nlink).toBe(3)
  expect(ino(b('notes.txt'))).not.toBe(ino(a('notes.txt')))
  await shot(page, 'compare-linked-1400')
  expect(problems).toEqual([])
})

test('copy with links keeps the group and reports the link outside; a clone shares the files', async ({
  page,
  served,
  tree,
  problems,
}) => {
  test.setTimeout(120_000)
  const { p } = tree
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto(served.url)
  await expect(page.locator('[data-testid=count-entries]')).toHaveText(/^\d+ entr/)
  const dialog = page.getByRole('dialog', { name: /Copy “photos” with links/ })

  await openFolderMenu(page, 'photos', 'Copy with links…')
  await expect(dialog.getByLabel('Destination folder')).toHaveValue(p('photos (copy)'))
  await dialog.getByLabel('Destination folder').fill(p('photos-copy'))
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(dialog.getByTestId('copy-summary')).toContainText('Copied in')
  await expect(dialog.getByTestId('copy-summary')).toContainText('1 extra hard-link name')
  await expect(dialog.getByTestId('copy-summary')).toContainText('is an absolute link outside the folder')
  await shot(page, 'copy-done-1400')
  const c = (rel: string): string => p('photos-copy', rel)
  expect(ino(c('beach.jpg'))).toBe(ino(c('sub/beach-alias.jpg')))
  expect(ino(c('beach.jpg'))).not.toBe(ino(p('photos', 'beach.jpg')))
  expect(fs.readlinkSync(c('outside'))).toBe(tree.base)
  expect(fs.readlinkSync(c('latest'))).toBe('beach.jpg')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(row(page, 'photos-copy')).toBeVisible()

  // the same destination again: refused, nothing overwritten
  await openFolderMenu(page, 'photos', 'Copy with links…')
  await dialog.getByLabel('Destination folder').fill(p('photos-copy'))
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(dialog.getByRole('alert')).toContainText('photos-copy')
  expect(ino(c('beach.jpg'))).toBe(ino(c('sub/beach-alias.jpg')))

  // a hard-link clone: the files are SRC's own
  await dialog.getByLabel('Destination folder').fill(p('photos-clone'))
  await dialog.getByRole('checkbox', { name: /Hard-link clone/ }).check()
  await dialog.getByRole('button', { name: 'Clone', exact: true }).click()
  await expect(dialog.getByTestId('copy-summary')).toContainText('Cloned in')
  expect(ino(p('photos-clone', 'sub', 'hills.jpg'))).toBe(ino(p('photos', 'sub', 'hills.jpg')))
  expect(ino(p('photos-clone', 'beach.jpg'))).toBe(ino(p('photos', 'beach.jpg')))
  expect(problems).toEqual([])
})

test('at 1000 px the folder fields show whole paths, or cut in the middle, never the start alone', async ({
  page,
  served,
  tree,
  problems,
}) => {
  test.setTimeout(120_000)
  const { p } = tree
  // B deep under long names: wider than its field even on a row of its own
  const deep = p('archive', 'two-thousand-twenty-six', 'every-picture-of-the-summer-holidays', 'photos-backup')
  fs.cpSync(p('photos-backup'), deep, { recursive: true, verbatimSymlinks: true })
  await compareWith(page, served.url, { width: 1000, height: 700 }, p('photos'), p('photos-backup'))
  const fieldB = page.getByRole('textbox', { name: 'Folder B' })
  // a path that fits is the input's own text, nothing drawn over it, and it is not scrolled or clipped
  for (const name of ['Folder A', 'Folder B']) {
    await expect(page.getByTestId(`${name} shown`)).toHaveCount(0)
    const field = page.getByRole('textbox', { name })
    expect(await field.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
  }
  await shot(page, 'compare-fields-1000')

  await fieldB.fill(deep)
  await page.getByRole('button', { name: 'Compare', exact: true }).click()
  await expect(summary(page)).toContainText('Done in')
  await expect(fieldB).toHaveValue(deep) // the input keeps the whole path
  const shown = page.getByTestId('Folder B shown')
  const text = (await shown.textContent()) ?? ''
  const [head, tail] = text.split('…') as [string, string]
  expect(deep.startsWith(head) && head.length > 4).toBe(true)
  expect(deep.endsWith(tail) && tail.endsWith('/photos-backup')).toBe(true)
  expect(await shown.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true) // drawn whole
  await shot(page, 'compare-fields-long-1000')
  // editing shows the input's own text again
  await fieldB.focus()
  await expect(shown).toHaveCount(0)
  // the deep folder is a copy: linked.jpg is a separate file there, with the same bytes
  await expect(count(page, 'same-file')).toHaveText('0')
  await expect(count(page, 'same-content')).toHaveText('3')
  expect(problems).toEqual([])
})
