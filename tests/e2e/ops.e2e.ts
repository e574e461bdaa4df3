// Part 2: link operations through the real context menu, checked on the real disk.
import * as fs from 'node:fs'
import * as path from 'node:path'

import type { Page } from '@playwright/test'

import { expect, menu, openApp, rightClick, rightClickEmpty, row, shot, test } from './helpers'

const report = (page: Page) => page.getByRole('region', { name: 'Operation report' })

async function openFolder(page: Page, name: string): Promise<void> {
  await row(page, name).dblclick()
  await expect(page.locator('.crumb.current')).toHaveText(name)
}

test('pick two files, drop them into another folder as hard links: same inode on disk, counts updated', async ({
  page,
  served,
  problems,
}) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  await openApp(page, served)
  await openFolder(page, 'photos')
  await row(page, 'a.jpg').click()
  await row(page, 'b.jpg').click({ modifiers: ['Control'] })
  await rightClick(page, 'b.jpg')
  await page.getByRole('menuitem', { name: /Pick 2 as link sources/ }).click()
  const tray = page.getByRole('region', { name: 'Picked link sources' })
  await expect(tray).toContainText('Picked 2:')
  await expect(tray).toContainText('a.jpg')
  await expect(tray).toContainText('b.jpg')

  await page.keyboard.press('Alt+ArrowUp')
  await expect(page.locator('.crumb.current')).toHaveText(path.basename(served.root))
  await rightClick(page, 'drop-here')
  await page.getByRole('menuitem', { name: /Drop into “drop-here” as/ }).hover()
  await expect(page.getByRole('menuitem', { name: /Junction/ })).toHaveAttribute('aria-disabled', 'true')
  await expect(page.getByRole('menuitem', { name: /Hard link/ })).toContainText('not a copy or a backup')
  await shot(page, 'ops-drop-menu')
  await page.getByRole('menuitem', { name: /^Hard link/ }).click()

  await expect(report(page)).toContainText('Dropped as hard links: 2 made')
  await expect(report(page)).toContainText('not a copy or a backup')
  // the new entries are shown, selected, in the folder they went into
  await expect(page.locator('.crumb.current')).toHaveText('drop-here')
  await expect(row(page, 'a.jpg')).toHaveAttribute('aria-selected', 'true')
  await expect(row(page, 'b.jpg')).toHaveAttribute('aria-selected', 'true')
  await expect(row(page, 'a.jpg').locator('.c-links')).toHaveText('2')
  await expect(page.locator('[data-testid=count-hardlinked]')).toHaveText('2 hard-linked')
  await shot(page, 'ops-dropped')

  for (const n of ['a.jpg', 'b.jpg']) {
    const src = fs.statSync(p('photos', n))
    const made = fs.statSync(p('drop-here', n))
    expect(made.ino).toBe(src.ino)
    expect(made.dev).toBe(src.dev)
    expect(src.nlink).toBe(2)
  }
  // the sources' folder shows the new counts too
  await page.locator('.crumb', { hasText: path.basename(served.root) }).click()
  await openFolder(page, 'photos')
  await expect(row(page, 'a.jpg').locator('.c-links')).toHaveText('2')
  await expect(page.locator('[data-testid=count-hardlinked]')).toHaveText('2 hard-linked')

  // Undo removes the new links again (Ctrl+Z, one at a time)
  await page.keyboard.press('Control+z')
  await expect(report(page)).toContainText('Undid: removed the new link “b.jpg”')
  expect(fs.existsSync(p('drop-here', 'b.jpg'))).toBe(false)
  expect(fs.statSync(p('photos', 'b.jpg')).nlink).toBe(1)
  await expect(row(page, 'b.jpg').locator('.c-links')).toHaveText('1')

  await tray.getByRole('button', { name: 'Clear' }).click()
  await expect(tray).toHaveCount(0)
  expect(problems).toEqual([])
})

test('dropping a folder as a hard link is refused per item with the reason and the way out', async ({
  page,
  served,
  problems,
}) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  await openApp(page, served)
  await row(page, 'docs').click()
  await row(page, 'plain.txt').click({ modifiers: ['Control'] })
  await rightClick(page, 'plain.txt')
  await page.getByRole('menuitem', { name: /Pick 2 as link sources/ }).click()
  await openFolder(page, 'drop-here')
  await expect(page.getByText('This folder is empty')).toBeVisible()
  await rightClickEmpty(page)
  await page.getByRole('menuitem', { name: /Drop here as/ }).click()
  await page.getByRole('menuitem', { name: /^Hard link/ }).click()

  await expect(report(page)).toContainText('1 made, 1 refused')
  const refused = report(page).locator('li.refused')
  await expect(refused).toHaveCount(1)
  await expect(refused).toContainText('docs')
  await expect(refused).toContainText('Hard links can’t point to folders.')
  await expect(refused).toContainText('Use a folder symbolic link instead.') // no junctions on Linux: never advised
  await expect(report(page).locator('li.done')).toContainText('plain.txt')
  await shot(page, 'ops-refused')
  expect(fs.readdirSync(p('drop-here'))).toEqual(['plain.txt'])
  expect(fs.statSync(p('drop-here', 'plain.txt')).ino).toBe(fs.statSync(p('plain.txt')).ino)

  // the way out is a button: the same folder as a folder symbolic link (no junction offered on Linux)
  await expect(refused.getByRole('button', { name: /junction/ })).toHaveCount(0)
  await refused.getByRole('button', { name: 'Make a symbolic link (relative) instead' }).click()
  await expect(report(page)).toContainText('Dropped as relative symbolic links: 1 made')
  expect(fs.readlinkSync(p('drop-here', 'docs'))).toBe('../docs')
  await expect(row(page, 'docs')).toHaveAttribute('aria-selected', 'true')
  expect(problems).toEqual([])
})

test('fix a broken link with Retarget, then undo it', async ({ page, served, problems }) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  await openApp(page, served)
  await expect(row(page, 'dangling').locator('.c-status')).toHaveText('Broken')
  await rightClick(page, 'dangling')
  await page.getByRole('menuitem', { name: 'Retarget…' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('which does not exist')
  await dialog.getByRole('textbox', { name: 'New target' }).fill(p('plain.txt'))
  await expect(dialog).toContainText('Exists: a file')
  await expect(dialog).toContainText('“dangling” will point to “plain.txt” instead of “missing.txt”.')
  await shot(page, 'ops-retarget')
  await dialog.getByRole('button', { name: 'Retarget' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(report(page)).toContainText('Retargeted “dangling”')
  await expect(row(page, 'dangling').locator('.c-status')).toHaveText('OK')
  await expect(row(page, 'dangling').locator('.c-target')).toHaveText('→plain.txt')
  await expect(page.locator('[data-testid=count-broken]')).toHaveText('2 broken')
  expect(fs.readlinkSync(p('dangling'))).toBe('plain.txt')

  await report(page).getByRole('button', { name: /Undo/ }).click()
  await expect(report(page)).toContainText('Undid: “dangling” points to “missing.txt” again')
  await expect(row(page, 'dangling').locator('.c-status')).toHaveText('Broken')
  expect(fs.readlinkSync(p('dangling'))).toBe('missing.txt')
  expect(problems).toEqual([])
})

test('Delete removes a hard-link name after saying what stays; undo brings the name back', async ({
  page,
  served,
  problems,
}) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  const ino = fs.statSync(p('docs', 'report.txt')).ino
  await openApp(page, served)
  await row(page, 'report-hardlink.txt').click()
  await page.keyboard.press('Delete')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText(
    'Removes the name “report-hardlink.txt”. The data stays: the file keeps 2 other names.',
  )
  await shot(page, 'ops-remove-confirm')
  await dialog.getByRole('button', { name: 'Remove link' }).click()
  await expect(report(page)).toContainText('The file keeps its data under 2 other names.')
  expect(fs.existsSync(p('report-hardlink.txt'))).toBe(false)
  expect(fs.statSync(p('docs', 'report.txt')).nlink).toBe(2)
  await expect(page.locator('[data-testid=count-hardlinked]')).toHaveText('0 hard-linked')

  await page.locator('.tbody').focus()
  await page.keyboard.press('Control+z')
  await expect(row(page, 'report-hardlink.txt')).toHaveAttribute('aria-selected', 'true')
  expect(fs.statSync(p('report-hardlink.txt')).ino).toBe(ino)
  expect(fs.statSync(p('docs', 'report.txt')).nlink).toBe(3)

  // a plain file's only name is refused before anything happens
  await rightClick(page, 'plain.txt')
  await expect(page.getByRole('menuitem', { name: /Remove link/ })).toHaveAttribute('aria-disabled', 'true')
  await expect(page.getByRole('menuitem', { name: /Remove link/ })).toContainText('only name')
  await page.keyboard.press('Escape')

  // removing a symbolic link never touches its target
  await row(page, 'rel-link').click()
  await page.keyboard.press('Delete')
  await expect(page.getByRole('dialog')).toContainText('What it points to (“plain.txt”) is not touched.')
  await page.getByRole('dialog').getByRole('button', { name: 'Remove link' }).click()
  await expect(row(page, 'rel-link')).toHaveCount(0)
  expect(fs.readFileSync(p('plain.txt'), 'utf8')).toBe('plain\n')
  await page.keyboard.press('Control+z')
  await expect(row(page, 'rel-link')).toHaveCount(1)
  expect(fs.readlinkSync(p('rel-link'))).toBe('plain.txt')
  expect(problems).toEqual([])
})

test('Create link here… shows what will happen and what will not work before creating', async ({
  page,
  served,
  problems,
}) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  await openApp(page, served)
  await rightClickEmpty(page)
  await page.getByRole('menuitem', { name: 'Create link here…' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('textbox', { name: 'Points to' }).fill(p('docs'))
  // the name offered is a free one beside the target's own; a taken name typed in is refused before the click
  await expect(dialog.getByRole('textbox', { name: 'Link name' })).toHaveValue('docs - Link')
  await expect(dialog).not.toContainText('already exists')
  await dialog.getByRole('textbox', { name: 'Link name' }).fill('docs')
  await expect(dialog).toContainText('“docs” already exists in this folder')
  await dialog.getByRole('textbox', { name: 'Link name' }).fill('docs-link')
  await dialog.getByRole('radio', { name: /Hard link/ }).check()
  await expect(dialog).toContainText('Hard links can’t point to folders. Use a folder symbolic link.')
  await expect(dialog).not.toContainText('already has')
  await expect(dialog.getByRole('button', { name: /^Create/ })).toBeDisabled()
  await expect(dialog.getByRole('radio', { name: /Junction/ })).toBeDisabled()
  await shot(page, 'ops-create-refused')
  await dialog.getByRole('radio', { name: /Symbolic link \(relative\)/ }).check()
  await expect(dialog).toContainText('will point to “docs” (relative to the link’s folder)')
  await dialog.getByRole('button', { name: /^Create/ }).click()
  await expect(dialog).toHaveCount(0)
  await expect(row(page, 'docs-link')).toHaveAttribute('aria-selected', 'true')
  expect(fs.readlinkSync(p('docs-link'))).toBe('docs')
  await expect(page.locator('[data-testid=count-entries]')).toHaveText('18 entries')
  expect(problems).toEqual([])
})

test('Show all names lists every name of a hard-linked file; F2 renames', async ({ page, served, problems }) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  await openApp(page, served)
  await rightClick(page, 'report-hardlink.txt')
  await page.getByRole('menuitem', { name: /Show all names/ }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('3 of 3 names found, 2 in other folders.')
  for (const n of [p('docs', 'report.txt'), p('report-hardlink.txt'), p('other', 'deep', 'report-copy-name.txt')]) {
    await expect(dialog.getByRole('button', { name: n })).toBeVisible()
  }
  await shot(page, 'ops-names')
  await dialog.getByRole('button', { name: p('other', 'deep', 'report-copy-name.txt') }).click()
  await expect(page.locator('.crumb.current')).toHaveText('deep')
  await expect(row(page, 'report-copy-name.txt')).toHaveAttribute('aria-selected', 'true')

  await page.locator('.tbody').focus()
  await page.keyboard.press('F2')
  await page.getByRole('textbox', { name: 'New name' }).fill('renamed.txt')
  await page.getByRole('textbox', { name: 'New name' }).press('Enter')
  await expect(row(page, 'renamed.txt')).toHaveAttribute('aria-selected', 'true')
  expect(fs.existsSync(p('other', 'deep', 'renamed.txt'))).toBe(true)
  await page.keyboard.press('Control+z')
  await expect(row(page, 'report-copy-name.txt')).toHaveCount(1)
  expect(fs.existsSync(p('other', 'deep', 'report-copy-name.txt'))).toBe(true)
  expect(problems).toEqual([])
})

test('Links pointing here: the links to a file, and into a folder (those inside it apart); one click shows a link in its folder', async ({
  page,
  served,
  problems,
}) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  fs.symlinkSync('../../docs/notes.md', p('other', 'deep', 'to-notes'))
  fs.symlinkSync('report.txt', p('docs', 'inside-link'))
  await openApp(page, served)
  await rightClick(page, 'plain.txt')
  await page.getByRole('menuitem', { name: /Links pointing here/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Links pointing to “plain.txt”' })
  // as stored (rel-link, abs-link) and through another link (chain → rel-link → plain.txt)
  await expect(dialog.getByTestId('links-into-status')).toContainText(
    '3 links lead to this file. Moving or deleting it would break the 3 outside it.',
  )
  for (const l of ['rel-link', 'abs-link', 'chain'])
    await expect(dialog.getByRole('button', { name: p(l), exact: true })).toBeVisible()
  await dialog.getByRole('button', { name: 'Close' }).click()

  await rightClick(page, 'docs')
  await page.getByRole('menuitem', { name: /Links pointing here/ }).click()
  const folder = page.getByRole('dialog', { name: 'Links pointing to “docs”' })
  await expect(folder.getByTestId('links-into-status')).toContainText(
    '3 links lead to this folder or into it, 1 of them inside it. Moving or deleting it would break the 2 outside it.',
  )
  await expect(folder.locator('li').last()).toContainText(`${p('docs', 'inside-link')} → report.txt (inside it)`)
  await shot(page, 'ops-links-into')
  await folder.getByRole('button', { name: p('other', 'deep', 'to-notes') }).click()
  await expect(page.locator('.crumb.current')).toHaveText('deep')
  await expect(row(page, 'to-notes')).toHaveAttribute('aria-selected', 'true')
  expect(problems).toEqual([])
})

test('a hard link across drives is refused with CROSS_DEVICE; the offered symbolic link works (/dev/shm is a real second device)', async ({
  page,
  served,
  problems,
}) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  const other = fs.mkdtempSync('/dev/shm/linkscope-e2e-')
  try {
    fs.writeFileSync(path.join(other, 'elsewhere.txt'), 'on tmpfs\n')
    expect(fs.statSync(other).dev).not.toBe(fs.statSync(served.root).dev)
    await openApp(page, served)
    await page.keyboard.press('Control+l')
    await page.getByRole('textbox', { name: 'Address' }).fill(other)
    await page.getByRole('textbox', { name: 'Address' }).press('Enter')
    await rightClick(page, 'elsewhere.txt')
    await page.getByRole('menuitem', { name: 'Pick as link source' }).click()
    await page.keyboard.press('Alt+ArrowLeft')
    await expect(page.locator('.crumb.current')).toHaveText(path.basename(served.root))
    await rightClickEmpty(page)
    await page.getByRole('menuitem', { name: /Drop here as/ }).click()
    await page.getByRole('menuitem', { name: /^Hard link/ }).click()
    const refused = report(page).locator('li.refused')
    await expect(refused).toContainText('A hard link must be on the same file system as its file.')
    await expect(refused).toContainText('Use a symbolic link instead')
    expect(fs.existsSync(p('elsewhere.txt'))).toBe(false)
    await shot(page, 'ops-cross-device')
    await refused.getByRole('button', { name: 'Make a symbolic link (absolute) instead' }).click()
    await expect(row(page, 'elsewhere.txt')).toHaveAttribute('aria-selected', 'true')
    await expect(row(page, 'elsewhere.txt').locator('.c-status')).toHaveText('OK')
    expect(fs.readlinkSync(p('elsewhere.txt'))).toBe(path.join(other, 'elsewhere.txt'))
    expect(problems).toEqual([])
  } finally {
    fs.rmSync(other, { recursive: true, force: true })
  }
})

test('the menu works from the keyboard: Shift+F10, arrows, Enter, Right into a submenu', async ({
  page,
  served,
  problems,
}) => {
  await openApp(page, served)
  await row(page, 'plain.txt').click()
  await page.keyboard.press('Shift+F10')
  await expect(menu(page)).toBeVisible()
  await expect(page.getByRole('menuitem', { name: 'Pick as link source' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('region', { name: 'Picked link sources' })).toContainText('plain.txt')

  await row(page, 'drop-here').click()
  await page.keyboard.press('Shift+F10')
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('menuitem', { name: /Drop into “drop-here” as/ })).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('menuitem', { name: /^Hard link/ })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(report(page)).toContainText('Dropped as hard links: 1 made')
  expect(fs.statSync(path.join(served.root, 'drop-here', 'plain.txt')).ino).toBe(
    fs.statSync(path.join(served.root, 'plain.txt')).ino,
  )
  expect(problems).toEqual([])
})

test('dark theme: menu, dialog and report stay readable', async ({ page, served, problems }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await openApp(page, served)
  await row(page, 'docs').click()
  await rightClick(page, 'docs')
  await page.getByRole('menuitem', { name: 'Pick as link source', exact: true }).click()
  await rightClickEmpty(page)
  await page.getByRole('menuitem', { name: /Drop here as/ }).hover()
  // opened near the bottom of the window, the submenu moves up to stay whole on screen
  const sub = await page.getByRole('menu', { name: 'Drop here as' }).boundingBox()
  const view = page.viewportSize()!
  expect(sub!.y + sub!.height).toBeLessThanOrEqual(view.height)
  expect(sub!.x + sub!.width).toBeLessThanOrEqual(view.width)
  await expect(page.getByRole('menuitem', { name: /Junction/ })).toBeInViewport()
  await shot(page, 'ops-dark-menu')
  await page.getByRole('menuitem', { name: /^Hard link/ }).click()
  await expect(report(page).locator('li.refused')).toContainText('Hard links can’t point to folders.')
  await rightClick(page, 'dangling')
  await page.getByRole('menuitem', { name: 'Retarget…' }).click()
  await expect(page.getByRole('dialog')).toContainText('Does not exist') // it starts at the missing target
  // nothing typed yet: no red line, but nothing to click either
  await expect(page.getByRole('dialog')).not.toContainText('It already points there.')
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Retarget' })).toBeDisabled()
  await shot(page, 'ops-dark-dialog')
  expect(problems).toEqual([])
})
