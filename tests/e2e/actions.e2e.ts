// The everyday actions with real clicks in Chromium against a real `linkscope serve`: copy paths, open
// the file manager and a terminal (stand-ins on the server's PATH record their argv), refresh on change,
// export, address completion, drag and drop links, find by name.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import type { Page } from '@playwright/test'

import {
  buildTree,
  expect,
  menu,
  openApp,
  rightClick,
  rightClickEmpty,
  row,
  serve,
  shot,
  test,
  watchConsole,
} from './helpers'

const notice = (page: Page) => page.locator('.notice')
const clipboard = (page: Page): Promise<string> => page.evaluate(() => navigator.clipboard.readText())

test('copy path and copy target from the menu and with Ctrl+Shift+C; a name that is not UTF-8 copies as its escapes', async ({
  page,
  context,
  served,
  problems,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  fs.writeFileSync(Buffer.from(`${served.root}/raw-\xff.txt`, 'latin1'), 'raw')
  await openApp(page, served)
  await rightClick(page, 'plain.txt')
  await page.getByRole('menuitem', { name: /^Copy path/ }).click()
  expect(await clipboard(page)).toBe(path.join(served.root, 'plain.txt'))
  await expect(notice(page)).toContainText('Copied the path')

  await rightClick(page, 'rel-link')
  await page.getByRole('menuitem', { name: /^Copy target path/ }).click()
  expect(await clipboard(page)).toBe(path.join(served.root, 'plain.txt'))

  // two selected with Ctrl+click, then the keyboard
  await row(page, 'plain.txt').click()
  await row(page, 'abs-link').click({ modifiers: ['Control'] })
  await page.keyboard.press('Control+Shift+C')
  await expect
    .poll(() => clipboard(page))
    .toBe([path.join(served.root, 'abs-link'), path.join(served.root, 'plain.txt')].join('\n'))

  await page.locator('.tbody .row').filter({ hasText: 'raw-' }).click()
  await page.keyboard.press('Control+Shift+C')
  await expect.poll(() => clipboard(page)).toBe(path.join(served.root, 'raw-\\xFF.txt'))
  await expect(notice(page)).toContainText('escaped: a name is not UTF-8')
  await shot(page, 'actions-copy-escaped')
  expect(problems).toEqual([])
})

test('open in terminal and in the file manager: the server starts the programs on its PATH with the folder as argv', async ({
  page,
}) => {
  const root = buildTree()
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-e2e-bin-'))
  const record = path.join(bin, 'argv.txt')
  for (const name of ['x-terminal-emulator', 'xdg-open']) {
    fs.writeFileSync(
      path.join(bin, name),
      `#!/bin/sh\n{ echo ${name}; pwd; for a in "$@"; do printf '%s\\n' "$a"; done; } > '${record}.tmp' && mv '${record}.tmp' '${record}'\n`,
      { mode: 0o755 },
    )
  }
  const served = await serve(root, { env: { PATH: `${bin}:${process.env.PATH ?? ''}` } })
  const problems = watchConsole(page)
  const recorded = async (): Promise<string[]> => {
    await expect.poll(() => fs.existsSync(record), { timeout: 15_000 }).toBe(true)
    const lines = fs.readFileSync(record, 'utf8').split('\n').slice(0, -1)
    fs.rmSync(record)
    return lines
  }
  try {
    await openApp(page, served)
    await rightClick(page, 'docs')
    await page.getByRole('menuitem', { name: 'Open in terminal' }).click()
    expect(await recorded()).toEqual(['x-terminal-emulator', path.join(root, 'docs')])
    await rightClick(page, 'plain.txt')
    await page.getByRole('menuitem', { name: 'Show in file manager' }).click()
    expect(await recorded()).toEqual(['xdg-open', root, root])
    await rightClickEmpty(page)
    await page.getByRole('menuitem', { name: 'Open in terminal' }).click()
    expect(await recorded()).toEqual(['x-terminal-emulator', root])
    // without a terminal on PATH: a typed refusal, said in the window
    fs.rmSync(path.join(bin, 'x-terminal-emulator'))
    await rightClick(page, 'docs')
    await page.getByRole('menuitem', { name: 'Open in terminal' }).click()
    await expect(notice(page)).toContainText('Could not open a terminal')
    await expect(notice(page)).toContainText('No terminal was found')
    await shot(page, 'actions-no-terminal')
    // a Find result shows in the file manager too, in the folder that holds it
    await page.keyboard.press('Control+Shift+F')
    await page.getByRole('textbox', { name: 'Name or pattern' }).fill('notes.md')
    await page.keyboard.press('Enter')
    await row(page, 'notes.md').click({ button: 'right' })
    await page.getByRole('menuitem', { name: 'Show in file manager' }).click()
    expect(await recorded()).toEqual(['xdg-open', path.join(root, 'docs'), path.join(root, 'docs')])
    expect(problems).toEqual([])
  } finally {
    await served.stop()
    fs.rmSync(root, { recursive: true, force: true })
    fs.rmSync(bin, { recursive: true, force: true })
  }
})

test('the open folder refreshes itself when it changes on disk, keeping the selection; a removed folder is reported', async ({
  page,
  served,
  problems,
}) => {
  await openApp(page, served)
  await row(page, 'photos').dblclick()
  await expect(page.locator('.crumb.current')).toHaveText('photos')
  await row(page, 'b.jpg').click()
  for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(served.root, 'photos', `new-${i}.jpg`), 'x')
  await expect(row(page, 'new-19.jpg')).toBeVisible()
  await expect(page.locator('[data-testid=count-entries]')).toHaveText(/^22 entr/)
  await expect(row(page, 'b.jpg')).toHaveAttribute('aria-selected', 'true')
  fs.rmSync(path.join(served.root, 'photos', 'a.jpg'))
  await expect(row(page, 'a.jpg')).toHaveCount(0)
  await shot(page, 'actions-watch-refreshed')
  fs.rmSync(path.join(served.root, 'photos'), { recursive: true })
  await expect(notice(page)).toContainText('was removed or moved away')
  await shot(page, 'actions-watch-gone')
  expect(problems).toEqual([])
})

test('export the folder list and scan results as CSV and JSON downloads', async ({ page, served, problems }) => {
  await openApp(page, served)
  await rightClickEmpty(page)
  await page.getByRole('menuitem', { name: /^Export list/ }).hover()
  const csvDownload = page.waitForEvent('download')
  await page.getByRole('menuitem', { name: 'CSV' }).click()
  const csv = await csvDownload
  expect(csv.suggestedFilename()).toBe(`${path.basename(served.root)}-list.csv`)
  const text = fs.readFileSync((await csv.path())!, 'utf8')
  const lines = text.split('\r\n')
  expect(lines[0]).toBe(
    'name,name_base64,path,path_base64,kind,links,target,target_base64,resolved,resolved_base64,status,size,modified,id',
  )
  expect(lines.some((l) => l.startsWith(`rel-link,,${path.join(served.root, 'rel-link')},,symlink,`))).toBe(true)
  expect(text).toContain('"ünïcödé ✓.txt"'.slice(1, -1))

  await rightClickEmpty(page)
  await page.getByRole('menuitem', { name: /^Export list/ }).hover()
  const jsonDownload = page.waitForEvent('download')
  await page.getByRole('menuitem', { name: 'JSON' }).click()
  const rows = JSON.parse(fs.readFileSync((await (await jsonDownload).path())!, 'utf8')) as {
    name: string
    kind: string
    target: string | null
  }[]
  expect(rows.find((r) => r.name === 'dangling')).toMatchObject({ kind: 'symlink', target: 'missing.txt' })

  await page.getByRole('button', { name: /^Scan/ }).first().click()
  await expect(page.getByTestId('broken-count')).not.toHaveText('0')
  const brokenCsv = page.waitForEvent('download')
  await page.getByRole('group', { name: 'Export broken links' }).getByRole('button', { name: 'CSV' }).click()
  const broken = fs.readFileSync((await (await brokenCsv).path())!, 'utf8')
  expect(broken.split('\r\n')[0]).toBe(
    'path,path_base64,kind,target,target_base64,resolved,resolved_base64,reason,status',
  )
  expect(broken).toContain(`${path.join(served.root, 'dangling')},,symlink,missing.txt,`)
  const groupsJson = page.waitForEvent('download')
  await page.getByRole('group', { name: 'Export hard-link groups' }).getByRole('button', { name: 'JSON' }).click()
  const groups = JSON.parse(fs.readFileSync((await (await groupsJson).path())!, 'utf8')) as {
    path: string
    links: number
  }[]
  expect(groups.map((g) => g.path)).toEqual(
    expect.arrayContaining([
      path.join(served.root, 'docs', 'report.txt'),
      path.join(served.root, 'report-hardlink.txt'),
    ]),
  )
  await shot(page, 'actions-export-scan')
  expect(problems).toEqual([])
})

test('address bar completion: typed folder names complete with Tab, arrows and Enter', async ({
  page,
  served,
  problems,
}) => {
  await openApp(page, served)
  await page.keyboard.press('Control+L')
  const address = page.getByRole('textbox', { name: 'Address' })
  await address.fill(path.join(served.root, 'o'))
  const options = page.getByRole('listbox', { name: 'Folders' }).getByRole('option')
  await expect(options).toHaveText([path.join(served.root, 'other')])
  await shot(page, 'actions-completion')
  await page.keyboard.press('Tab')
  await expect(address).toHaveValue(path.join(served.root, 'other') + '/')
  await expect(address).toBeFocused()
  await expect(options).toHaveText([path.join(served.root, 'other', 'deep')])
  await page.keyboard.press('ArrowDown')
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(page.locator('.crumb.current')).toHaveText('deep')
  // a click on a completion opens it too; folders only, files never
  await page.keyboard.press('Control+L')
  await address.fill(path.join(served.root, 'd'))
  await expect(options).toHaveText([path.join(served.root, 'docs'), path.join(served.root, 'drop-here')])
  await options.nth(1).click()
  await expect(page.locator('.crumb.current')).toHaveText('drop-here')
  expect(problems).toEqual([])
})

test('drag rows onto a folder: the drop menu makes the links chosen; Alt-drop makes symbolic links at once', async ({
  page,
  served,
  problems,
}) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  await openApp(page, served)
  await row(page, 'plain.txt').dragTo(row(page, 'drop-here'))
  await expect(menu(page)).toBeVisible()
  await expect(page.getByRole('menuitem', { name: /Junction/ })).toHaveAttribute('aria-disabled', 'true')
  await shot(page, 'actions-drop-menu')
  await page.getByRole('menuitem', { name: /^Hard link/ }).click()
  await expect(page.getByRole('region', { name: 'Operation report' })).toContainText('Dropped as hard links: 1 made')
  expect(fs.statSync(p('drop-here', 'plain.txt')).ino).toBe(fs.statSync(p('plain.txt')).ino)

  await page.keyboard.press('Alt+ArrowUp')
  await expect(page.locator('.crumb.current')).toHaveText(path.basename(served.root))
  // Alt held through the drag: symbolic links, no menu
  await row(page, 'docs').hover()
  await page.mouse.down()
  await row(page, 'photos').hover()
  await page.keyboard.down('Alt')
  await row(page, 'photos').hover({ position: { x: 30, y: 10 } })
  await page.mouse.up()
  await page.keyboard.up('Alt')
  await expect(page.getByRole('region', { name: 'Operation report' })).toContainText('1 made')
  expect(fs.lstatSync(p('photos', 'docs')).isSymbolicLink()).toBe(true)
  expect(fs.readlinkSync(p('photos', 'docs'))).toBe('../docs')

  // a refusal comes back the same way as Pick › Drop: a folder cannot be hard-linked
  await page.keyboard.press('Alt+ArrowUp')
  await row(page, 'other').dragTo(row(page, 'drop-here'))
  await page.getByRole('menuitem', { name: /^Hard link/ }).click()
  await expect(page.getByRole('region', { name: 'Operation report' })).toContainText('refused')
  expect(fs.existsSync(p('drop-here', 'other'))).toBe(false)

  // onto a breadcrumb: the folder it names gets the link, through the same menu
  await row(page, 'photos').dblclick()
  await expect(page.locator('.crumb.current')).toHaveText('photos')
  const rootCrumb = page.locator('.crumb', { hasText: new RegExp(`^${path.basename(served.root)}$`) })
  await row(page, 'a.jpg').dragTo(rootCrumb)
  await expect(menu(page)).toBeVisible()
  await page.getByRole('menuitem', { name: /^Symbolic link \(relative\)/ }).click()
  await expect(page.getByRole('region', { name: 'Operation report' })).toContainText('1 made')
  expect(fs.lstatSync(p('a.jpg')).isSymbolicLink()).toBe(true)
  expect(fs.readlinkSync(p('a.jpg'))).toBe('photos/a.jpg')
  expect(problems).toEqual([])
})

test('find by name: a glob over the tree, streamed into the table; a result opens its folder with it selected', async ({
  page,
  context,
  served,
  problems,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await openApp(page, served)
  await page.keyboard.press('Control+Shift+F')
  const input = page.getByRole('textbox', { name: 'Name or pattern' })
  await input.fill('REPORT*')
  await page.getByRole('button', { name: 'Find' }).click()
  const grid = page.getByRole('grid', { name: 'Found by name' })
  const results = grid.locator('.tbody .row')
  await expect(page.getByTestId('find-summary')).toContainText('3 found')
  await expect(results).toHaveCount(3)
  await shot(page, 'actions-find')

  // sorted by a header click, as the explorer's table: by name, flipped, then by folder
  const names = () => results.locator('.c-name .name').allTextContents()
  const [copyName, hardlink, report] = ['report-copy-name.txt', 'report-hardlink.txt', 'report.txt']
  await expect.poll(names).toEqual([copyName, hardlink, report])
  await grid.getByRole('button', { name: 'Name', exact: true }).click()
  await expect.poll(names).toEqual([report, hardlink, copyName])
  await expect(grid.getByRole('columnheader', { name: /^Name(?!s)/ })).toHaveAttribute('aria-sort', 'descending')
  await grid.getByRole('button', { name: 'In folder' }).click()
  await expect.poll(names).toEqual([hardlink, report, copyName])

  // multi-select: click, Shift+arrow, Ctrl+click off and on, Ctrl+A
  const chosen = async () =>
    (await grid.locator('.tbody .row[aria-selected="true"] .c-name .name').allTextContents()).sort()
  await row(page, hardlink).click()
  await page.keyboard.press('Shift+ArrowDown')
  await expect.poll(chosen).toEqual([hardlink, report])
  await row(page, copyName).click({ modifiers: ['Control'] })
  await row(page, report).click({ modifiers: ['Control'] })
  await expect.poll(chosen).toEqual([copyName, hardlink])
  await row(page, report).click()
  await row(page, copyName).click({ modifiers: ['Shift'] })
  await expect.poll(chosen).toEqual([copyName, report])
  await page.keyboard.press('Control+a')
  await expect.poll(chosen).toEqual([copyName, hardlink, report])

  // the context menu acts on the selection: copy, export, pick
  const inRoot = (...parts: string[]) => path.join(served.root, ...parts)
  const shown = [inRoot(hardlink), inRoot('docs', report), inRoot('other', 'deep', copyName)]
  await row(page, report).click({ button: 'right' })
  await shot(page, 'find-selection-menu')
  await page.getByRole('menuitem', { name: /^Copy 3 paths/ }).click()
  await expect.poll(() => clipboard(page)).toBe(shown.join('\n'))
  await row(page, report).click({ button: 'right' })
  await page.getByRole('menuitem', { name: /^Export selection/ }).hover()
  const download = page.waitForEvent('download')
  await page.getByRole('menuitem', { name: 'JSON' }).click()
  const exported = JSON.parse(fs.readFileSync((await (await download).path())!, 'utf8')) as { path: string }[]
  expect(exported.map((r) => r.path)).toEqual(shown)
  await row(page, report).click({ button: 'right' })
  await page.getByRole('menuitem', { name: 'Pick 3 as link sources' }).click()
  await expect(page.getByRole('region', { name: 'Picked link sources' })).toContainText('Picked 3')
  await page
    .getByRole('region', { name: 'Picked link sources' })
    .getByRole('button', { name: /^Clear/ })
    .click()
  await page.getByRole('checkbox', { name: 'Ignore case' }).uncheck()
  await page.getByRole('button', { name: 'Find' }).click()
  await expect(page.getByTestId('find-summary')).toContainText('0 found')
  await input.fill('other/**/*.txt')
  await page.getByRole('button', { name: 'Find' }).click()
  await expect(results).toHaveCount(1)
  await results.first().dblclick()
  await expect(page.locator('.crumb.current')).toHaveText('deep')
  await expect(row(page, 'report-copy-name.txt')).toHaveAttribute('aria-selected', 'true')
  expect(problems).toEqual([])
})
