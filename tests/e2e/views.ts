/**
 * Every view of the app, as one table: a name and how to reach it with real clicks from a fresh page
 * on the e2e tree (helpers.buildTree). The screenshot set and the accessibility check both walk this
 * table, so a new view is one more row here (and gets both).
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { type Browser, expect, type Page } from '@playwright/test'

import { buildTree, openApp, row, serve, type Served, watchConsole } from './helpers'

export type View = {
  name: string
  /** reach the view from a fresh page; it is on screen when this returns */
  open(page: Page, served: Served): Promise<void>
}

const menu = (page: Page) => page.locator('.context-menu')
const dialog = (page: Page) => page.getByRole('dialog')

async function rightClick(page: Page, name: string): Promise<void> {
  await row(page, name).click({ button: 'right' })
  await expect(menu(page)).toBeVisible()
}

async function menuDialog(page: Page, name: string, item: RegExp): Promise<void> {
  await rightClick(page, name)
  await page.getByRole('menuitem', { name: item }).click()
  await expect(dialog(page)).toBeVisible()
}

async function scanned(page: Page, served: Served): Promise<void> {
  await openApp(page, served)
  await page.getByRole('button', { name: 'Scan this folder' }).click()
  await expect(page.getByTestId('scan-summary')).toContainText('Done in')
}

/** A folder this deep makes the breadcrumbs collapse their middle. */
export const DEEP = [
  'projects',
  'client-work',
  'node_modules',
  '.pnpm',
  'express@4.22.3',
  'node_modules',
  'express',
  'lib',
]

export const VIEWS: View[] = [
  { name: 'explorer', open: openApp },
  {
    name: 'details-hardlink',
    open: async (page, served) => {
      await openApp(page, served)
      await row(page, 'report-hardlink.txt').click()
    },
  },
  {
    name: 'details-chain',
    open: async (page, served) => {
      await openApp(page, served)
      await row(page, 'chain').click()
      await expect(page.getByRole('list', { name: 'Where the link leads, hop by hop' })).toBeVisible()
    },
  },
  {
    name: 'multi-select',
    open: async (page, served) => {
      await openApp(page, served)
      await row(page, 'abs-link').click()
      await row(page, 'dangling').click({ modifiers: ['Shift'] })
    },
  },
  {
    name: 'context-menu',
    open: async (page, served) => {
      await openApp(page, served)
      await rightClick(page, 'rel-link')
    },
  },
  {
    name: 'context-menu-drop',
    open: async (page, served) => {
      await openApp(page, served)
      await rightClick(page, 'plain.txt')
      await page.getByRole('menuitem', { name: 'Pick as link source' }).click()
      await rightClick(page, 'drop-here')
      await page.getByRole('menuitem', { name: /Drop into “drop-here” as/ }).hover()
      await expect(page.getByRole('menuitem', { name: /^Hard link/ })).toBeVisible()
    },
  },
  {
    name: 'deep-breadcrumbs',
    open: async (page, served) => {
      fs.mkdirSync(path.join(served.root, ...DEEP), { recursive: true })
      await page.goto(served.url)
      await page.keyboard.press('Control+l')
      await page.getByRole('textbox', { name: 'Address' }).fill(path.join(served.root, ...DEEP))
      await page.keyboard.press('Enter')
      await expect(page.locator('.crumb.current')).toHaveText('lib')
    },
  },
  {
    name: 'column-chooser',
    open: async (page, served) => {
      await openApp(page, served)
      await page.getByRole('button', { name: 'Columns of Folder contents' }).click()
      await expect(page.getByRole('dialog', { name: 'Columns of Folder contents' })).toBeVisible()
    },
  },
  {
    name: 'panel-collapsed',
    open: async (page, served) => {
      await openApp(page, served)
      await page.getByRole('button', { name: 'Hide the details panel' }).click()
      await expect(page.getByRole('button', { name: 'Show the details panel' })).toBeVisible()
    },
  },
  {
    name: 'dialog-create',
    open: async (page, served) => {
      await openApp(page, served)
      await menuDialog(page, 'plain.txt', /Create link to this/)
    },
  },
  {
    name: 'dialog-retarget',
    open: async (page, served) => {
      await openApp(page, served)
      await menuDialog(page, 'dangling', /Retarget/)
    },
  },
  {
    name: 'dialog-rename',
    open: async (page, served) => {
      await openApp(page, served)
      await menuDialog(page, 'rel-link', /Rename/)
    },
  },
  {
    name: 'dialog-names',
    open: async (page, served) => {
      await openApp(page, served)
      await menuDialog(page, 'report-hardlink.txt', /Show all names/)
      await expect(dialog(page)).toContainText('3 of 3 names found')
    },
  },
  {
    name: 'dialog-links-into',
    open: async (page, served) => {
      await openApp(page, served)
      await menuDialog(page, 'plain.txt', /Links pointing here/)
      await expect(dialog(page)).toContainText('abs-link')
    },
  },
  {
    name: 'dialog-remove-many',
    open: async (page, served) => {
      await openApp(page, served)
      await row(page, 'abs-link').click()
      await row(page, 'report-hardlink.txt').click({ modifiers: ['Control'] })
      await row(page, 'plain.txt').click({ modifiers: ['Control'] })
      await page.keyboard.press('Delete')
      await expect(dialog(page)).toBeVisible()
    },
  },
  { name: 'scan', open: scanned },
  {
    name: 'scan-broken-link',
    open: async (page, served) => {
      await scanned(page, served)
      await page.locator('.broken-table .tbody .row').filter({ hasText: 'dangling' }).click()
      await expect(page.getByRole('complementary', { name: 'Scan details' })).toContainText('dangling')
    },
  },
  {
    name: 'scan-hardlink-group',
    open: async (page, served) => {
      await scanned(page, served)
      await page.locator('.group-table .tbody .row').first().click()
      await expect(page.getByRole('complementary', { name: 'Scan details' })).toContainText('names')
    },
  },
  {
    name: 'dupes',
    open: async (page, served) => {
      fs.mkdirSync(path.join(served.root, 'photos-copy'), { recursive: true })
      for (const n of ['a.jpg', 'b.jpg'])
        fs.writeFileSync(path.join(served.root, 'photos-copy', n), `picture ${n} `.repeat(4096))
      for (const n of ['a.jpg', 'b.jpg'])
        fs.copyFileSync(path.join(served.root, 'photos-copy', n), path.join(served.root, 'drop-here', n))
      await openApp(page, served)
      await page.getByRole('button', { name: 'Find duplicates' }).click()
      await expect(page.getByTestId('dupes-summary')).toContainText('Done in')
      await page.locator('.dupes-table .tbody .row').first().click()
    },
  },
  {
    name: 'find-by-name',
    open: async (page, served) => {
      await openApp(page, served)
      await page.keyboard.press('Control+Shift+F')
      await page.getByRole('textbox', { name: 'Name or pattern' }).fill('*link*')
      await page.getByRole('button', { name: 'Find' }).click()
      await expect(page.getByTestId('find-summary')).toContainText('found')
      // a selection of three, as Shift+click makes it
      const rows = page.locator('.find-table .tbody .row')
      await rows.nth(0).click()
      await rows.nth(2).click({ modifiers: ['Shift'] })
      await expect(page.locator('.find-table .tbody .row[aria-selected="true"]')).toHaveCount(3)
    },
  },
  {
    name: 'dialog-move',
    open: async (page, served) => {
      await openApp(page, served)
      await menuDialog(page, 'drop-here', /Move to another file system/)
      await dialog(page).getByLabel('Destination folder').fill('/dev/shm')
      await dialog(page).getByRole('button', { name: 'Check' }).click()
      await expect(dialog(page).getByTestId('move-preflight')).toBeVisible()
    },
  },
  {
    name: 'dialog-replace-prefix',
    open: async (page, served) => {
      await scanned(page, served)
      await page.locator('.broken-table .tbody .row').first().getByRole('checkbox').check()
      await page.getByRole('button', { name: 'Replace prefix…' }).click()
      await expect(dialog(page)).toBeVisible()
    },
  },
  {
    name: 'compare',
    open: async (page, served) => {
      // a backup where every state shows: a copy, an edit, one file under both names, a link moved, extras
      const a = (...p: string[]): string => path.join(served.root, 'photos', ...p)
      const b = (...p: string[]): string => path.join(served.root, 'photos-copy', ...p)
      fs.mkdirSync(a('2026', 'summer'), { recursive: true })
      fs.writeFileSync(a('2026', 'summer', 'beach.jpg'), 'beach '.repeat(20_000))
      fs.writeFileSync(a('2026', 'summer', 'hills.jpg'), 'hills '.repeat(12_000))
      fs.writeFileSync(a('notes.txt'), 'the first draft')
      fs.symlinkSync('a.jpg', a('latest.jpg'))
      fs.cpSync(a(), b(), { recursive: true, verbatimSymlinks: true })
      fs.rmSync(b('2026', 'summer', 'hills.jpg'))
      fs.linkSync(a('2026', 'summer', 'hills.jpg'), b('2026', 'summer', 'hills.jpg'))
      fs.writeFileSync(b('b.jpg'), 'jpeg B')
      fs.writeFileSync(b('notes.txt'), 'the final draft')
      fs.rmSync(b('latest.jpg'))
      fs.symlinkSync('b.jpg', b('latest.jpg'))
      fs.writeFileSync(a('only-here.txt'), 'kept in A only')
      fs.writeFileSync(b('added-later.jpg'), 'a new picture')
      await openApp(page, served)
      await rightClick(page, 'photos')
      await page.getByRole('menuitem', { name: 'Compare with…' }).click()
      await page.getByRole('textbox', { name: 'Folder B' }).fill(path.join(served.root, 'photos-copy'))
      await page.getByRole('button', { name: 'Compare', exact: true }).click()
      await expect(page.getByTestId('compare-summary')).toContainText('Done in')
    },
  },
  {
    name: 'dialog-copy',
    open: async (page, served) => {
      await openApp(page, served)
      await menuDialog(page, 'photos', /Copy with links/)
    },
  },
]

export const SIZES = [
  { width: 1400, height: 900 },
  { width: 1000, height: 700 },
] as const
export const SCHEMES = ['light', 'dark'] as const
export type Look = { size: { width: number; height: number }; scheme: (typeof SCHEMES)[number] }

/** Every entry of the tree gets the same date (links too: lutimes), so pictures do not change by the day. */
const FIXED_DATE = new Date('2026-11-20T10:30:00')
function fixDates(dir: string): void {
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name)
    if (d.isDirectory()) fixDates(p)
    fs.lutimesSync(p, FIXED_DATE, FIXED_DATE)
  }
  fs.utimesSync(dir, FIXED_DATE, FIXED_DATE)
}

/**
 * Open one view in a fresh window (its own tree, server and browser context: nothing carries over,
 * not even remembered layout), run `check` on it, and fail on any console error. `at` puts the tree
 * at a fixed path, so paths on screen are the same on every run.
 */
export async function inView(
  browser: Browser,
  view: View,
  look: Look,
  check: (page: Page) => Promise<void>,
  at?: string,
): Promise<void> {
  const base = at ?? fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-view-'))
  fs.rmSync(base, { recursive: true, force: true })
  const root = buildTree(path.join(base, 'home'))
  fixDates(root)
  const served = await serve(root)
  const context = await browser.newContext({ viewport: look.size, colorScheme: look.scheme })
  try {
    const page = await context.newPage()
    const problems = watchConsole(page)
    await view.open(page, served)
    await check(page)
    expect(problems).toEqual([])
  } finally {
    await context.close()
    await served.stop()
    fs.rmSync(base, { recursive: true, force: true })
  }
}
