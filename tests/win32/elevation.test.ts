/**
 * The Windows elevated helper for real: ShellExecuteExW (Wine runs `runas` as a plain launch, so the
 * UAC prompt itself is for a Windows runner), the session pipe with its DACL, first-instance and
 * client-process checks, the one-time token, the allow-list, paths re-checked at execution time, per
 * item results and the exits. Fixtures are hard links made by Windows code (never host symlinks).
 */
import * as assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, test } from 'node:test'

import { plan } from '../../electron/elevation/launcher'
import { MAX_REQUEST_BYTES } from '../../electron/elevation/protocol'
import { helperArgs, pipeNameFor, pipeSddl, type Win32HelperConfig } from '../../electron/elevation/win32/helper-config'
import { startWin32Helper, type Win32HelperClient } from '../../electron/elevation/win32/launcher'
import { createHelperPipe, runWin32Helper } from '../../electron/elevation/win32/pipe-server'
import { pipes, WAIT_OBJECT_0 } from '../../electron/engine/platform/win32/bindings/pipes'
import { shell32 } from '../../electron/engine/platform/win32/bindings/shell32'
import { buildCommandLine } from '../../electron/engine/platform/win32/shell/command-line'
import { LinkError } from '../../shared/errors'
import { treeHash } from '../helpers/tree-hash'
import { tempTree, writeFile } from './helpers'

const HELPER_JS = path.win32.join(__dirname, 'helper.js')
const node = process.execPath

let root: string
let helper: Win32HelperClient | undefined
const p = (name: string): string => path.win32.join(root, name)

beforeEach(() => {
  root = tempTree('elev')
  writeFile(p('data.txt'), 'precious')
  fs.linkSync(p('data.txt'), p('data-second-name.txt'))
  fs.mkdirSync(p('folder'))
  writeFile(path.win32.join(root, 'folder', 'inside.txt'), 'inside')
})
afterEach(async () => {
  await helper?.close()
  helper = undefined
  fs.rmSync(root, { recursive: true, force: true })
})

/** Run a program through ShellExecuteExW and wait for its exit code through hProcess. */
async function shellRun(verb: string, args: string[]): Promise<{ code: number; pid: number }> {
  const parameters = buildCommandLine(node, args).slice(buildCommandLine(node, []).length + 1)
  const r = await shell32().ShellExecuteExWAsync({ verb, file: node, parameters })
  assert.equal(r.ret, 1, `ShellExecuteExW failed with ${r.err}`)
  assert.notEqual(r.hProcess, 0n)
  const w = await pipes().WaitForSingleObjectAsync(r.hProcess, 30_000)
  assert.equal(w.ret, WAIT_OBJECT_0)
  const code = pipes().GetExitCodeProcess(r.hProcess).code
  const pid = pipes().GetProcessId(r.hProcess).ret
  pipes().CloseHandle(r.hProcess)
  return { code, pid }
}

function configFor(parentPid: number, token: string, idleMs = 10_000): Win32HelperConfig {
  const sid = pipes().currentUserSid()
  assert.ok(sid.ret, `no SID (${sid.err})`)
  return {
    pipeName: pipeNameFor(randomBytes(16)),
    parentPid,
    userSid: sid.ret,
    tokenSha256: createHash('sha256').update(token).digest('hex'),
    idleMs,
  }
}

/** Whether a pipe of that name exists (free or busy); fs.existsSync cannot tell under Wine. */
function pipeExists(name: string): boolean {
  const r = pipes().WaitNamedPipeW(name, 1)
  if (r.ret) return true
  assert.ok(r.err === 2 || r.err === 121, `WaitNamedPipeW: ${r.err}`)
  return r.err === 121
}

/** Start the helper by hand (not through the launcher), so another process can be first at its pipe. */
async function spawnHelper(config: Win32HelperConfig): Promise<{ exited: Promise<number | null> }> {
  const child = spawn(node, [HELPER_JS, ...helperArgs(config)], { stdio: 'ignore' })
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  for (let i = 0; i < 400 && !pipeExists(config.pipeName); i++) await new Promise((r) => setTimeout(r, 25))
  assert.ok(pipeExists(config.pipeName), 'the helper made its pipe')
  return { exited }
}

/** One request from this process through Node's own pipe client (libuv): the reply line. */
function talk(pipeName: string, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(pipeName, () => s.write(request))
    let out = ''
    s.setEncoding('utf8')
    s.on('data', (d: string) => {
      out += d
      if (out.endsWith('\n')) {
        s.end()
        resolve(out)
      }
    })
    s.on('error', reject)
  })
}

/** The same from a second node.exe process; its reply goes to a file (stdout pipes are unreliable under Wine). */
async function talkFromOtherProcess(pipeName: string, request: string): Promise<string> {
  const out = p('intruder-reply.json')
  const script =
    `const s=require('net').connect(${JSON.stringify(pipeName)},()=>s.write(${JSON.stringify(request)}));` +
    `let o='';s.setEncoding('utf8');s.on('data',d=>{o+=d;if(o.endsWith('\\n')){require('fs').writeFileSync(${JSON.stringify(out)},o);s.end()}});` +
    `s.on('error',e=>{require('fs').writeFileSync(${JSON.stringify(out)},'ERR '+e.message);process.exit(3)})`
  const child = spawn(node, ['-e', script], { stdio: 'ignore' })
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  const reply = fs.readFileSync(out, 'utf8')
  fs.rmSync(out)
  assert.equal(code, 0, reply)
  return reply
}

describe('ShellExecuteExW and the pipe security', () => {
  test('runas starts node.exe (Wine: without UAC); its exit code comes back through hProcess', async () => {
    const r = await shellRun('runas', [
      '-e',
      'process.exit(Number(process.argv[1].length))',
      'a "quoted" arg with spaces\\',
    ])
    assert.equal(r.code, 'a "quoted" arg with spaces\\'.length, 'the argument arrived intact')
    assert.ok(r.pid > 0)
  })

  test("this user's SID makes a descriptor Windows accepts; a malformed SID never reaches Windows", () => {
    const sid = pipes().currentUserSid().ret ?? ''
    assert.match(sid, /^S-1-5-\d+(-\d+)*$/)
    const sd = pipes().ConvertStringSecurityDescriptorToSecurityDescriptorW(pipeSddl(sid))
    assert.equal(sd.ret, 1)
    pipes().LocalFree(sd.descriptor)
    assert.throws(() => pipeSddl('S-1-5-21)(A;;GA;;;WD'), LinkError)
  })

  test('the pipe is first-instance only: a second helper with the same name is refused', () => {
    const sid = pipes().currentUserSid().ret ?? ''
    const name = pipeNameFor(randomBytes(16))
    const first = createHelperPipe({ pipeName: name, userSid: sid })
    try {
      assert.throws(
        () => createHelperPipe({ pipeName: name, userSid: sid }),
        (e: unknown) => e instanceof LinkError && e.code === 'FORBIDDEN',
      )
    } finally {
      first.close()
    }
  })
})

describe('the elevated helper over its named pipe (real second process)', () => {
  test('a good batch gets one result per item', async () => {
    // hwnd as Electron's getNativeWindowHandle() gives it (a Buffer; here NULL): marshalled, not rejected
    helper = await startWin32Helper({ exe: node, exeArgs: [HELPER_JS], elevate: true, hwnd: Buffer.alloc(8) })
    assert.ok(helper.socketPath.startsWith('\\\\.\\pipe\\linkscope-elev-'))
    const reply = await helper.send([
      plan.create({ type: 'hard', target: p('data.txt'), link: p('third-name.txt') }),
      plan.create({ type: 'hard', target: p('folder'), link: p('folder-hard') }),
      plan.remove(p('data-second-name.txt')),
    ])
    assert.deepEqual(reply, {
      results: [
        { ok: true },
        { ok: false, error: (reply as { results: Array<{ error?: unknown }> }).results[1]?.error },
        { ok: true },
      ],
    })
    assert.equal(
      (reply as { results: Array<{ ok: boolean; error?: { code: string } }> }).results[1]?.error?.code,
      'IS_DIRECTORY',
    )
    assert.equal(fs.statSync(p('third-name.txt')).ino, fs.statSync(p('data.txt')).ino)
    assert.equal(fs.existsSync(p('data-second-name.txt')), false)
    assert.equal(fs.readFileSync(p('data.txt'), 'utf8'), 'precious')
    assert.equal(fs.existsSync(p('folder-hard')), false)
  })

  test('a wrong token is refused and nothing changes', async () => {
    helper = await startWin32Helper({ exe: node, exeArgs: [HELPER_JS], elevate: true })
    const before = treeHash(root)
    const reply = await helper.send([plan.remove(p('data-second-name.txt'))], 'not-the-token')
    assert.equal((reply as { refused?: { code: string } }).refused?.code, 'FORBIDDEN')
    assert.equal(treeHash(root), before)
    // The session goes on: the right token still works afterwards.
    assert.deepEqual(await helper.send([plan.remove(p('data-second-name.txt'))]), { results: [{ ok: true }] })
  })

  test('an operation outside the allow-list refuses the whole batch', async () => {
    helper = await startWin32Helper({ exe: node, exeArgs: [HELPER_JS], elevate: true })
    const before = treeHash(root)
    const reply = await helper.send([
      plan.remove(p('data-second-name.txt')),
      { op: 'delete-tree', path: root } as never,
    ])
    const refused = (reply as { refused?: { code: string; message: string } }).refused
    assert.equal(refused?.code, 'FORBIDDEN')
    assert.match(refused?.message ?? '', /delete-tree/)
    assert.equal(treeHash(root), before)
  })

  test('a path that changed between request and execution is refused as CHANGED', async () => {
    helper = await startWin32Helper({ exe: node, exeArgs: [HELPER_JS], elevate: true })
    const removal = plan.remove(p('data-second-name.txt'))
    const creation = plan.create({ type: 'hard', target: p('data.txt'), link: p('new-name.txt') })
    // After the user approved: the name now belongs to another file, and the new name was taken.
    fs.rmSync(p('data-second-name.txt'))
    writeFile(p('data-second-name.txt'), "someone else's file")
    writeFile(p('new-name.txt'), "also someone else's")
    const before = treeHash(root)
    const reply = (await helper.send([removal, creation])) as {
      results: Array<{ ok: boolean; error?: { code: string; path?: string } }>
    }
    assert.deepEqual(
      reply.results.map((r) => [r.ok, r.error?.code, r.error?.path]),
      [
        [false, 'CHANGED', p('data-second-name.txt')],
        [false, 'CHANGED', p('new-name.txt')],
      ],
    )
    assert.equal(treeHash(root), before)
  })

  test("a client that is not the app's process is refused even with the right token; the app is served after", async () => {
    const token = randomBytes(32).toString('base64url')
    const config = configFor(process.pid, token)
    const { exited } = await spawnHelper(config)
    const before = treeHash(root)
    const request = `${JSON.stringify({ token, ops: [plan.remove(p('data-second-name.txt'))] })}\n`
    const intruder = JSON.parse(await talkFromOtherProcess(config.pipeName, request)) as {
      refused?: { code: string; message: string }
    }
    assert.equal(intruder.refused?.code, 'FORBIDDEN')
    assert.match(intruder.refused?.message ?? '', /Only the Linkscope process/)
    assert.equal(treeHash(root), before)
    assert.deepEqual(JSON.parse(await talk(config.pipeName, request)), { results: [{ ok: true }] })
    assert.equal(await exited, 0, 'the helper ends when its client goes')
    assert.equal(fs.existsSync(p('data-second-name.txt')), false)
  })

  test('a client that connects and leaves before the helper listens does not stop it; the app is served after', async () => {
    const token = randomBytes(32).toString('base64url')
    const config = configFor(process.pid, token)
    let early: { ret: bigint; err: number } | undefined
    // onReady runs after the pipe exists and before ConnectNamedPipe: connect and close right there.
    const serving = runWin32Helper(config, () => {
      early = pipes().OpenPipe(config.pipeName, 0)
      if (early.ret !== 0xffffffffffffffffn) pipes().CloseHandle(early.ret)
    })
    const request = `${JSON.stringify({ token, ops: [plan.remove(p('data-second-name.txt'))] })}\n`
    // Until the helper has listened again the pipe may answer busy; Node's client does not wait, so retry (bounded).
    let reply: string | undefined
    for (let i = 0; i < 200 && reply === undefined; i++) {
      reply = await talk(config.pipeName, request).catch(
        () => new Promise<undefined>((r) => setTimeout(() => r(undefined), 25)),
      )
    }
    assert.notEqual(early?.ret, 0xffffffffffffffffn, `the early client could open the pipe (error ${early?.err})`)
    assert.deepEqual(JSON.parse(reply ?? 'null'), { results: [{ ok: true }] })
    assert.equal(await serving, 'done')
    assert.equal(fs.existsSync(p('data-second-name.txt')), false)
  })

  test('a refused client that keeps writing is dropped after one short grace, not held while it writes', async () => {
    const token = randomBytes(32).toString('base64url')
    const config = configFor(process.pid, token)
    const { exited } = await spawnHelper(config)
    const out = p('refused-timing.json')
    // The intruder reads the refusal, then writes every 20 ms for at most 10 s; it records how long the
    // helper kept the connection after the refusal.
    const script =
      `const s=require('net').connect(${JSON.stringify(config.pipeName)});let t0=0,n=0;s.setEncoding('utf8');` +
      `const done=(why)=>{require('fs').writeFileSync(${JSON.stringify(out)},JSON.stringify({why,heldMs:Date.now()-t0,writes:n}));process.exit(0)};` +
      `s.on('data',()=>{if(t0)return;t0=Date.now();const w=setInterval(()=>{n++;s.write('more\\n');if(Date.now()-t0>10000){clearInterval(w);done('gave up')}},20)});` +
      `s.on('close',()=>done('closed'));s.on('error',()=>done('closed'))`
    const child = spawn(node, ['-e', script], { stdio: 'ignore' })
    assert.equal(await new Promise<number | null>((resolve) => child.on('exit', resolve)), 0)
    const held = JSON.parse(fs.readFileSync(out, 'utf8')) as { why: string; heldMs: number; writes: number }
    fs.rmSync(out)
    assert.equal(held.why, 'closed')
    assert.ok(held.heldMs < 1500, `held ${held.heldMs} ms after the refusal (${held.writes} writes)`)
    // The app is still served afterwards.
    const request = `${JSON.stringify({ token, ops: [plan.remove(p('data-second-name.txt'))] })}\n`
    assert.deepEqual(JSON.parse(await talk(config.pipeName, request)), { results: [{ ok: true }] })
    assert.equal(await exited, 0)
  })

  test('a batch larger than the pipe buffers travels in pieces both ways', async () => {
    helper = await startWin32Helper({ exe: node, exeArgs: [HELPER_JS], elevate: true })
    const before = treeHash(root)
    const long = 'n'.repeat(180)
    const ops = Array.from({ length: 600 }, (_, i) => plan.remove(p(`${long}-${i}`)))
    const request = JSON.stringify({ token: helper.token, ops })
    assert.ok(request.length > 2 * 64 * 1024, `request is ${request.length} bytes`)
    const reply = (await helper.send(ops)) as {
      results: Array<{ ok: boolean; error?: { code: string; path?: string } }>
    }
    assert.equal(JSON.stringify(reply).length > 64 * 1024, true)
    assert.equal(reply.results.length, 600)
    assert.deepEqual(new Set(reply.results.map((r) => r.error?.code)), new Set(['NOT_FOUND']))
    assert.equal(reply.results[599]?.error?.path, p(`${long}-599`))
    assert.equal(treeHash(root), before)
  })

  test('a batch of 400+ non-ASCII paths larger than 64 KiB comes back byte-exact (no character cut at a read boundary)', async () => {
    helper = await startWin32Helper({ exe: node, exeArgs: [HELPER_JS], elevate: true })
    const before = treeHash(root)
    const names = Array.from(
      { length: 420 },
      (_, i) => `${i % 2 ? '文件夹数据目录' : 'папка-данных'}-${i}-${'链接'.repeat(20 + (i % 7))}`,
    )
    // Shift the first name until a multi-byte character straddles the 64 KiB read boundary of the request.
    const requestBytes = (ops: ReturnType<typeof plan.remove>[]): Buffer =>
      Buffer.from(JSON.stringify({ token: helper?.token, ops }), 'utf8')
    let ops = names.map((n) => plan.remove(p(n)))
    for (let pad = 0; pad < 3 && ((requestBytes(ops)[64 * 1024] ?? 0) & 0xc0) !== 0x80; pad++) {
      names[0] = `${names[0]}x`
      ops = names.map((n) => plan.remove(p(n)))
    }
    const request = requestBytes(ops)
    assert.ok(request.length > 64 * 1024, `request is ${request.length} bytes`)
    assert.equal((request[64 * 1024] ?? 0) & 0xc0, 0x80, 'a character is cut at 64 KiB')
    const reply = (await helper.send(ops)) as {
      results: Array<{ ok: boolean; error?: { code: string; path?: string } }>
    }
    assert.equal(reply.results.length, names.length)
    const mangled = reply.results.filter((r, i) => r.error?.code !== 'NOT_FOUND' || r.error.path !== p(names[i] ?? ''))
    assert.deepEqual(mangled, [], `${mangled.length} of ${names.length} paths came back changed`)
    assert.equal(treeHash(root), before)
  })

  test('a request line over the size limit is refused and the session ends', async () => {
    const token = randomBytes(32).toString('base64url')
    const config = configFor(process.pid, token)
    const { exited } = await spawnHelper(config)
    const before = treeHash(root)
    const reply = JSON.parse(await talk(config.pipeName, 'x'.repeat(MAX_REQUEST_BYTES + 10))) as {
      refused?: { code: string }
    }
    assert.equal(reply.refused?.code, 'INVALID_ARGUMENT')
    assert.equal(await exited, 0)
    assert.equal(treeHash(root), before)
  })

  test('while the app is connected nobody else can open the pipe (one instance)', async () => {
    helper = await startWin32Helper({ exe: node, exeArgs: [HELPER_JS], elevate: true })
    const second = pipes().OpenPipe(helper.socketPath, 0)
    assert.equal(second.ret, 0xffffffffffffffffn)
    assert.ok(second.err === 231 || second.err === 5, `error ${second.err}`)
  })

  test('exits with 0 when nobody connects within idleMs', async () => {
    const config = configFor(process.pid, 'unused', 300)
    const started = Date.now()
    const r = await shellRun('runas', [HELPER_JS, ...helperArgs(config)])
    assert.equal(r.code, 0)
    assert.ok(Date.now() - started >= 300, 'not before the idle time')
    assert.equal(pipeExists(config.pipeName), false, 'its pipe is gone')
  })

  test('refuses to start for an app process that is not running (exit 1, no pipe)', async () => {
    const gone = await shellRun('open', ['-e', '0'])
    const config = configFor(gone.pid, 'unused', 20_000)
    const started = Date.now()
    const r = await shellRun('runas', [HELPER_JS, ...helperArgs(config)])
    assert.equal(r.code, 1)
    assert.ok(Date.now() - started < 10_000, 'without waiting for the idle time')
    assert.equal(pipeExists(config.pipeName), false)
  })

  test('refuses to serve a "parent" that runs another program than the helper\'s own executable', async () => {
    const other = p('other-program.exe')
    fs.copyFileSync(node, other)
    const impostor = spawn(other, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' })
    try {
      assert.ok(impostor.pid)
      const config = configFor(impostor.pid, 'unused', 20_000)
      const started = Date.now()
      const r = await shellRun('runas', [HELPER_JS, ...helperArgs(config)])
      assert.equal(r.code, 1)
      assert.ok(Date.now() - started < 10_000, 'without waiting for the idle time')
      assert.equal(pipeExists(config.pipeName), false)
    } finally {
      impostor.kill()
      await new Promise((resolve) => impostor.once('exit', resolve))
    }
  })

  test('exits when the app disconnects; refuses bad arguments with exit 2', async () => {
    helper = await startWin32Helper({ exe: node, exeArgs: [HELPER_JS], elevate: true })
    const client = helper
    helper = undefined
    const code = client.exitCode()
    await client.send([])
    const pipeName = client.socketPath
    // close() waits for the exit; exitCode() resolves with it
    const closing = client.close()
    assert.equal(await code, 0)
    await closing
    assert.equal(pipeExists(pipeName), false)
    const bad = await shellRun('open', [
      HELPER_JS,
      '--elevated-helper',
      '--pipe',
      '\\\\.\\pipe\\not-ours',
      '--parent-pid',
      '1',
    ])
    assert.equal(bad.code, 2)
  })
})
