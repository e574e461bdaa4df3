// The link dialogs as a person meets them (issue 14, first-use review point 12): no error before anything
// is typed, folder names complete as in the address bar, and Browse picks a folder (browser mode: a
// folder list in the page, read through the engine). Real clicks, a real tree and server.
import * as fs from 'node:fs'
import * as path from 'node:path'

import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

import { expect, openApp, rightClick, rightClickEmpty, row, shot, test } from './helpers'

async function axeClean(page: Page, what: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    const result = await new AxeBuilder({ page })
      .include('[role=dialog]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze()
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(bad.map((v) => `${what}, ${scheme}: ${v.id}: ${v.help}`)).toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

test('Create link: nothing is wrong before typing; folder names complete; Browse lists folders', async ({
  page,
  served,
  problems,
}) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  await openApp(page, served)
  await rightClickEmpty(page)
  await page.getByRole('menuitem', { name: 'Create link here…' }).click()
  const dialog = page.getByRole('dialog')
  const pointsTo = dialog.getByRole('textbox', { name: 'Points to' })
  await expect(pointsTo).toBeFocused()
  // nothing typed: no red line, and nothing to click yet
  await expect(dialog.locator('.plan-problem')).toHaveCount(0)
  await expect(dialog.getByRole('button', { name: /^Create/ })).toBeDisabled()
  await shot(page, 'dialog-create-untouched')

  // completion: the subfolders that start with what was typed; arrows and Tab take one, and list its own
  await pointsTo.fill(p('o'))
  const list = dialog.getByRole('listbox', { name: 'Folders' })
  await expect(list.getByRole('option')).toHaveText([p('other')])
  await pointsTo.press('ArrowDown')
  await expect(list.getByRole('option', { name: p('other') })).toHaveAttribute('aria-selected', 'true')
  await pointsTo.press('Tab')
  await expect(pointsTo).toHaveValue(p('other') + '/')
  await expect(pointsTo).toBeFocused()
  await expect(list.getByRole('option')).toHaveText([p('other', 'deep')])
  await list.getByRole('option', { name: p('other', 'deep') }).click()
  await expect(pointsTo).toHaveValue(p('other', 'deep'))
  await expect(dialog).toContainText('Exists: a folder')
  await axeClean(page, 'create, typed')

  // once typed, a problem shows as it is made
  await dialog.getByRole('textbox', { name: 'Link name' }).fill('')
  await expect(dialog.locator('.plan-problem')).toHaveText(['✕ Give the link a name.'])

  // Browse: starts in the typed path's folder; a click goes in, Up goes out, "Use this folder" fills the field
  await dialog.getByRole('button', { name: 'Browse…' }).click()
  const picker = dialog.getByRole('group', { name: 'Choose a folder' })
  await expect(picker.locator('.fp-at')).toHaveText(p('other'))
  await expect(picker.getByRole('list').getByRole('button')).toHaveText(['deep'])
  await picker.getByRole('button', { name: 'Up' }).click()
  await expect(picker.locator('.fp-at')).toHaveText(served.root)
  await expect(picker.getByRole('list').getByRole('button')).toHaveText([
    'docs',
    'drop-here',
    'empty',
    'folder-link',
    'other',
    'photos',
  ])
  await picker.getByRole('button', { name: 'docs', exact: true }).click()
  await expect(picker.locator('.fp-at')).toHaveText(p('docs'))
  await expect(picker).toContainText('No folders in here.')
  await shot(page, 'dialog-create-browse')
  await axeClean(page, 'create, browsing')
  await picker.getByRole('button', { name: 'Use this folder' }).click()
  await expect(picker).toHaveCount(0)
  await expect(pointsTo).toHaveValue(p('docs'))
  await dialog.getByRole('textbox', { name: 'Link name' }).fill('docs-browsed')
  await dialog.getByRole('button', { name: /^Create/ }).click()
  await expect(dialog).toHaveCount(0)
  await expect(row(page, 'docs-browsed')).toHaveAttribute('aria-selected', 'true')
  expect(fs.readlinkSync(p('docs-browsed'))).toBe('docs')
  expect(problems).toEqual([])
})

test('Retarget: no “already points there” before a change; completion and Browse fill the new target', async ({
  page,
  served,
  problems,
}) => {
  const p = (...parts: string[]) => path.join(served.root, ...parts)
  await openApp(page, served)
  await rightClick(page, 'folder-link')
  await page.getByRole('menuitem', { name: 'Retarget…' }).click()
  const dialog = page.getByRole('dialog')
  const target = dialog.getByRole('textbox', { name: 'New target' })
  await expect(target).toHaveValue(p('docs'))
  await expect(dialog.locator('.plan-problem')).toHaveCount(0)
  await expect(dialog.getByRole('listbox')).toHaveCount(0) // a filled field opens no list
  await expect(dialog.getByRole('button', { name: 'Retarget' })).toBeDisabled()
  await shot(page, 'dialog-retarget-untouched')

  // typing the same place back is a change to look at: now it says so
  await target.fill(p('docs') + ' ')
  await target.fill(p('docs'))
  await expect(dialog.locator('.plan-problem')).toHaveText(['✕ It already points there. Type or pick another target.'])

  // completion, then Escape closes the list and not the dialog
  await target.fill(p('ph'))
  await expect(dialog.getByRole('listbox', { name: 'Folders' }).getByRole('option')).toHaveText([p('photos')])
  await target.press('Escape')
  await expect(dialog.getByRole('listbox')).toHaveCount(0)
  await expect(dialog).toBeVisible()
  await target.fill(p('ot'))
  await dialog.getByRole('option', { name: p('other') }).click()
  await expect(target).toHaveValue(p('other'))

  await dialog.getByRole('button', { name: 'Browse…' }).click()
  const picker = dialog.getByRole('group', { name: 'Choose a folder' })
  await expect(picker.locator('.fp-at')).toHaveText(served.root)
  await picker.getByRole('button', { name: 'photos', exact: true }).click()
  await picker.getByRole('button', { name: 'Use this folder' }).click()
  await expect(target).toHaveValue(p('photos'))
  await expect(dialog.locator('.plan-problem')).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Retarget' }).click()
  await expect(dialog).toHaveCount(0)
  expect(fs.readlinkSync(p('folder-link'))).toBe('photos')
  expect(problems).toEqual([])
})
