// A compare lists both trees ahead on the addon's threads (compare-prewalk.ts). Each folder listing it
// rebuilds must be the one a folder listing gives, and a compare must print the same records, byte for
// byte, whether it lists ahead or not (LINKSCOPE_SCAN_NATIVE=0: the node:fs lister, folder by folder).
import { execFileSync, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { nativeScan } from '../../../electron/engine/scan/native-scan'
import { listAhead } from '../../../electron/engine/tree/compare-prewalk'
import { folderRecords } from '../../../electron/engine/tree/folder-records'
import { Pacer } from '../../../electron/engine/tree/pacer'
import { CLI } from '../../helpers/built'
import { buildTreeFixture, type Fixture } from './tree-fixture'

let fx: Fixture
let b: string

beforeAll(() => {
  fx = buildTreeFixture('linkscope-prewalk-')
  b = path.join(fx.top, 'b')
  execFileSync('cp', ['-al', fx.src, b]) // a hard-link clone, then changed here and there
  fs.writeFileSync(path.join(b, 'plain.txt.new'), 'only in b\n')
  fs.mkdirSync(path.join(b, 'only-b', 'deeper'), { recursive: true })
  fs.writeFileSync(path.join(b, 'only-b', 'deeper', 'x.txt'), 'x')
  fs.rmSync(path.join(b, 'docs', 'deep'), { recursive: true })
  fs.writeFileSync(path.join(b, 'docs', 'deep'), 'a file where A has a folder')
  fs.rmSync(path.join(b, 'plain.txt'))
  fs.writeFileSync(path.join(b, 'plain.txt'), 'plain\n') // same bytes, another file
  fs.writeFileSync(Buffer.from(path.join(b, 'not-utf8-\xff.txt'), 'latin1'), 'bytes') // a name that is not UTF-8
})

afterAll(() => fs.rmSync(fx.top, { recursive: true, force: true }))

/** Every folder under `root`, found by find(1). */
const foldersOf = (root: string): string[] =>
  execFileSync('find', [root, '-type', 'd', '-print0'], { encoding: 'latin1' })
    .split('\0')
    .filter(Boolean)
    .map((p) => Buffer.from(p, 'latin1').toString('utf8'))

describe('compare lists ahead', () => {
  it("rebuilds each folder's listing exactly as a folder listing gives it", async () => {
    const native = nativeScan()
    if (!native) throw new Error('the addon is not built; this test needs it')
    const roots = [fx.src, b].map((p) => {
      const st = fs.statSync(p)
      return { path: p, dev: st.dev, ino: st.ino }
    })
    const listed = await listAhead(native, roots, new Pacer())
    const folders = [...foldersOf(fx.src), ...foldersOf(b)]
    expect(folders.length).toBeGreaterThan(8)
    for (const dir of folders) {
      const ahead = listed.get(dir)
      expect({ dir, listed: ahead !== undefined }).toEqual({ dir, listed: true })
      const now = folderRecords(native, dir, '', [])
      // link texts by entry (an entry without one has none either way)
      const texts = (f: typeof now | undefined): unknown[] => (f?.names ?? []).map((_, i) => f?.targets[i])
      expect({ dir, names: ahead?.names, texts: texts(ahead) }).toEqual({ dir, names: now.names, texts: texts(now) })
      expect(Array.from(ahead?.recs ?? [])).toEqual(Array.from(now.recs))
    }
  })

  it('prints the same records, byte for byte, as a compare that lists folder by folder with node:fs', () => {
    const run = (native: string): string => {
      const r = spawnSync(process.execPath, [CLI, 'compare', fx.src, b, '--json'], {
        encoding: 'utf8',
        env: { ...process.env, LINKSCOPE_SCAN_NATIVE: native },
      })
      expect(r.status, r.stderr).toBe(0)
      return r.stdout.replace(/"ms":\d+/, '"ms":0')
    }
    const ahead = run('1')
    for (const state of ['same-file', 'same-content', 'differs', 'only-a', 'only-b'])
      expect(ahead).toContain(`"state":"${state}"`)
    expect(run('0')).toBe(ahead)
  })
})
