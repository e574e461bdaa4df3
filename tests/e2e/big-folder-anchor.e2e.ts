// While a big folder streams in, the row the user picked stays under the cursor (rows merged above it
// move the list, not the row), and the details panel counts the same entries as the footer.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { test as base } from '@playwright/test'

import { expect, serve, shot, watchConsole } from './helpers'

// the engine's first batch (200) and two full ones (2,000) and a last one: four batches
const COUNT = 4400
// Files are made in a scattered name order, so every batch (in whatever order the folder reads back)
// holds names from all over the sorted list, and later batches land above the picked row.
const STRIDE = 1777

const test = base.extend<{ big: { root: string; url: string } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
  big: async ({}, use) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-e2e-anchor-'))
    for (let i = 0; i < COUNT; i++) {
      const n = (i * STRIDE) % COUNT
      fs.closeSync(fs.openSync(path.join(root, `n${String(n).padStart(4, '0')}`), 'w'))
    }
    const served = await serve(root)
    await use({ root, url: served.url })
    await served.stop()
    fs.rmSync(root, { recursive: true, force: true })
  },
})

/** How many entries a server message carries (a batch is sent as columns, or as items). */
function batchSize(text: string): number {
  const msg = JSON.parse(text) as { type: string; items?: unknown[]; columns?: { n: number } }
  return msg.type === 'items' ? msg.items!.length : msg.type === 'columns' ? msg.columns!.n : 0
}

/** The footer's count ("Loading… 2,200 entries so far", "4,400 entries") and the panel's "Entries". */
async function counts(page: import('@playwright/test').Page): Promise<{ footer: string; panel: string }> {
  const footer = (await page.getByTestId('count-entries').textContent()) ?? ''
  const panel = (await page.locator('.details-body dt:text-is("Entries") + dd').textContent()) ?? ''
  return { footer: /([\d,]+) entr/.exec(footer)?.[1] ?? footer, panel }
}

test('a big folder streams in under the picked row: the row stays put, panel and footer agree', async ({
  page,
  big,
}) => {
  test.setTimeout(120_000)
  const problems = watchConsole(page)
  // Hold the server's messages after the first batch at the socket, and let them through one at a time:
  // a slow disk, without timing anything.
  const held: string[] = []
  let firstBatchSeen = false
  let send: ((m: string) => void) | null = null
  await page.routeWebSocket(/\/ws/, (ws) => {
    const server = ws.connectToServer()
    send = (m) => ws.send(m)
    ws.onMessage((m) => server.send(m))
    server.onMessage((m) => {
      const text = String(m)
      if (firstBatchSeen) held.push(text)
      else {
        if (batchSize(text) > 0) firstBatchSeen = true
        ws.send(text)
      }
    })
  })
  const release = (): { items: number } => {
    const m = held.shift()!
    send!(m)
    return { items: batchSize(m) }
  }
  // Every footer/panel pair the page ever shows, while nothing is selected (the panel counts the folder).
  await page.addInitScript(() => {
    const pairs: string[] = []
    ;(window as unknown as { countPairs: string[] }).countPairs = pairs
    new MutationObserver(() => {
      const footer = document.querySelector('[data-testid=count-entries]')?.textContent ?? ''
      const dt = Array.from(document.querySelectorAll('.details-body dt')).find((d) => d.textContent === 'Entries')
      const n = /([\d,]+) entr/.exec(footer)?.[1]
      if (dt && n) pairs.push(`${n} / ${dt.nextElementSibling?.textContent ?? ''}`)
    }).observe(document, { subtree: true, childList: true, characterData: true })
  })

  await page.goto(big.url)
  const rows = page.locator('.tbody .row')
  await expect(rows.first()).toBeVisible({ timeout: 60_000 })
  await expect(page.getByTestId('count-entries')).toHaveText('Loading… 200 entries so far')
  // a second batch arrives: the footer counts it when the table is redrawn with it, and so does the panel
  // (other answers queued before it go through first)
  let second = 0
  for (let i = 0; i < 20 && second === 0; i++) {
    await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0)
    second = release().items
  }
  expect(second).toBeGreaterThan(0)
  await expect(page.getByTestId('count-entries')).toHaveText(
    `Loading… ${(200 + second).toLocaleString('en-US')} entries so far`,
  )
  expect(await counts(page)).toEqual({
    footer: (200 + second).toLocaleString('en-US'),
    panel: (200 + second).toLocaleString('en-US'),
  })

  // the rows came with the count: the table holds them before one is picked
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', String(200 + second + 1))
  // pick a row a few lines down, as a user reading the list would
  const picked = rows.nth(5)
  const name = (await picked.getAttribute('data-path'))!
  await picked.click()
  const row = page.locator(`.tbody .row[data-path="${name}"]`)
  await expect(row).toHaveAttribute('aria-selected', 'true')
  const before = (await row.boundingBox())!
  const indexBefore = Number(await row.getAttribute('aria-rowindex'))

  // the rest streams in, one message at a time; each batch is counted before the next is let through
  let received = 200 + second
  for (let i = 0; i < 50 && held.length > 0; i++) {
    const { items } = release()
    received += items
    if (items > 0)
      await expect(page.getByTestId('count-entries')).toContainText(`${received.toLocaleString('en-US')} entries`)
  }
  expect(held).toEqual([])
  await expect(page.getByTestId('count-entries')).toHaveText(`${COUNT.toLocaleString('en-US')} entries`)
  await expect(rows.first()).toBeVisible()

  // rows were merged above the picked one, and it did not move on screen
  const indexAfter = Number(await row.getAttribute('aria-rowindex'))
  expect(indexAfter).toBeGreaterThan(indexBefore + 5)
  await expect(row).toHaveAttribute('aria-selected', 'true')
  const after = (await row.boundingBox())!
  expect(Math.abs(after.y - before.y)).toBeLessThanOrEqual(1)
  await shot(page, 'big-folder-anchored')

  // with nothing selected the panel counts the folder: the same number as the footer, and it always was
  await row.click({ modifiers: ['Control'] })
  await expect(page.locator('.details-body dt:text-is("Entries") + dd')).toHaveText(COUNT.toLocaleString('en-US'))
  const pairs = await page.evaluate(() => (window as unknown as { countPairs: string[] }).countPairs)
  expect(pairs.length).toBeGreaterThan(1)
  expect(pairs.filter((p) => p.split(' / ')[0] !== p.split(' / ')[1])).toEqual([])
  expect(problems).toEqual([])
})
