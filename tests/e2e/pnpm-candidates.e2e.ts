// Find candidates in a pnpm store: a candidate of another version of the package is never "closest"
// and never picked by the batch repair, however near it is on disk.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import AxeBuilder from '@axe-core/playwright'
import { type Page, test as base } from '@playwright/test'

import { expect, serve, type Served, shot, watchConsole } from './helpers'

/** A pnpm virtual store with two packages deleted, so their dependants' links are broken. */
function buildStore(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-e2e-pnpm-')))
  const pnpm = path.join(root, 'node_modules', '.pnpm')
  const pkg = (store: string, name: string, version: string): string => {
    const dir = path.join(store, `${name}@${version}`, 'node_modules', name)
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version }))
    return dir
  }
  const link = (from: string, name: string, to: string): void =>
    fs.symlinkSync(`../../${to}/node_modules/${name}`, path.join(path.dirname(from), name))
  const debug = pkg(pnpm, 'debug', '4.4.3')
  link(debug, 'ms', 'ms@2.1.3') // ms@2.1.3 is gone; only ms@2.0.0 is in the store
  pkg(pnpm, 'ms', '2.0.0')
  const accepts = pkg(pnpm, 'accepts', '1.3.8')
  link(accepts, 'mime-types', 'mime-types@2.1.35') // gone from the store; a copy of that version is kept elsewhere
  pkg(pnpm, 'mime-types', '2.1.34')
  pkg(path.join(root, 'kept'), 'mime-types', '2.1.35')
  return root
}

const test = base.extend<{ root: string; served: Served; problems: string[] }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
  root: async ({}, use) => {
    const root = buildStore()
    await use(root)
    fs.rmSync(root, { recursive: true, force: true })
  },
  served: async ({ root }, use) => {
    const served = await serve(root)
    await use(served)
    await served.stop()
  },
  problems: async ({ page }, use) => {
    await use(watchConsole(page))
  },
})

const brokenRow = (page: Page, p: string) => page.locator(`.broken-table .tbody .row[data-path="${p}"]`)
const details = (page: Page) => page.getByRole('complementary', { name: 'Scan details' })

test('another version of the package is offered last, marked, and left alone by the batch repair', async ({
  page,
  served,
  root,
  problems,
}) => {
  const pnpm = path.join(root, 'node_modules', '.pnpm')
  const msLink = path.join(pnpm, 'debug@4.4.3', 'node_modules', 'ms')
  const mimeLink = path.join(pnpm, 'accepts@1.3.8', 'node_modules', 'mime-types')
  await page.goto(served.url)
  await expect(page.locator('[data-testid=count-entries]')).toHaveText(/^\d+ entr/)
  await page.getByRole('button', { name: 'Scan this folder' }).click()
  await expect(page.getByTestId('broken-count')).toHaveText('2')

  // ms: only 2.0.0 exists; it is shown, but as another version, not as the closest
  await brokenRow(page, msLink).click()
  await details(page).getByRole('button', { name: 'Find candidates' }).click()
  const candidates = details(page).getByLabel('Candidates')
  await expect(candidates.locator('li')).toHaveCount(1)
  await expect(candidates.locator('li').first()).toContainText('../../ms@2.0.0/node_modules/ms')
  await expect(candidates.locator('li').first()).toContainText('version 2.0.0, not 2.1.3')
  await expect(candidates.locator('.pill-best')).toHaveCount(0)
  await expect(
    candidates.getByRole('button', { name: /\(ms 2\.0\.0, not the 2\.1\.3 the link asked for\)$/ }),
  ).toBeVisible()
  await shot(page, 'scan-candidates-other-version')
  // the marked candidate stays readable: no serious or critical axe finding in the panel
  const axe = await new AxeBuilder({ page })
    .include('[aria-label="Candidates"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])

  // mime-types: the kept 2.1.35 comes first and is the closest, although 2.1.34 sits next door
  await brokenRow(page, mimeLink).click()
  await details(page).getByRole('button', { name: 'Find candidates' }).click()
  await expect(candidates.locator('li')).toHaveCount(2)
  await expect(candidates.locator('li').nth(0)).toContainText('kept/mime-types@2.1.35/node_modules/mime-types')
  await expect(candidates.locator('li').nth(0)).toContainText('closest')
  await expect(candidates.locator('li').nth(1)).toContainText('version 2.1.34, not 2.1.35')

  // the batch repair takes 2.1.35 for mime-types and leaves ms alone, saying why
  await brokenRow(page, msLink).getByRole('checkbox').check()
  await brokenRow(page, mimeLink).getByRole('checkbox').check()
  await page.getByRole('button', { name: 'Retarget to candidates…' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toHaveAttribute('aria-label', 'Retarget 1 of 2 to the closest candidate?')
  await expect(dialog).toContainText(
    'ms — only another version was found (ms 2.0.0, not the 2.1.3 the link asked for); it stays as it is.',
  )
  await shot(page, 'scan-batch-other-version')
  await dialog.getByRole('button', { name: 'Retarget 1 link' }).click()
  await expect(brokenRow(page, mimeLink)).toHaveCount(0)
  expect(fs.readlinkSync(mimeLink)).toBe('../../../../kept/mime-types@2.1.35/node_modules/mime-types')
  expect(fs.readlinkSync(msLink)).toBe('../../ms@2.1.3/node_modules/ms')
  await expect(brokenRow(page, msLink)).toHaveCount(1)
  expect(problems).toEqual([])
})
