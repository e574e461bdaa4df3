// Another folder typed while a big one still streams: the big folder's late batches (already on their
// way when it was left) must not show in the new folder, nor count in its footer.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { test as base } from '@playwright/test'

import { expect, serve, shot, typeAddress, watchConsole } from './helpers'

// the engine's first batch (200) and two full ones (2,000) and a last one
const BIG = 4400
const SMALL = ['s1.txt', 's2.txt', 's10.txt']

const test = base.extend<{ tree: { root: string; url: string } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
  tree: async ({}, use) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-e2e-switch-'))
    fs.mkdirSync(path.join(root, 'big'))
    fs.mkdirSync(path.join(root, 'small'))
    for (let i = 0; i < BIG; i++) fs.closeSync(fs.openSync(path.join(root, 'big', `b${i}`), 'w'))
    for (const name of SMALL) fs.writeFileSync(path.join(root, 'small', name), name)
    const served = await serve(root)
    await use({ root, url: served.url })
    await served.stop()
    fs.rmSync(root, { recursive: true, force: true })
  },
})

/** A server message that carries entries of the big folder (columns or items). */
const bigBatch = (text: string, bigDir: string): boolean => {
  const msg = JSON.parse(text) as { type: string }
  return (msg.type === 'columns' || msg.type === 'items') && text.includes(JSON.stringify(`${bigDir}/`).slice(1, -1))
}

test('a folder typed while another streams shows only its own entries, even when the old batches come late', async ({
  page,
  tree,
}) => {
  test.setTimeout(120_000)
  const problems = watchConsole(page)
  const bigDir = path.join(tree.root, 'big')
  const smallDir = path.join(tree.root, 'small')
  // The big folder's batches after its first, and its answer, are held at the socket, then let through
  // after the switch: messages in flight when the folder was left, without timing anything.
  const held: string[] = []
  let bigFirstSeen = false
  let bigId: number | null = null
  let toPage: ((m: string) => void) | null = null
  let forwarded = 0
  await page.routeWebSocket(/\/ws/, (ws) => {
    const server = ws.connectToServer()
    toPage = (m) => {
      forwarded++
      ws.send(m)
    }
    ws.onMessage((m) => {
      const req = JSON.parse(String(m)) as { id: number; channel: string; envelope: { args?: unknown[] } }
      if (req.channel === 'links:list' && req.envelope.args?.[0] === bigDir) bigId = req.id
      server.send(m)
    })
    server.onMessage((m) => {
      const text = String(m)
      const msg = JSON.parse(text) as { type: string; id?: number }
      // the big listing's own answer is held too: it comes after its batches
      if ((bigBatch(text, bigDir) && bigFirstSeen) || (msg.type === 'result' && msg.id === bigId)) held.push(text)
      else {
        if (bigBatch(text, bigDir)) bigFirstSeen = true
        toPage!(text)
      }
    })
  })
  // The messages the page's socket has handed to the app (counted by a listener that runs before the
  // app's own, which then runs in the same task).
  await page.addInitScript(() => {
    const w = window as unknown as { received: number }
    w.received = 0
    const Native = window.WebSocket
    window.WebSocket = class extends Native {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args)
        this.addEventListener('message', () => w.received++)
      }
    }
  })

  await page.goto(tree.url)
  await expect(page.locator('.tbody .row').first()).toBeVisible({ timeout: 60_000 })
  await typeAddress(page, bigDir)
  await expect(page.getByTestId('count-entries')).toHaveText('Loading… 200 entries so far')
  await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0)

  await typeAddress(page, smallDir)
  await expect(page.getByTestId('count-entries')).toHaveText('3 entries')
  // the late messages of the big folder arrive now; once the page has handled them all, a timer set
  // after them with a longer delay than the table's redraw (FLUSH_MS) runs after any redraw they asked for
  const late = held.splice(0)
  for (const m of late) toPage!(m)
  await expect.poll(() => page.evaluate(() => (window as unknown as { received: number }).received)).toBe(forwarded)
  await page.evaluate(() => new Promise((done) => setTimeout(done, 1000)))
  await expect(page.getByTestId('count-entries')).toHaveText('3 entries')
  await expect(page.locator('.crumb.current')).toHaveText('small')
  // the names in their order (numbers by value), and nothing of the big folder
  await expect.poll(() => page.locator('.tbody .row .name').allTextContents()).toEqual(['s1.txt', 's2.txt', 's10.txt'])
  await expect(page.getByRole('grid')).toHaveAttribute('aria-rowcount', String(SMALL.length + 1))
  await shot(page, 'folder-switch-mid-stream')
  expect(late.length).toBeGreaterThan(0)
  expect(problems).toEqual([])
})
