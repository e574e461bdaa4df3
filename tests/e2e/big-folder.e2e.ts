// A 100k-entry folder streams: rows show while batches arrive, with a running count; the table stays usable.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { test as base } from '@playwright/test'

import { expect, serve, shot, watchConsole } from './helpers'

const COUNT = 100_000

const test = base.extend<{ big: { root: string; url: string } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
  big: async ({}, use) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-e2e-big-'))
    for (let i = 0; i < COUNT; i++) fs.closeSync(fs.openSync(path.join(root, `f${String(i).padStart(6, '0')}`), 'w'))
    for (let i = 0; i < 50; i++)
      fs.linkSync(path.join(root, `f${String(i).padStart(6, '0')}`), path.join(root, `h${i}`))
    const served = await serve(root)
    await use({ root, url: served.url })
    await served.stop()
    fs.rmSync(root, { recursive: true, force: true })
  },
})

test('streams a 100k-entry folder with a running count, then scrolls, finds and filters in it', async ({
  page,
  big,
}) => {
  test.setTimeout(120_000)
  const problems = watchConsole(page)
  // Record every status-bar text as it changes, to see the count grow while loading.
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { seenStatus: string[] }).seenStatus = seen
    new MutationObserver(() => {
      const t = document.querySelector('[data-testid=count-entries]')?.textContent
      if (t && seen[seen.length - 1] !== t) seen.push(t)
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })
  const started = Date.now()
  await page.goto(big.url)
  await expect(page.locator('.tbody .row').first()).toBeVisible({ timeout: 60_000 })
  const firstRows = Date.now() - started
  await expect(page.locator('[data-testid=count-entries]')).toHaveText('100,050 entries', { timeout: 60_000 })
  const all = Date.now() - started
  const seen = await page.evaluate(() => (window as unknown as { seenStatus: string[] }).seenStatus)
  const partial = seen.filter((t) => /^Loading… [\d,]+ entries so far$/.test(t) && !t.startsWith('Loading… 0 '))
  console.log(
    `100k folder: first rows after ${firstRows} ms, all ${COUNT + 50} after ${all} ms; ${partial.length} partial counts shown`,
  )
  expect(partial.length).toBeGreaterThan(0)
  await expect(page.locator('[data-testid=count-hardlinked]')).toHaveText('100 hard-linked')
  // the DOM holds only the visible rows
  expect(await page.locator('.tbody .row').count()).toBeLessThan(80)

  await page.locator('.tbody').focus()
  await page.keyboard.press('End')
  await expect(page.locator('.tbody .row[aria-selected=true] .name')).toHaveText('h49')
  await page.keyboard.press('Home')
  await expect(page.locator('.tbody .row[aria-selected=true] .name')).toHaveText('f000000')
  await page.keyboard.type('f0500')
  await expect(page.locator('.tbody .row[aria-selected=true] .name')).toHaveText('f050000')
  await shot(page, 'explorer-100k')

  await page.getByRole('searchbox', { name: 'Filter' }).fill('f09999')
  await expect(page.locator('.tbody .row')).toHaveCount(10)

  // the whole list is there in order, and a header click sorts all of it the other way
  await page.getByRole('searchbox', { name: 'Filter' }).fill('')
  const firstNames = () =>
    page.locator('.tbody .row .name').evaluateAll((ns) => ns.slice(0, 4).map((n) => n.textContent))
  await page.locator('.tbody').focus()
  await page.keyboard.press('Home')
  await expect.poll(firstNames).toEqual(['f000000', 'f000001', 'f000002', 'f000003'])
  await page.getByRole('grid').getByRole('button', { name: 'Name', exact: true }).click()
  await expect(page.getByRole('columnheader', { name: /^Name(?!s)/ })).toHaveAttribute('aria-sort', 'descending')
  await page.locator('.tbody').focus()
  await page.keyboard.press('Home')
  // names by number: h49 before h10 before h9
  await expect.poll(firstNames).toEqual(['h49', 'h48', 'h47', 'h46'])
  await page.keyboard.press('End')
  await expect(page.locator('.tbody .row[aria-selected=true] .name')).toHaveText('f000000')
  await expect(page.locator('[data-testid=count-entries]')).toHaveText('100,050 entries')
  await shot(page, 'explorer-100k-descending')
  expect(problems).toEqual([])
})
