/** Shared set-up of the dedupe tests: a temp tree, a private state folder for journals, and file shorthands. */
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach } from 'vitest'

import { makeTempDir } from '../../helpers/link-tree'

export type Tree = {
  root: string
  p: (...parts: string[]) => string
  write: (rel: string, data: string | Buffer) => string
  done: () => void
}

export function makeTree(prefix = 'linkscope-dedupe-', base?: string): Tree {
  const root = makeTempDir(prefix, base)
  fs.chmodSync(root, 0o755)
  const p = (...parts: string[]): string => path.join(root, ...parts)
  return {
    root,
    p,
    write(rel, data) {
      const full = p(rel)
      fs.mkdirSync(path.dirname(full), { recursive: true })
      fs.writeFileSync(full, data)
      return full
    },
    done: () => fs.rmSync(root, { recursive: true, force: true }),
  }
}

/** A journal folder of the test's own, so runs in parallel never tidy up after each other. */
export function privateState(): () => void {
  const dir = makeTempDir('linkscope-dedupe-state-')
  const before = process.env.LINKSCOPE_STATE_DIR
  process.env.LINKSCOPE_STATE_DIR = dir
  return () => {
    if (before === undefined) delete process.env.LINKSCOPE_STATE_DIR
    else process.env.LINKSCOPE_STATE_DIR = before
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

export const idOf = (p: string): string => {
  const st = fs.lstatSync(p)
  return `${st.dev}:${st.ino}`
}
export const data = (n: number): Buffer => randomBytes(n)
/** Every path with its bytes, to check that no path's content changed. */
export function contents(paths: readonly string[]): Map<string, string> {
  return new Map(paths.map((p) => [p, fs.readFileSync(p).toString('base64')]))
}

/** Two pairs of equal files, a and b in the tree, c and d on /dev/shm (another device); `fn` gets the shm folder. */
export async function onTwoDevices(t: Tree, size: number, fn: (shm: string) => Promise<void>): Promise<void> {
  const shm = makeTempDir('linkscope-dedupe-shm-', '/dev/shm')
  try {
    const body = data(size)
    t.write('a', body)
    t.write('b', body)
    fs.writeFileSync(path.join(shm, 'c'), body)
    fs.writeFileSync(path.join(shm, 'd'), body)
    await fn(shm)
  } finally {
    fs.rmSync(shm, { recursive: true, force: true })
  }
}

/** A fresh tree and private dedupe state for each test, handed to `use`; both removed after it. */
export function eachTestTree(use: (t: Tree) => void): void {
  let tree: Tree
  let endState: () => void
  beforeEach(() => {
    tree = makeTree()
    endState = privateState()
    use(tree)
  })
  afterEach(() => {
    tree.done()
    endState()
  })
}
