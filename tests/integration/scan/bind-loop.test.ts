import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { CLI } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { skipUnlessRoot } from '../../helpers/needs-root'

/**
 * A loop no link is involved in: the root bind-mounted inside itself. Only the visited set of folder
 * ids ends this walk. The mount lives in a private mount namespace (unshare -m), so it vanishes with
 * the command even if the test dies.
 */
let root: string
beforeAll(() => {
  root = makeTempDir('linkscope-bind-')
  fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true })
  fs.symlinkSync('nowhere', path.join(root, 'a', 'broken'))
  fs.writeFileSync(path.join(root, 'file'), 'x')
  fs.linkSync(path.join(root, 'file'), path.join(root, 'a', 'file-2'))
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

const inNamespace = (script: string) =>
  spawnSync('unshare', ['-m', 'sh', '-c', script], { encoding: 'utf8', timeout: 30_000 })

describe('a bind mount looping back to the root', () => {
  beforeEach((ctx) => skipUnlessRoot(ctx, 'bind-mounts a folder (unshare -m, mount --bind)'))

  it('is walked once: the scan ends, each entry reported once', () => {
    const mnt = path.join(root, 'a', 'b')
    const r = inNamespace(
      `mount --bind "${root}" "${mnt}" && ls "${mnt}/a" >/dev/null && "${process.execPath}" "${CLI}" scan "${root}" --json`,
    )
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { path?: string; paths?: string[] })
    expect(lines.filter((l) => 'path' in l).map((l) => l.path)).toEqual([path.join(root, 'a', 'broken')])
    expect(lines.filter((l) => 'paths' in l).map((l) => l.paths)).toEqual([
      [path.join(root, 'a', 'file-2'), path.join(root, 'file')],
    ])
  })

  it('is a real second path to the same entries (so the test above would see duplicates without the visited set)', () => {
    const seen = inNamespace(
      `mount --bind "${root}" "${path.join(root, 'a', 'b')}" && ls "${root}/a/b/a" && stat -c %i "${root}" "${root}/a/b"`,
    )
    const out = seen.stdout.trim().split('\n')
    expect(out).toContain('broken')
    expect(out.at(-1)).toBe(out.at(-2)) // the mounted folder has the root's inode
    const r = spawnSync(process.execPath, [CLI, 'scan', root, '--json'], { encoding: 'utf8' })
    expect(r.stdout.trim().split('\n').length).toBe(3) // a link, a group, the summary: outside the namespace there is no mount at all
  })
})
