// Browser mode survives a reload: the token left the address bar but stays with the tab.
import { expect, openApp, test } from './helpers'

test('a reload keeps working without the token in the address', async ({ page, served, problems }) => {
  await openApp(page, served)
  await expect(page.locator('[data-testid=count-entries]')).toHaveText('17 entries')
  expect(page.url()).not.toContain('token=')
  await page.reload()
  await expect(page.locator('[data-testid=count-entries]')).toHaveText('17 entries')
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect(problems).toEqual([])
})

test('a page opened without the token gets no folder data and says how to get in', async ({ page, served }) => {
  const bare = new URL(served.url)
  bare.search = ''
  await page.goto(bare.toString())
  await expect(page.getByRole('alert')).toContainText('needs its full address')
  await page.screenshot({ path: 'test-results/screens/state-needs-token.png' })
  await expect(page.locator('.tbody .row')).toHaveCount(0)
})
