/**
 * The screenshot set in docs/screenshots/ (`npm run screenshots`, not part of `npm test`): every view of views.ts at two window sizes, light and dark,
 * each from a fresh window on a tree at a fixed path with fixed dates (so a re-run changes only what
 * changed). Each picture is also checked for what a glance can miss: nothing drawn past the right edge.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { expect, test } from '@playwright/test'

import { inView, SCHEMES, SIZES, VIEWS } from './views'

const outDir = path.resolve(__dirname, '..', '..', 'docs', 'screenshots')
/** Where the tree lives while it is photographed: the address bar shows this path. */
const TREE_AT = '/tmp/linkscope-screens'

for (const view of VIEWS) {
  test(`screenshots: ${view.name}`, async ({ browser }) => {
    test.setTimeout(400_000)
    fs.mkdirSync(outDir, { recursive: true })
    for (const size of SIZES) {
      for (const scheme of SCHEMES) {
        await inView(
          browser,
          view,
          { size, scheme },
          async (page) => {
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
            expect(overflow, 'nothing is drawn past the right edge').toBeLessThanOrEqual(0)
            await page.screenshot({
              path: path.join(outDir, `${view.name}-${size.width}x${size.height}-${scheme}.png`),
            })
          },
          TREE_AT,
        )
      }
    }
  })
}
