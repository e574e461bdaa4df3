// LINKSCOPE_TIMING=1: the CLI scan says on stderr where its time went, and prints exactly what it prints without it.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'

import { afterAll, beforeAll, expect, it } from 'vitest'

import { CLI } from '../../helpers/built'
import { buildLinkTree, makeTempDir } from '../../helpers/link-tree'

const PHASES = ['start-up', 'walk', 'drain', 'output', 'finish']
let root: string
beforeAll(() => {
  root = makeTempDir('linkscope-timing-')
  buildLinkTree(root)
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

const scan = (env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [CLI, 'scan', root, '--json'], { encoding: 'utf8', env: { ...process.env, ...env } })
/** The output without the summary's own duration, which differs between any two runs. */
const results = (stdout: string) => stdout.replace(/"ms":\d+/, '"ms":0')

it('prints one timing line whose phases add up to the total, and the same results as without it', () => {
  const plain = scan({ LINKSCOPE_TIMING: '' })
  const timed = scan({ LINKSCOPE_TIMING: '1' })
  expect(plain.status).toBe(0)
  expect(timed.status).toBe(0)
  expect(results(timed.stdout)).toBe(results(plain.stdout))
  expect(plain.stderr).not.toContain('timing:')
  const line = timed.stderr.split('\n').find((l) => l.startsWith('timing: '))
  expect(line).toBeDefined()
  const ms = Object.fromEntries([...(line as string).matchAll(/([a-z-]+) (\d+) ms/g)].map((m) => [m[1], Number(m[2])]))
  expect(Object.keys(ms)).toEqual([...PHASES, 'total'])
  const sum = PHASES.reduce((a, p) => a + (ms[p] as number), 0)
  // each phase is rounded on its own, and the total is read a moment after the last phase ends
  expect(Math.abs(sum - (ms.total as number))).toBeLessThanOrEqual(PHASES.length + 5)
  expect(ms['start-up']).toBeGreaterThan(0)
})
