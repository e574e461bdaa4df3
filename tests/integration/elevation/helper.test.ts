import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { plan, startHelper, type HelperClient } from '../../../electron/elevation/launcher'
import { REPO } from '../../helpers/built'
import { makeTempDir } from '../../helpers/link-tree'
import { treeHash } from '../../helpers/tree-hash'

// The helper runs as a real second process, started without elevation by the same launcher the app uses.
const HELPER = path.join(REPO, 'out', 'elevation', 'helper.js')
let root: string
let helper: HelperClient | undefined

beforeEach(() => {
  root = makeTempDir('linkscope-elev-test-')
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

const p = (name: string): string => path.join(root, name)

describe('the elevated helper protocol (Unix socket, real second process)', () => {
  it('performs a good batch and answers one result per item', async () => {
    helper = await startHelper({ elevate: false, helperScript: HELPER })
    const reply = await helper.send([
      plan.create({ type: 'hard', target: p('data.txt'), link: p('second-name.txt') }),
      plan.create({ type: 'hard', target: p('folder'), link: p('folder-hard') }),
      plan.remove(p('folder-link')),
    ])
    expect(reply).toEqual({
      results: [
        { ok: true },
        { ok: false, error: expect.objectContaining({ code: 'IS_DIRECTORY' }) },
        { ok: true },
      ],
    })
    expect(fs.statSync(p('second-name.txt')).ino).toBe(fs.statSync(p('data.txt')).ino)
    expect(fs.existsSync(p('folder-link'))).toBe(false)
    expect(fs.readFileSync(p('folder/inside.txt'), 'utf8')).toBe('inside') // the link went, never its target
  })

  it('refuses a wrong token and changes nothing', async () => {
    helper = await startHelper({ elevate: false, helperScript: HELPER })
    const before = treeHash(root)
    const reply = await helper.send([plan.remove(p('folder-link'))], 'not-the-token')
    expect(reply).toEqual({ refused: expect.objectContaining({ code: 'FORBIDDEN' }) })
    expect(treeHash(root)).toBe(before)
  })

  it('refuses an operation outside the allow-list, and the whole batch with it', async () => {
    helper = await startHelper({ elevate: false, helperScript: HELPER })
    const before = treeHash(root)
    const reply = await helper.send([plan.remove(p('folder-link')), { op: 'delete-tree', path: root } as never])
    expect(reply).toEqual({ refused: expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('delete-tree') }) })
    expect(treeHash(root)).toBe(before)
  })

  it('refuses a path that changed between request and execution', async () => {
    helper = await startHelper({ elevate: false, helperScript: HELPER })
    const op = plan.remove(p('folder-link'))
    // The link is swapped for one pointing elsewhere after the user approved removing the first one.
    fs.unlinkSync(p('folder-link'))
    fs.symlinkSync('data.txt', p('folder-link'))
    const before = treeHash(root)
    const reply = await helper.send([op])
    expect(reply).toEqual({ results: [{ ok: false, error: expect.objectContaining({ code: 'CHANGED', path: p('folder-link') }) }] })
    expect(treeHash(root)).toBe(before)
  })

  it('refuses a client that is not the process that started it, even with the right token', async () => {
    // Started by hand so that another process can be the first to connect.
    const token = 'one-time-token'
    const { child, socketPath } = await spawnHelper(process.pid, token)
    const before = treeHash(root)
    const request = JSON.stringify({ token, ops: [plan.remove(p('folder-link'))] }) + '\n'
    const intruder = await talkFromOtherProcess(socketPath, request)
    expect(JSON.parse(intruder)).toEqual({ refused: expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('Only the Linkscope process') }) })
    expect(treeHash(root)).toBe(before)
    // the rightful client (this process) is still served
    const reply = await talk(socketPath, request)
    expect(JSON.parse(reply)).toEqual({ results: [{ ok: true }] })
    await new Promise((resolve) => child.on('exit', resolve))
  })

  it('serves its first client only', async () => {
    helper = await startHelper({ elevate: false, helperScript: HELPER })
    const before = treeHash(root)
    const second = await talk(helper.socketPath, JSON.stringify({ token: helper.token, ops: [plan.remove(p('folder-link'))] }) + '\n')
    expect(JSON.parse(second)).toEqual({ refused: expect.objectContaining({ code: 'FORBIDDEN' }) })
    expect(treeHash(root)).toBe(before)
  })

  it('keeps its socket in a private folder', async () => {
    helper = await startHelper({ elevate: false, helperScript: HELPER })
    expect(fs.statSync(path.dirname(helper.socketPath)).mode & 0o777).toBe(0o700)
    expect(fs.statSync(helper.socketPath).mode & 0o777).toBe(0o600)
  })

  it('exits by itself when nobody connects', async () => {
    const child = spawn(process.execPath, [HELPER], { stdio: ['pipe', 'pipe', 'inherit'] })
    const dir = makeTempDir('linkscope-elev-idle-')
    child.stdin.end(JSON.stringify({ socketDir: dir, parentPid: String(process.pid), parentUid: '0', tokenSha256: '00'.repeat(32), idleMs: '300' }) + '\n')
    let out = ''
    child.stdout.on('data', (d) => { out += d })
    const code = await new Promise((resolve) => child.on('exit', resolve))
    expect(code).toBe(0)
    expect(out).toBe('READY\nEXIT idle\n')
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('exits when its client disconnects', async () => {
    helper = await startHelper({ elevate: false, helperScript: HELPER })
    const pid = helper.pid
    await helper.close()
    helper = undefined
    expect(() => process.kill(pid, 0)).toThrow()
  })
})

async function spawnHelper(parentPid: number, token: string) {
  const dir = makeTempDir('linkscope-elev-sock-')
  const child = spawn(process.execPath, [HELPER], { stdio: ['pipe', 'pipe', 'inherit'] })
  const ready = new Promise<void>((resolve) => child.stdout.on('data', (d) => { if (String(d).includes('READY')) resolve() }))
  child.stdin.end(JSON.stringify({
    socketDir: dir, parentPid: String(parentPid), parentUid: '0',
    tokenSha256: createHash('sha256').update(token).digest('hex'), idleMs: '5000',
  }) + '\n')
  await ready
  return { child, socketPath: path.join(dir, 'helper.sock') }
}

/** Send one request from this process and return the reply line. */
function talk(socketPath: string, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(socketPath, () => s.write(request))
    let out = ''
    s.on('data', (d) => { out += d; if (out.endsWith('\n')) { s.end(); resolve(out) } })
    s.on('error', reject)
  })
}

/** The same from a different process. */
async function talkFromOtherProcess(socketPath: string, request: string): Promise<string> {
  const other = spawn(process.execPath, ['-e', `
    const s = require('net').connect(${JSON.stringify(socketPath)}, () => s.write(${JSON.stringify(request)}));
    let out = ''; s.on('data', (d) => { out += d }); s.on('close', () => process.stdout.write(out))
  `], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  other.stdout.on('data', (d) => { out += d })
  await new Promise((resolve) => other.on('exit', resolve))
  return out
}
