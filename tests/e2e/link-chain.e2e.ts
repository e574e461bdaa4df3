// "Resolves to" hop by hop: a link to a link to a file shows each hop, each one opens in the explorer;
// a chain that breaks says where.
import * as fs from 'node:fs'
import * as path from 'node:path'

import { expect, openApp, row, shot, test } from './helpers'

test('the details panel shows a link chain hop by hop, and each hop opens', async ({ page, served, problems }) => {
  const p = (...parts: string[]): string => path.join(served.root, ...parts)
  fs.mkdirSync(p('hops', 'alternatives'), { recursive: true })
  fs.mkdirSync(p('hops', 'bin'))
  fs.writeFileSync(p('hops', 'bin', 'mawk'), 'awk')
  fs.symlinkSync(p('hops', 'bin', 'mawk'), p('hops', 'alternatives', 'awk'))
  fs.symlinkSync('../alternatives/awk', p('hops', 'bin', 'awk'))
  fs.symlinkSync('../alternatives/gone', p('hops', 'bin', 'nawk'))
  fs.symlinkSync('nowhere', p('hops', 'alternatives', 'gone'))

  await openApp(page, served)
  await row(page, 'hops').dblclick()
  await row(page, 'bin').dblclick()
  await row(page, 'awk').click()
  const hops = page.getByRole('list', { name: 'Where the link leads, hop by hop' })
  await expect(hops.getByRole('listitem')).toHaveText([p('hops', 'alternatives', 'awk'), p('hops', 'bin', 'mawk')])
  await expect(page.locator('.details')).toContainText('Resolves to (2 hops)')
  await shot(page, 'link-chain')

  await row(page, 'nawk').click()
  await expect(hops.getByRole('listitem')).toHaveText([
    p('hops', 'alternatives', 'gone'),
    p('hops', 'alternatives', 'nowhere'),
  ])
  await expect(page.locator('.chain-end')).toHaveText('which does not exist')

  // a hop opens its folder with it selected
  await hops.getByRole('button', { name: p('hops', 'alternatives', 'gone') }).click()
  await expect(page.locator('.crumb.current')).toHaveText('alternatives')
  await expect(row(page, 'gone')).toHaveAttribute('aria-selected', 'true')
  expect(problems).toEqual([])
})
