import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { type HelperClient, plan, startHelper } from '../../../electron/elevation/launcher'
import { REPO } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'

// The helper runs as a real second process, started (without elevation) by the same launcher the app
// uses, and acts strictly as it does under pkexec: only the privilege is missing.
const HELPER = path.join(REPO, 'out', 'elevation', 'helper.js')
const launch = (): Promise<HelperClient> => startHelper({ elevate: false, command: [process.execPath, HELPER] })
let root: string
let helper: HelperClient | undefined

beforeEach(() => {
  root = fs.realpathSync(makeTempDir('linkscope-elev-test-'))
  fs.writeFileSync(path.join(root, 'data.txt'), 'precious')
  fs.mkdirSync(path.join(root, 'folder'))
  fs.writeFileSync(path.join(root, 'folder', 'inside.txt'), 'inside')
  fs.symlinkSync('folder', path.join(root, 'folder-link'))
})
afterEach(async () => {
  await helper?.close()
  helper = undefined
  fs.rmSync(root, { recursive: true, force: true })
})

const p = (...names: string[]): string => path.join(root, ...names)

describe('the elevated helper (stdin/stdout of a real second process)', () => {
  it('performs a good batch and answers one result per item', async () => {
    helper = await launch()
    const reply = await helper.send([
      plan.create({ type: 'hard', target: p('data.txt'), link: p('second-name.txt') }),
      plan.create({ type: 'hard', target: p('folder'), link: p('folder-hard') }),
      plan.remove(p('folder-link')),
      plan.create({ type: 'symbolic', target: p('data.txt'), link: p('folder', 'to-data'), relative: true }),
    ])
    expect(reply).toEqual({
      results: [
        { ok: true },
        { ok: false, error: expect.objectContaining({ code: 'IS_DIRECTORY' }) },
        { ok: true },
        { ok: true },
      ],
    })
    expect(fs.statSync(p('second-name.txt')).ino).toBe(fs.statSync(p('data.txt')).ino)
    expect(fs.existsSync(p('folder-link'))).toBe(false)
    expect(fs.readFileSync(p('folder/inside.txt'), 'utf8')).toBe('inside') // the link went, never its target
    expect(fs.readlinkSync(p('folder', 'to-data'))).toBe('../data.txt')
    expect(fs.readdirSync(root).filter((n) => n.startsWith('.linkscope'))).toEqual([]) // no private folder left
  })

  it('serves several batches over the same pipes', async () => {
    helper = await launch()
    expect(await helper.send([plan.create({ type: 'symbolic', target: p('data.txt'), link: p('a') })])).toEqual({
      results: [{ ok: true }],
    })
    expect(await helper.send([plan.remove(p('a'))])).toEqual({ results: [{ ok: true }] })
    expect(fs.existsSync(p('a'))).toBe(false)
  })

  it('refuses a wrong token and changes nothing', async () => {
    helper = await launch()
    const before = treeHash(root)
    const reply = await helper.send([plan.remove(p('folder-link'))], 'not-the-token')
    expect(reply).toEqual({ refused: expect.objectContaining({ code: 'FORBIDDEN' }) })
    expect(treeHash(root)).toBe(before)
  })

  it('refuses an operation outside the allow-list, and the whole batch with it', async () => {
    helper = await launch()
    const before = treeHash(root)
    const reply = await helper.send([plan.remove(p('folder-link')), { op: 'delete-tree', path: root } as never])
    expect(reply).toEqual({
      refused: expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('delete-tree') }),
    })
    expect(treeHash(root)).toBe(before)
  })

  it("refuses a relative path, which would resolve against root's working folder", async () => {
    helper = await launch()
    const before = treeHash(root)
    const op = {
      ...plan.create({ type: 'symbolic', target: p('data.txt'), link: p('rel-link') }),
      req: { type: 'symbolic', target: p('data.txt'), link: 'rel-link' },
    }
    expect(await helper.send([op as never])).toEqual({
      refused: expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('absolute') }),
    })
    expect(treeHash(root)).toBe(before)
  })

  it('refuses a path that changed between request and execution', async () => {
    helper = await launch()
    const op = plan.remove(p('folder-link'))
    // The link is swapped for one pointing elsewhere after the user approved removing the first one.
    fs.unlinkSync(p('folder-link'))
    fs.symlinkSync('data.txt', p('folder-link'))
    const before = treeHash(root)
    const reply = await helper.send([op])
    expect(reply).toEqual({
      results: [{ ok: false, error: expect.objectContaining({ code: 'CHANGED', path: p('folder-link') }) }],
    })
    expect(treeHash(root)).toBe(before)
  })

  it('refuses to act in a folder that was replaced by another real folder after approval', async () => {
    fs.mkdirSync(p('d'))
    fs.mkdirSync(p('e'))
    fs.symlinkSync('../data.txt', p('d', 'l'))
    fs.symlinkSync('../data.txt', p('e', 'l')) // the same link text, in another folder
    helper = await launch()
    const op = plan.remove(p('d', 'l'))
    fs.renameSync(p('d'), p('d-was'))
    fs.renameSync(p('e'), p('d'))
    const before = treeHash(root)
    expect(await helper.send([op])).toEqual({
      results: [{ ok: false, error: expect.objectContaining({ code: 'CHANGED' }) }],
    })
    expect(treeHash(root)).toBe(before)
  })

  it('refuses a path through a symbolic link, and names the real folder', async () => {
    helper = await launch()
    const before = treeHash(root)
    const reply = await helper.send([
      plan.create({ type: 'symbolic', target: p('data.txt'), link: p('folder-link', 'new') }),
    ])
    expect(reply).toEqual({
      results: [
        {
          ok: false,
          error: expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining(p('folder')) }),
        },
      ],
    })
    expect(treeHash(root)).toBe(before)
  })

  it('refuses an operation whose folders the app did not pin', async () => {
    helper = await launch()
    const before = treeHash(root)
    const reply = await helper.send([{ ...plan.remove(p('folder-link')), folders: [] }])
    expect(reply).toEqual({ results: [{ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) }] })
    expect(treeHash(root)).toBe(before)
  })

  it('refuses a request too large to be a batch, and ends', async () => {
    helper = await launch()
    const pid = helper.pid
    const reply = await helper.send([{ op: 'remove', path: `/${'x'.repeat(5 * 1024 * 1024)}` } as never])
    expect(reply).toEqual({
      refused: expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('too large') }),
    })
    await helper.close()
    helper = undefined
    expect(() => process.kill(pid, 0)).toThrow()
  })

  it('opens no socket: its only channel is the pipes it was given', async () => {
    helper = await launch()
    const sockets = fs
      .readdirSync(`/proc/${helper.pid}/fd`)
      .map((fd) => {
        try {
          return fs.readlinkSync(`/proc/${helper?.pid}/fd/${fd}`)
        } catch {
          return ''
        }
      })
      .filter((t) => t.startsWith('socket:'))
    const listening = new Set(
      fs
        .readFileSync('/proc/net/unix', 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(/\s+/))
        .filter((f) => f[5] === '01' /* LISTEN */)
        .map((f) => f[6]),
    )
    expect(sockets.filter((s) => listening.has(/\d+/.exec(s)?.[0] ?? ''))).toEqual([])
  })

  it('exits by itself when no request comes', async () => {
    const child = spawn(process.execPath, [HELPER], { stdio: ['pipe', 'pipe', 'inherit'] })
    child.stdin.write(JSON.stringify({ tokenSha256: '00'.repeat(32), idleMs: 300 }) + '\n')
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    const code = await new Promise((resolve) => child.on('exit', resolve))
    expect(code).toBe(0)
    expect(out).toBe('READY\n')
  })

  it('refuses a configuration that is not one', async () => {
    const child = spawn(process.execPath, [HELPER], { stdio: ['pipe', 'pipe', 'pipe'] })
    child.stdin.write('{"tokenSha256":"short","idleMs":300}\n')
    let err = ''
    child.stderr.on('data', (d) => {
      err += d
    })
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1)
    expect(err).toMatch(/configuration/)
  })

  it('exits when the app closes its end', async () => {
    helper = await launch()
    const pid = helper.pid
    await helper.close()
    helper = undefined
    expect(() => process.kill(pid, 0)).toThrow()
  })
})
