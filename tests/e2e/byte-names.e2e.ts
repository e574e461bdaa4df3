// Names are bytes, in the app: names that are not UTF-8 or hold control characters are listed, shown with
// visible escapes, opened and acted on through the browser's JSON round trip, each as exactly itself.
import * as fs from 'node:fs'
import * as path from 'node:path'

import type { Page } from '@playwright/test'

import { expect, openApp, shot, test } from './helpers'

const b = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((p) => Buffer.from(p as string)))
const names = (dir: string): string[] =>
  fs
    .readdirSync(Buffer.from(dir), { encoding: 'buffer' })
    .map((n) => n.toString('hex'))
    .sort()
/** The row whose name cell reads `shown` (the escaped text the page draws). */
const shownRow = (page: Page, shown: string) =>
  page.locator('.tbody .row').filter({ has: page.locator('.c-name .name', { hasText: shown }) })

test('names that are not UTF-8 or hold controls are shown escaped, opened and removed exactly', async ({
  page,
  served,
  problems,
}) => {
  const odd = path.join(served.root, 'odd names')
  const at = (...parts: Buffer[]): Buffer =>
    Buffer.concat([Buffer.from(odd), ...parts.flatMap((p) => [Buffer.from('/'), p])])
  fs.mkdirSync(odd)
  fs.writeFileSync(at(b('caf', [0xe9], '.txt')), 'latin-1 name')
  fs.writeFileSync(at(b('caf\u00e9.txt')), 'utf-8 name') // what a lossy decoder would confuse it with
  fs.symlinkSync(b('caf', [0xe9], '.txt'), at(b('two\nlines')))
  fs.writeFileSync(at(b('report\u202Etxt.exe')), 'bidi')
  fs.mkdirSync(at(b('d', [0xff])))
  fs.writeFileSync(at(b('d', [0xff]), b('inside', [0xfe])), 'x')

  await openApp(page, served)
  await page.locator('.tbody .row').filter({ hasText: 'odd names' }).dblclick()
  await expect(page.locator('[data-testid=count-entries]')).toHaveText(/^5 entr/)
  await expect(shownRow(page, 'caf\\xE9.txt')).toHaveCount(1)
  await expect(shownRow(page, 'café.txt')).toHaveCount(1)
  await expect(shownRow(page, 'two\\nlines')).toHaveCount(1)
  await expect(shownRow(page, 'report\\u202Etxt.exe')).toHaveCount(1)
  // the escapes are marked, and the link's target shows its byte too
  await expect(shownRow(page, 'caf\\xE9.txt').locator('.esc')).toHaveText('\\xE9')
  await expect(shownRow(page, 'two\\nlines').locator('.c-target')).toContainText('caf\\xE9.txt')
  await expect(shownRow(page, 'two\\nlines').locator('.c-status')).toHaveText('OK') // alive: its target is that very file

  await shownRow(page, 'caf\\xE9.txt').click()
  await expect(page.locator('.details')).toContainText('odd names/caf\\xE9.txt')
  await expect(page.locator('.details')).toContainText('The name is not valid UTF-8')
  await shot(page, 'byte-names')

  // a folder whose name is not UTF-8 opens, and lists what is inside it
  await shownRow(page, 'd\\xFF').dblclick()
  await expect(page.locator('.crumb.current')).toHaveText('d\\xFF')
  await expect(shownRow(page, 'inside\\xFE')).toHaveCount(1)
  await page.keyboard.press('Alt+ArrowUp')
  await expect(shownRow(page, 'two\\nlines')).toHaveCount(1)

  // removing the link removes exactly that entry: its target and the look-alike stay
  const before = names(odd)
  await shownRow(page, 'two\\nlines').click({ button: 'right' })
  await page.getByRole('menuitem', { name: /Remove/ }).click()
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Remove/ })
    .click()
  await expect(shownRow(page, 'two\\nlines')).toHaveCount(0)
  expect(names(odd)).toEqual(before.filter((n) => n !== b('two\nlines').toString('hex')))
  expect(fs.readFileSync(at(b('caf', [0xe9], '.txt')), 'utf8')).toBe('latin-1 name')
  expect(problems).toEqual([])
})
