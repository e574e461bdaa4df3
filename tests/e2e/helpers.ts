/**
 * e2e helpers: a real temporary tree with every link shape, and a real `linkscope serve` on it.
 * Nothing is faked: the browser talks to the real server, which lists the real disk.
 */
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { expect, type Page, test as base } from '@playwright/test'

import { giveToOtherUser, spawnAsOtherUser, stageForOtherUser } from '../helpers/as-user'

const repo = path.resolve(__dirname, '..', '..')

/**
 * The tree: hard links spread over folders, relative / absolute / folder symlinks, dangling links, a
 * chain, a loop and unicode names. Returns its root.
 */
export function buildTree(at?: string): string {
  if (at) fs.mkdirSync(at, { recursive: true })
  const root = fs.realpathSync(at ?? fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-e2e-')))
  const p = (...parts: string[]): string => path.join(root, ...parts)
  fs.mkdirSync(p('docs'))
  fs.mkdirSync(p('other', 'deep'), { recursive: true })
  fs.mkdirSync(p('photos'))
  fs.mkdirSync(p('drop-here'))
  fs.mkdirSync(p('empty'))
  fs.writeFileSync(p('plain.txt'), 'plain\n')
  fs.writeFileSync(p('docs', 'report.txt'), 'report body\n')
  fs.writeFileSync(p('docs', 'notes.md'), '# notes\n')
  // one file, three names in three folders
  fs.linkSync(p('docs', 'report.txt'), p('report-hardlink.txt'))
  fs.linkSync(p('docs', 'report.txt'), p('other', 'deep', 'report-copy-name.txt'))
  fs.writeFileSync(p('photos', 'a.jpg'), 'jpeg a')
  fs.writeFileSync(p('photos', 'b.jpg'), 'jpeg b')
  fs.symlinkSync('plain.txt', p('rel-link'))
  fs.symlinkSync(p('plain.txt'), p('abs-link'))
  fs.symlinkSync('docs', p('folder-link'))
  fs.symlinkSync('other/deep/report-copy-name.txt', p('deep-report-link'))
  fs.symlinkSync('missing.txt', p('dangling'))
  fs.symlinkSync('rel-link', p('chain'))
  fs.symlinkSync('loop-b', p('loop-a'))
  fs.symlinkSync('loop-a', p('loop-b'))
  fs.writeFileSync(p('ünïcödé ✓.txt'), 'unicode\n')
  fs.writeFileSync(p('.hidden'), 'hidden\n')
  return root
}

export type Served = { root: string; url: string; stop(): Promise<void> }

/**
 * Start `node bin/linkscope.js serve DIR --port 0` and read its one line with the address. Permission
 * cases run the server as the unprivileged user `nobody`, from a stage it may read (needs root).
 */
export async function serve(root: string, opts: { asNobody?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Served> {
  // Picked sources persist in the config folder: each server gets its own, so tests never share picks.
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'linkscope-e2e-config-'))
  const stage = opts.asNobody ? stageForOtherUser() : undefined
  if (stage) giveToOtherUser(config)
  const args = [stage?.cli ?? path.join(repo, 'bin', 'linkscope.js'), 'serve', root, '--port', '0']
  const spawnOpts: SpawnOptions = {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LINKSCOPE_CONFIG_DIR: config, ...opts.env }, // a test may keep its own across restarts
  }
  const child: ChildProcess = stage
    ? spawnAsOtherUser(process.execPath, args, spawnOpts)
    : spawn(process.execPath, args, spawnOpts)
  const cleanUp = (): void => {
    fs.rmSync(config, { recursive: true, force: true })
    stage?.remove()
  }
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    let errText = ''
    const timer = setTimeout(() => reject(new Error(`serve printed no address in 15 s: ${out}${errText}`)), 15_000)
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /Linkscope is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    child.stderr!.on('data', (d: Buffer) => {
      errText += d.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code}: ${errText}`))
    })
  }).catch((e: unknown) => {
    child.kill('SIGTERM')
    cleanUp()
    throw e
  })
  return {
    root,
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          cleanUp()
          resolve()
        }
        if (child.exitCode !== null) return done()
        child.once('exit', done)
        child.kill('SIGTERM')
      }),
  }
}

/** Open `dir` as a user would: Ctrl+L, the path typed into the address bar, Enter. */
export async function typeAddress(page: Page, dir: string): Promise<void> {
  await page.keyboard.press('Control+l')
  const address = page.getByRole('textbox', { name: 'Address' })
  await address.fill(dir)
  await address.press('Enter')
}

/** Console errors (CSP violations show up here in Chromium) and uncaught page errors. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  return problems
}

export const screensDir = path.join(repo, 'test-results', 'screens')

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screensDir, { recursive: true })
  await page.screenshot({ path: path.join(screensDir, `${name}.png`) })
}

/** A test with its own tree and server, opened in the page; the console is watched throughout. */
export const test = base.extend<{ served: Served; problems: string[] }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
  served: async ({}, use) => {
    const root = buildTree()
    const served = await serve(root)
    await use(served)
    await served.stop()
    fs.rmSync(root, { recursive: true, force: true })
  },
  problems: async ({ page }, use) => {
    await use(watchConsole(page))
  },
})

export { expect }

/** The table row for a name in the open folder. */
export const row = (page: Page, name: string) =>
  page.locator('.tbody .row').filter({
    has: page.locator('.c-name .name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
  })

export async function openApp(page: Page, served: Served): Promise<void> {
  await page.goto(served.url)
  // "listed in N ms" appears only once the start folder's listing has ended, so nothing a test does
  // next (stopping the server, say) can race the first listing.
  await expect(page.locator('footer.statusbar')).toContainText(/listed in \d+ ms/)
  await expect(page.locator('[data-testid=count-entries]')).toHaveText(/^\d+ entr/)
}

/** The context menu, opened on a row or on the empty area below the rows. */
export const menu = (page: Page) => page.locator('.context-menu')

export async function rightClick(page: Page, name: string): Promise<void> {
  await row(page, name).click({ button: 'right' })
  await expect(menu(page)).toBeVisible()
}

export async function rightClickEmpty(page: Page): Promise<void> {
  const box = (await page.locator('.tbody').boundingBox())!
  await page.locator('.tbody').click({ button: 'right', position: { x: box.width / 2, y: box.height - 16 } })
  await expect(menu(page)).toBeVisible()
}
