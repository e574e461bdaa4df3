// A test's own tree on disk, served by `linkscope serve` with journals in a state folder of its own, and
// the page's console watched: the fixtures the views that change the disk (Compare, Duplicates) share.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { test as base } from '@playwright/test'

import { serve, type Served, watchConsole } from './helpers'

export type Tree = { base: string; root: string; state: string; p: (...parts: string[]) => string }

/** A tree folder under a new temporary folder (`prefix` names it), which `fill` builds (given both). */
export function tempTree(prefix: string, fill: (p: Tree['p'], base: string) => void): Tree {
  const baseDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)))
  const root = path.join(baseDir, 'tree')
  const p = (...parts: string[]): string => path.join(root, ...parts)
  fs.mkdirSync(root)
  fill(p, baseDir)
  return { base: baseDir, root, state: path.join(baseDir, 'state'), p }
}

/** Playwright's test with `tree` (built by `build`, removed after), `served` on it, and `problems`. */
export function testOnTree(build: () => Tree) {
  return base.extend<{ tree: Tree; served: Served; problems: string[] }>({
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture list from this pattern
    tree: async ({}, use) => {
      const tree = build()
      await use(tree)
      fs.rmSync(tree.base, { recursive: true, force: true })
    },
    served: async ({ tree }, use) => {
      // journals go to a state folder of this test's own
      const before = process.env.LINKSCOPE_STATE_DIR
      process.env.LINKSCOPE_STATE_DIR = tree.state
      const served = await serve(tree.root)
      if (before === undefined) delete process.env.LINKSCOPE_STATE_DIR
      else process.env.LINKSCOPE_STATE_DIR = before
      await use(served)
      await served.stop()
    },
    problems: async ({ page }, use) => {
      await use(watchConsole(page))
    },
  })
}

export const ino = (p: string): number => fs.statSync(p).ino
