/**
 * The engine runs in a worker thread; closing a window mid-scan or mid-listing ends that worker at once,
 * while the addon is inside a call or its walk threads are still listing folders. The process must live
 * on: the addon stays loaded, and no call writes through a buffer N-API refused to make.
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { REPO } from '../../helpers/electron-sim'
import { type BigTree, makeBigTree } from './big-tree'

const ADDON = path.join(REPO, 'out', 'native', 'linkscope_scan.node')
const ROUNDS = 40

// What each worker does until it is terminated.
const WORK = {
  walk: 'm.exports.walkStart(root, st.dev, st.ino, 0, 4); parentPort.postMessage(0)',
  list: `parentPort.postMessage(0)
for (;;) { const h = m.exports.listOpen(root); while (m.exports.listNext(h, 500)); }`,
}

// Each round: a worker loads the addon, starts its work, and is terminated a moment later.
const parentScript = (work: string): string => `
const { Worker } = require('node:worker_threads')
const [addon, root, rounds] = process.argv.slice(1)
const child = \`
const { parentPort } = require('node:worker_threads')
const m = { exports: {} }
process.dlopen(m, \${JSON.stringify(addon)})
const root = \${JSON.stringify(root)}
const st = require('node:fs').statSync(root)
${work.replace(/`/g, '\\`')}
\`
let done = 0
const next = () => {
  if (done === Number(rounds)) return console.log('rounds', done)
  const w = new Worker(child, { eval: true })
  w.once('message', () => setTimeout(() => w.terminate(), done % 5))
  w.once('exit', () => { done++; setImmediate(next) })
}
next()
`

let tree: BigTree
let flat: string
beforeAll(() => {
  tree = makeBigTree('worker-exit-', 30, 30, 10)
  flat = path.join(tree.root, 'flat')
  fs.mkdirSync(flat)
  for (let i = 0; i < 4000; i++) fs.writeFileSync(path.join(flat, `f${i}`), '')
})
afterAll(() => fs.rmSync(tree.root, { recursive: true, force: true }))

describe('a worker ended in the middle of native work leaves the process running', () => {
  it.each([
    ['a walk, its threads still listing', 'walk'],
    ['a listing, inside listNext', 'list'],
  ] as const)('%s', (_what, kind) => {
    const root = kind === 'walk' ? tree.root : flat
    const r = spawnSync(process.execPath, ['-e', parentScript(WORK[kind]), ADDON, root, String(ROUNDS)], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect({ signal: r.signal, status: r.status, stderr: r.stderr }).toEqual({ signal: null, status: 0, stderr: '' })
    expect(r.stdout.trim()).toBe(`rounds ${ROUNDS}`)
  })
})
