/**
 * Accessibility: every view of views.ts, light and dark, checked by axe-core in the real page. No
 * serious or critical violation may remain; each one found is printed with the elements it names.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'

import { inView, SCHEMES, VIEWS } from './views'

const SIZE = { width: 1400, height: 900 }

for (const view of VIEWS) {
  test(`a11y: ${view.name}, light and dark`, async ({ browser }) => {
    test.setTimeout(300_000)
    // one window per view; the colour scheme switches in place (the view is reached once)
    await inView(browser, view, { size: SIZE, scheme: 'light' }, async (page) => {
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme })
        const result = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
          .analyze()
        const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        const said = bad.map(
          (v) =>
            `${scheme} ${v.impact} ${v.id}: ${v.help}\n  ${v.nodes
              .slice(0, 5)
              .map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''}`)
              .join('\n  ')}`,
        )
        expect(said, `${view.name} (${scheme})`).toEqual([])
        // the checks ran on the view itself, not on an empty page
        expect(result.passes.length).toBeGreaterThan(10)
      }
    })
  })
}
