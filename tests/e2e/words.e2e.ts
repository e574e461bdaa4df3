// The words a person reads (issue 14, first-use review points 8, 11 and 14), with real clicks on a real
// tree: a looping path's headline, a link through a file, one meaning per word, paths that wrap between
// folder names, and no "drive" off Windows.
import * as fs from 'node:fs'

import type { Page } from '@playwright/test'

import { expect, openApp, row, shot, typeAddress } from './helpers'
import { tempTree, testOnTree } from './tree-fixture'

/** Folder names of letters only, each shorter than a line of the panel: every wrap has a place between two. */
const DEEP = ['alphabetical', 'directories', 'containing', 'several', 'longish', 'segments', 'within', 'structure']

const test = testOnTree(() =>
  tempTree('ls-words-', (p) => {
    fs.symlinkSync('loop-b', p('loop-a'))
    fs.symlinkSync('loop-a', p('loop-b'))
    fs.writeFileSync(p('package.json'), '{}\n')
    fs.symlinkSync('package.json/x', p('through-file'))
    fs.writeFileSync(p('a.txt'), 'shared\n')
    fs.linkSync(p('a.txt'), p('b.txt'))
    fs.writeFileSync(p('single.txt'), 'one name\n')
    fs.symlinkSync('a.txt', p('file-link'))
    fs.mkdirSync(p(...DEEP), { recursive: true })
    fs.writeFileSync(p(...DEEP, 'thefile'), 'deep\n')
    fs.symlinkSync(DEEP[0]!, p('folder-link'))
  }),
)

const details = (page: Page) => page.getByRole('complementary', { name: 'Details' })

test('a looping path in the address bar says the links loop, not that the folder is missing', async ({
  page,
  served,
  tree,
  problems,
}) => {
  await openApp(page, served)
  for (const typed of [tree.p('loop-a'), tree.p('loop-a', 'below')]) {
    await typeAddress(page, typed)
    const alert = page.getByRole('alert')
    await expect(alert.locator('h2')).toHaveText('The links on this path loop.')
    await expect(alert).not.toContainText('does not exist')
    await expect(alert).toContainText('Retarget or remove the link named below')
  }
  await shot(page, 'words-address-loop')
  expect(problems).toEqual([])
})

test('a link through a file: the details panel says so in the scan’s words, not “does not exist”', async ({
  page,
  served,
  tree,
  problems,
}) => {
  await openApp(page, served)
  await row(page, 'through-file').click()
  const panel = details(page)
  await expect(panel).toContainText(`Broken, through a file: its path goes through “${tree.p('package.json')}”`)
  await expect(panel).toContainText('which is a file, not a folder')
  await expect(panel).toContainText('Retarget the link or remove it.')
  await expect(panel).toContainText('Broken (through a file)')
  await expect(panel.locator('.chain-end')).toHaveText('which cannot exist: package.json is a file, not a folder')
  await expect(panel).not.toContainText('does not exist')
  await shot(page, 'words-through-file')

  // a link whose target is only missing keeps the plain words
  await row(page, 'loop-a').click()
  await expect(panel).toContainText('Loop: following this link leads back to itself')
  await expect(panel).not.toContainText('through a file')
  expect(problems).toEqual([])
})

test('one word, one meaning: the Names column counts a file’s names; links are “Symlink”; — for the rest', async ({
  page,
  served,
  problems,
}) => {
  await openApp(page, served)
  const head = page.locator('[role=columnheader][data-column=links]')
  await expect(head).toHaveText(/^Names/)
  await expect(head.locator('button')).toHaveAttribute('title', 'Sort by name count (hard links)')
  await expect(page.locator('[role=columnheader]', { hasText: /^Links/ })).toHaveCount(0)

  await expect(row(page, 'a.txt').locator('.c-links')).toHaveText('2')
  await expect(row(page, 'a.txt').locator('.c-links span')).toHaveAttribute(
    'title',
    'This file has 2 names (hard links)',
  )
  await expect(row(page, 'single.txt').locator('.c-links')).toHaveText('1')
  // a file symlink, a folder symlink and a folder all show — (their own link count is not names of data)
  for (const name of ['file-link', 'folder-link', 'alphabetical'])
    await expect(row(page, name).locator('.c-links'), name).toHaveText('—')
  await expect(row(page, 'file-link').locator('.c-kind')).toHaveText('Symlink (file)')
  await expect(row(page, 'a.txt').locator('.c-kind')).toHaveText('Hard link')

  // the panel's folder summary names what it counts, and the chips and the filter use the same words
  await page.locator('.tbody').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('Escape')
  const panel = details(page)
  await page.getByRole('searchbox', { name: 'Filter' }).fill('symlink')
  await expect(page.locator('.tbody .row')).toHaveCount(5) // loop-a, loop-b, through-file, file-link, folder-link
  await page.getByRole('searchbox', { name: 'Filter' }).fill('')
  await expect(page.getByTestId('count-hardlinked')).toHaveText('2 hard-linked')
  await row(page, 'a.txt').click()
  await expect(panel.locator('.pill-hard')).toHaveText('2 names')
  await expect(panel).toContainText('Names2 (hard links)')
  await row(page, 'a.txt').click({ modifiers: ['Control'] })
  await expect(panel.locator('dt', { hasText: /^Symlinks$/ })).toBeVisible()
  await expect(panel.locator('dt', { hasText: /^Symlinks$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText('5')
  await expect(panel.locator('dt', { hasText: /^Links$/ })).toHaveCount(0)
  await shot(page, 'words-names-column')
  expect(problems).toEqual([])
})

/** The text of each line `locator`'s text is drawn on, read from where each character lands. */
async function drawnLines(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluate((el) => {
    const lines: { top: number; text: string }[] = []
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? ''
      for (let i = 0; i < text.length; i++) {
        const r = document.createRange()
        r.setStart(n, i)
        r.setEnd(n, i + 1)
        const box = r.getClientRects()[0]
        if (!box) continue
        const last = lines[lines.length - 1]
        if (last && Math.abs(last.top - box.top) < box.height / 2) last.text += text[i]
        else lines.push({ top: box.top, text: text[i]! })
      }
    }
    return lines.map((l) => l.text)
  })
}

test('paths in the details panel wrap between folder names, never inside one', async ({
  page,
  served,
  tree,
  problems,
}) => {
  await page.setViewportSize({ width: 1000, height: 700 })
  await openApp(page, served)
  await typeAddress(page, tree.p(...DEEP))
  await row(page, 'thefile').click()
  const pathValue = 'aside[aria-label="Details"] dt:text-is("Path") + dd'
  await expect(page.locator(pathValue)).toHaveText(tree.p(...DEEP, 'thefile'))
  const lines = await drawnLines(page, pathValue)
  expect(lines.length, 'the path is long enough to wrap').toBeGreaterThan(1)
  expect(lines.join('')).toBe(tree.p(...DEEP, 'thefile'))
  for (const line of lines.slice(0, -1)) expect(line, `a line ends inside a name: ${lines.join(' | ')}`).toMatch(/\/$/)
  // A screen reader reads the path as one text, without a pause (a space) at each line-break opportunity.
  expect(await page.locator(pathValue).ariaSnapshot()).toBe(`- definition: ${tree.p(...DEEP, 'thefile')}`)
  await shot(page, 'words-path-wrap')
  expect(problems).toEqual([])
})
