// What users of link tools expect and did not find (issue 14), with real clicks in Chromium against a
// real `linkscope serve`: the "only here" bytes of a folder and the total of the Size column, recent
// folders and bookmarks, find by link target, and opening a file with its default app.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import type { Page } from '@playwright/test'

import { buildTree, expect, openApp, rightClick, row, serve, shot, test, watchConsole } from './helpers'

const notice = (page: Page) => page.locator('.notice')

/** The disk's own figures for the open folder's Size column: files' bytes, plus every real folder's bytes in names. */
function columnTotal(root: string): number {
  const walk = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, d) => {
      const full = path.join(dir, d.name)
      if (d.isDirectory()) return sum + walk(full)
      return sum + (d.isFile() ? fs.lstatSync(full).size : 0)
    }, 0)
  return walk(root)
}

test('only here: what removing a folder would free, in the tooltip, the details panel and beside a total of the Size column', async ({
  page,
  served,
  problems,
}) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  fs.mkdirSync(p('store'))
  fs.mkdirSync(p('pkg'))
  fs.writeFileSync(p('store', 'x.js'), 'x'.repeat(200))
  fs.linkSync(p('store', 'x.js'), p('pkg', 'x.js')) // the package's file lives on in the store
  fs.writeFileSync(p('pkg', 'own.js'), 'y'.repeat(30))
  await openApp(page, served)
  await page.getByRole('button', { name: 'Folder sizes' }).click()
  const cell = (name: string) => page.locator(`.tbody .row[data-path="${p(name)}"] .c-size .folder-bytes`)
  await expect(cell('pkg')).toHaveText('230 B')
  await expect(cell('pkg')).toHaveAttribute('title', /; 30 B only here \(what removing it would free\)$/)
  await expect(cell('store')).toHaveAttribute('title', /; 0 B only here/)
  // docs holds report.txt, whose other two names are elsewhere: only notes.md is freed
  await expect(cell('docs')).toHaveAttribute('title', /; 8 B only here/)
  // the total: files here plus every folder's bytes in names, the same sum du --apparent-size makes
  await expect(page.getByTestId('sizing')).toHaveCount(0)
  await expect(page.getByTestId('sizes-total')).toHaveText(`Total ${columnTotal(served.root)} B`)
  await row(page, 'pkg').click()
  const details = page.getByRole('complementary', { name: 'Details' })
  await expect(details.getByTestId('only-here')).toHaveText('30 B only here (what removing it would free)')
  await shot(page, 'expected-only-here')
  await page.getByRole('button', { name: 'Folder sizes' }).click()
  await expect(page.getByTestId('sizes-total')).toHaveCount(0) // off: no total
  expect(problems).toEqual([])
})

test('places: recent folders and bookmarks, by keyboard from the address bar, kept across a restart', async ({
  page,
}) => {
  const root = buildTree()
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-e2e-places-'))
  const env = { LINKSCOPE_CONFIG_DIR: config }
  let served = await serve(root, { env })
  const problems = watchConsole(page)
  const places = page.getByRole('button', { name: /^Places/ })
  const menu = page.getByRole('menu', { name: 'Places' })
  try {
    await openApp(page, served)
    await row(page, 'docs').dblclick()
    await expect(page.locator('.crumb.current')).toHaveText('docs')
    await page.keyboard.press('Control+d') // bookmark docs
    await expect(notice(page)).toContainText('Bookmarked')
    await page.keyboard.press('Alt+ArrowUp')
    await expect(page.locator('.crumb.current')).toHaveText(path.basename(root))
    await row(page, 'photos').dblclick()
    await expect(page.locator('.crumb.current')).toHaveText('photos')
    // from the address bar, Tab reaches the Places button; Enter opens it, arrows move, Enter opens a folder
    await page.keyboard.press('Control+l')
    await expect(page.getByRole('textbox', { name: 'Address' })).toBeFocused()
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Type a path' }).focus()
    await page.keyboard.press('Tab')
    await expect(places).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(menu).toBeVisible()
    await expect(menu.getByRole('menuitem')).toHaveText([
      /^Bookmark this folder/,
      `docs${path.join(root, 'docs')}`,
      `${path.basename(root)}${root}`,
      `docs${path.join(root, 'docs')}`,
    ])
    await shot(page, 'expected-places-menu')
    await page.keyboard.press('ArrowDown') // the docs bookmark
    await page.keyboard.press('ArrowDown') // the recent root
    await page.keyboard.press('Enter')
    await expect(page.locator('.crumb.current')).toHaveText(path.basename(root))
    // Escape closes it and gives the focus back to the button
    await places.click()
    await expect(menu).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(menu).toHaveCount(0)
    await expect(places).toBeFocused()
    await served.stop()

    // a restart: the same configuration folder, so the same places
    served = await serve(root, { env })
    await openApp(page, served)
    await places.click()
    // docs twice: bookmarked, and recent
    const item = (dir: string) => menu.getByRole('menuitem').filter({ hasText: path.join(root, dir) })
    await expect(item('docs')).toHaveCount(2)
    await expect(item('photos')).toHaveCount(1)
    // Delete on a bookmark removes it
    await menu
      .getByRole('menuitem', { name: new RegExp(`^docs`) })
      .first()
      .focus()
    await page.keyboard.press('Delete')
    await expect(notice(page)).toContainText('Removed the bookmark')
    await expect(menu.getByText('No bookmarks yet')).toBeVisible()
    expect(JSON.parse(fs.readFileSync(path.join(config, 'bookmarks.json'), 'utf8')).folders).toEqual([])
    await shot(page, 'expected-places-restart')
    expect(problems).toEqual([])
  } finally {
    await served.stop()
    fs.rmSync(root, { recursive: true, force: true })
    fs.rmSync(config, { recursive: true, force: true })
  }
})

test('find by target: links whose stored target matches, streamed into the table with their targets', async ({
  page,
  served,
  problems,
}) => {
  await openApp(page, served)
  await page.keyboard.press('Control+Shift+F')
  await page.getByRole('combobox', { name: 'Match' }).selectOption('target')
  await page.getByRole('textbox', { name: 'Name or pattern' }).fill('*report*')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('find-summary')).toContainText(/^1 found among \d+ entries/)
  await expect(row(page, 'deep-report-link')).toBeVisible()
  await expect(row(page, 'deep-report-link')).toContainText('other/deep/report-copy-name.txt')
  // by name the same pattern finds the files, not that link
  await page.getByRole('combobox', { name: 'Match' }).selectOption('name')
  await page.getByRole('textbox', { name: 'Name or pattern' }).press('Enter')
  await expect(page.getByTestId('find-summary')).toContainText(/^4 found/)
  await page.getByRole('combobox', { name: 'Match' }).selectOption('target')
  await page.getByRole('textbox', { name: 'Name or pattern' }).fill('loop-?')
  await page.getByRole('textbox', { name: 'Name or pattern' }).press('Enter')
  await expect(page.getByTestId('find-summary')).toContainText(/^2 found/)
  await expect(row(page, 'loop-a')).toBeVisible()
  await shot(page, 'expected-find-target')
  expect(problems).toEqual([])
})

test('open with the default app: the server starts xdg-open with the file; without one, a typed refusal', async ({
  page,
}) => {
  const root = buildTree()
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-e2e-bin-'))
  const record = path.join(bin, 'argv.txt')
  fs.writeFileSync(
    path.join(bin, 'xdg-open'),
    `#!/bin/sh\n{ for a in "$@"; do printf '%s\\n' "$a"; done; } > '${record}.tmp' && /bin/mv '${record}.tmp' '${record}'\n`,
    { mode: 0o755 },
  )
  // only the stand-in on PATH: this machine may have a real xdg-open
  const served = await serve(root, { env: { PATH: bin } })
  const problems = watchConsole(page)
  try {
    await openApp(page, served)
    await rightClick(page, 'plain.txt')
    await page.getByRole('menuitem', { name: 'Open with default app' }).click()
    await expect.poll(() => fs.existsSync(record), { timeout: 15_000 }).toBe(true)
    expect(fs.readFileSync(record, 'utf8')).toBe(`${path.join(root, 'plain.txt')}\n`)
    fs.rmSync(record)
    // a folder opens here, not in another app
    await rightClick(page, 'docs')
    await expect(page.getByRole('menuitem', { name: 'Open in terminal' })).toBeVisible()
    await expect(page.getByRole('menuitem', { name: 'Open with default app' })).toHaveCount(0)
    await page.keyboard.press('Escape')
    // a broken link: nothing to open, said in the window
    await rightClick(page, 'dangling')
    await page.getByRole('menuitem', { name: 'Open with default app' }).click()
    await expect(notice(page)).toContainText('target does not exist')
    // no opener on PATH: NO_DEFAULT_APP, in words
    await notice(page).getByRole('button', { name: 'Dismiss' }).click()
    fs.rmSync(path.join(bin, 'xdg-open'))
    await rightClick(page, 'plain.txt')
    await page.getByRole('menuitem', { name: 'Open with default app' }).click()
    await expect(notice(page)).toContainText('Could not open')
    await expect(notice(page)).toContainText('xdg-open is not on PATH')
    await shot(page, 'expected-open-default-refused')
    expect(fs.existsSync(record)).toBe(false)
    expect(problems).toEqual([])
  } finally {
    await served.stop()
    fs.rmSync(root, { recursive: true, force: true })
    fs.rmSync(bin, { recursive: true, force: true })
  }
})
