// Layout and columns: the details panel beside the table (resized, collapsed, remembered), and the
// shared table's columns (resized, reordered, hidden, remembered per table), at real window sizes.
import type { Page } from '@playwright/test'

import { expect, openApp, row, test } from './helpers'

const panel = (page: Page) => page.getByRole('complementary', { name: 'Details' })
const resizer = (page: Page) => page.getByRole('separator', { name: 'Resize the details panel' })
const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!
const headers = (page: Page, table = '.table') =>
  page.locator(`${table} .thead [role=columnheader]`).evaluateAll((hs) => hs.map((h) => h.getAttribute('data-column')))

/** Nothing sticks out of the window, and the table's header ends where the panel begins. */
async function expectNoOverlap(page: Page): Promise<void> {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }))
  expect(scroll).toBeLessThanOrEqual(inner)
  const table = await box(page, '.table-area')
  const side = (await panel(page).boundingBox())!
  expect(table.x + table.width).toBeLessThanOrEqual(side.x + 1)
  for (const h of await page.locator('.table-area .thead [role=columnheader]').all()) {
    const b = (await h.boundingBox())!
    expect(b.x + b.width, 'a header under the panel').toBeLessThanOrEqual(side.x + 1)
  }
  for (const name of ['Scan this folder', 'Folder sizes', 'Refresh']) {
    const b = (await page.getByRole('button', { name }).boundingBox())!
    expect(b.x + b.width, `${name} is cut off`).toBeLessThanOrEqual(inner)
  }
}

test('the details panel: no overlap at 1000 and 900 px, resized by drag and keys, collapsed, all remembered', async ({
  page,
  served,
  problems,
}) => {
  await page.setViewportSize({ width: 1000, height: 700 })
  await openApp(page, served)
  await row(page, 'report-hardlink.txt').click()
  await expectNoOverlap(page)

  // drag the edge 100 px to the left: the panel is 100 px wider and the table gives the room
  const before = (await panel(page).boundingBox())!.width
  const edge = (await resizer(page).boundingBox())!
  await page.mouse.move(edge.x + edge.width / 2, edge.y + 200)
  await page.mouse.down()
  await page.mouse.move(edge.x + edge.width / 2 - 50, edge.y + 200, { steps: 3 })
  await page.mouse.move(edge.x + edge.width / 2 - 100, edge.y + 200, { steps: 3 })
  await page.mouse.up()
  await expect.poll(async () => Math.round((await panel(page).boundingBox())!.width)).toBe(Math.round(before + 100))
  await expectNoOverlap(page)
  // the keyboard: focus the edge, Left widens by a step, Right narrows
  await resizer(page).focus()
  await page.keyboard.press('ArrowLeft')
  await expect(resizer(page)).toHaveAttribute('aria-valuenow', String(Math.round(before + 116)))
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(resizer(page)).toHaveAttribute('aria-valuenow', String(Math.round(before + 84)))
  // remembered
  await page.reload()
  await expect(page.locator('[data-testid=count-entries]')).toHaveText(/^\d+ entr/)
  await expect(resizer(page)).toHaveAttribute('aria-valuenow', String(Math.round(before + 84)))

  // collapse: the table takes the width; remembered too; the button brings it back
  const tableBefore = (await box(page, '.table-area')).width
  await page.getByRole('button', { name: 'Hide the details panel' }).click()
  await expect(panel(page)).not.toContainText('No selection')
  expect((await box(page, '.table-area')).width).toBeGreaterThan(tableBefore + 200)
  await page.reload()
  await expect(page.getByRole('button', { name: 'Show the details panel' })).toBeVisible()
  await page.getByRole('button', { name: 'Show the details panel' }).click()
  await expect(panel(page)).toContainText('No selection')

  // the narrowest supported window: nothing overlaps or is cut off
  await page.setViewportSize({ width: 900, height: 600 })
  await row(page, 'dangling').click()
  await expectNoOverlap(page)
  // columns that do not fit step aside by priority (the chooser says so); Name and Target stay
  await expect(row(page, 'dangling').locator('.c-name')).toBeInViewport()
  await expect(row(page, 'dangling').locator('.c-target')).toBeInViewport()
  await page.getByRole('button', { name: 'Columns of Folder contents' }).click()
  await expect(page.getByRole('dialog', { name: 'Columns of Folder contents' })).toContainText('no room')
  await page.keyboard.press('Escape')
  expect(problems).toEqual([])
})

test('columns: Target and Modified whole at 1400×900; resize, reorder, hide, per table and remembered', async ({
  page,
  served,
  problems,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 })
  await openApp(page, served)
  // nothing cut off in the Target and Modified columns by default
  for (const sel of ['.tbody .c-target', '.tbody .c-mtime']) {
    const cut = await page
      .locator(sel)
      .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent))
    expect(cut, `${sel} cut off`).toEqual([])
  }
  await expect(row(page, 'plain.txt').locator('.c-mtime')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d$/)

  // resize Name by dragging its edge
  const name = page.getByRole('columnheader', { name: /^Name(?!s)/ })
  const w0 = (await name.boundingBox())!.width
  const handle = (await page.getByRole('separator', { name: 'Width of the Name column' }).boundingBox())!
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2)
  await page.mouse.down()
  await page.mouse.move(handle.x + handle.width / 2 + 80, handle.y + handle.height / 2, { steps: 4 })
  await page.mouse.up()
  await expect.poll(async () => Math.round((await name.boundingBox())!.width)).toBe(Math.round(w0 + 80))
  // the rows follow the header
  expect(Math.round((await row(page, 'plain.txt').locator('.c-name').boundingBox())!.width)).toBe(Math.round(w0 + 80))
  // and by keys on the Kind column's edge
  const kind = page.getByRole('columnheader', { name: /^Kind/ })
  const k0 = (await kind.boundingBox())!.width
  await page.getByRole('separator', { name: 'Width of the Kind column' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect.poll(async () => Math.round((await kind.boundingBox())!.width)).toBe(Math.round(k0 + 16))

  // reorder: drag the Status header onto the Name header
  await page.getByRole('columnheader', { name: /^Status/ }).dragTo(name)
  expect((await headers(page)).slice(0, 2)).toEqual(['status', 'name'])
  await expect(row(page, 'dangling').locator('[role=gridcell]').first()).toHaveText('Broken')

  // the column chooser: hide Kind, move Modified earlier with the keyboard
  await page.getByRole('button', { name: 'Columns of Folder contents' }).click()
  const chooser = page.getByRole('dialog', { name: 'Columns of Folder contents' })
  await chooser.getByRole('checkbox', { name: 'Kind', exact: true }).uncheck()
  await expect(page.locator('.tbody .c-kind')).toHaveCount(0)
  await expect(chooser.getByRole('checkbox', { name: 'Name', exact: true })).toBeDisabled()
  await chooser.getByRole('button', { name: 'Move Modified earlier' }).click()
  await page.keyboard.press('Escape')
  await expect(chooser).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Columns of Folder contents' })).toBeFocused()
  const arranged = await headers(page)
  expect(arranged).not.toContain('kind')

  // remembered after a reload
  await page.reload()
  await expect(page.locator('[data-testid=count-entries]')).toHaveText(/^\d+ entr/)
  expect(await headers(page)).toEqual(arranged)
  expect(Math.round((await page.getByRole('columnheader', { name: /^Name(?!s)/ }).boundingBox())!.width)).toBe(
    Math.round(w0 + 80),
  )

  // another table keeps its own layout: the scan's broken links still have every column
  await page.getByRole('button', { name: 'Scan this folder' }).click()
  await expect(page.getByTestId('scan-summary')).toContainText('Done in')
  expect(await headers(page, '.broken-table')).toEqual(['select', 'name', 'path', 'target', 'reason'])
  await page.getByRole('button', { name: 'Columns of Broken links' }).click()
  await page
    .getByRole('dialog', { name: 'Columns of Broken links' })
    .getByRole('checkbox', { name: 'Folder' })
    .uncheck()
  expect(await headers(page, '.broken-table')).toEqual(['select', 'name', 'target', 'reason'])
  expect(await headers(page, '.group-table')).toEqual(['name', 'folder', 'found', 'links', 'elsewhere', 'size'])
  await page.getByRole('button', { name: 'Explorer' }).click()
  expect(await headers(page)).toEqual(arranged)

  // Reset puts the folder table back as it was made
  await page.getByRole('button', { name: 'Columns of Folder contents' }).click()
  await page.getByRole('button', { name: 'Reset columns' }).click()
  expect(await headers(page)).toEqual(['name', 'kind', 'links', 'target', 'status', 'size', 'mtimeMs'])
  expect(problems).toEqual([])
})
