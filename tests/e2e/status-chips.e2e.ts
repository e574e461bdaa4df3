// The status bar's counts are filters: a button named by what it counts, pressed from the keyboard,
// that says whether it is on (aria-pressed) and clears on a second press; axe finds nothing serious.
import AxeBuilder from '@axe-core/playwright'

import { expect, openApp, shot, test } from './helpers'

const names = (page: import('@playwright/test').Page) => page.locator('.tbody .row .c-name .name').allTextContents()

test('status chips: keyboard filters by kind, a second press clears, axe-clean in light and dark', async ({
  page,
  served,
  problems,
}) => {
  await openApp(page, served)
  const filter = page.getByRole('searchbox', { name: 'Filter' })
  const all = await page.locator('.tbody .row').count()
  const broken = page.getByRole('button', { name: '3 broken' })
  const hard = page.getByRole('button', { name: /^\d+ hard-linked$/ })
  await expect(broken).toHaveAttribute('aria-pressed', 'false')

  await broken.focus()
  await page.keyboard.press('Enter')
  await expect(broken).toHaveAttribute('aria-pressed', 'true')
  await expect(filter).toHaveValue('broken')
  await expect.poll(async () => (await names(page)).sort()).toEqual(['dangling', 'loop-a', 'loop-b'])
  await shot(page, 'status-chip-broken')

  // another chip takes over the filter; the first one is no longer pressed
  await hard.focus()
  await page.keyboard.press('Space')
  await expect(hard).toHaveAttribute('aria-pressed', 'true')
  await expect(broken).toHaveAttribute('aria-pressed', 'false')
  await expect(filter).toHaveValue('hard link')

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    const result = await new AxeBuilder({ page })
      .include('footer.statusbar')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze()
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(bad.map((v) => `${scheme} ${v.id}: ${v.help}`)).toEqual([])
    expect(result.passes.length).toBeGreaterThan(0)
  }

  // a second press clears the filter: every row is back
  await page.keyboard.press('Space')
  await expect(hard).toHaveAttribute('aria-pressed', 'false')
  await expect(filter).toHaveValue('')
  await expect(page.locator('.tbody .row')).toHaveCount(all)
  expect(problems).toEqual([])
})
