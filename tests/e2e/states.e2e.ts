// Refusals and lost connections say what happened in plain words.
import * as fs from 'node:fs'
import * as path from 'node:path'

import { test as base } from '@playwright/test'

import { SWITCHES_USER } from '../helpers/as-user'
import { isRoot, needsRoot } from '../helpers/needs-root'
import { buildTree, expect, openApp, row, serve, type Served, shot, watchConsole } from './helpers'

const test = base.extend<{ nobody: Served }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
  nobody: async ({}, use, testInfo) => {
    testInfo.skip(!isRoot, needsRoot(SWITCHES_USER))
    const root = buildTree()
    fs.chmodSync(root, 0o755) // mkdtemp makes 0700; nobody must be able to enter the tree itself
    fs.mkdirSync(path.join(root, 'locked'))
    fs.writeFileSync(path.join(root, 'locked', 'secret.txt'), 'secret')
    fs.chmodSync(path.join(root, 'locked'), 0o700) // root's only
    fs.symlinkSync('locked/secret.txt', path.join(root, 'into-locked'))
    const served = await serve(root, { asNobody: true })
    await use(served)
    await served.stop()
    fs.rmSync(root, { recursive: true, force: true })
  },
})

test('as an unprivileged user, a folder you may not read says so and what to do', async ({ page, nobody }) => {
  const problems = watchConsole(page)
  await openApp(page, nobody)
  await expect(row(page, 'into-locked').locator('.c-status')).toHaveText('No access')
  await row(page, 'locked').dblclick()
  await expect(page.getByRole('alert')).toContainText('You may not open this folder.')
  await expect(page.getByRole('alert')).toContainText(
    'Ask its owner for access, or run Linkscope as a user who may list it',
  )
  await shot(page, 'state-access-denied')
  await page.getByRole('button', { name: 'Go back' }).click()
  await expect(page.locator('[data-testid=count-entries]')).toHaveText('19 entries')

  // and a link into it cannot be followed, with the reason
  await row(page, 'into-locked').dblclick()
  await expect(page.getByRole('alert')).toContainText(
    '“into-locked” cannot be followed: you have no permission to look at its target.',
  )
  expect(problems.filter((p) => !p.includes('403'))).toEqual([])
})

test('when the server goes away, the page says the connection is lost and calls end with that error', async ({
  page,
}) => {
  const problems = watchConsole(page)
  const root = buildTree()
  const served = await serve(root)
  try {
    await openApp(page, served)
    await served.stop()
    await expect(page.getByRole('alert').filter({ hasText: 'Lost the connection to Linkscope' })).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: 'Disconnected' })).toBeVisible()
    await row(page, 'docs').dblclick()
    await expect(page.locator('.folder-state')).toContainText('Linkscope is not connected.')
    await expect(page.locator('.folder-state')).toContainText('Lost the connection to Linkscope')
    await shot(page, 'state-connection-lost')
    // the browser itself logs the failed socket; nothing else may appear
    expect(problems.filter((p) => !/WebSocket|ERR_CONNECTION_REFUSED/.test(p))).toEqual([])
  } finally {
    fs.rmSync(root, { recursive: true, force: true })
  }
})
