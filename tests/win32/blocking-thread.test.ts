/**
 * Long Win32 waits and the UAC launch run on threads of their own, not in Node's libuv pool (4 threads
 * by default, shared with fs, crypto and DNS): with more waits pending than the pool has threads,
 * pool work still completes; ShellExecuteExW is called from a single-threaded COM apartment.
 */
import * as assert from 'node:assert/strict'
import { pbkdf2 } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { test } from 'node:test'

import { pipes, WAIT_OBJECT_0 } from '../../electron/engine/platform/win32/bindings/pipes'
import { shell32 } from '../../electron/engine/platform/win32/bindings/shell32'
import { tempTree, writeFile } from './helpers'

const POOL = Number(process.env.UV_THREADPOOL_SIZE ?? 4)

test('pool work completes while more long waits are pending than the pool has threads', async () => {
  const p = pipes()
  const events = Array.from({ length: POOL + 2 }, () => p.CreateEventW().ret)
  const root = tempTree('pool')
  try {
    let waitsEnded = 0
    const waits = events.map((e) =>
      p.WaitForSingleObjectAsync(e, 30_000).then((r) => {
        waitsEnded++
        return r
      }),
    )
    // Pool work: file reads and key derivations, twice as many as the pool has threads.
    const file = writeFile(path.win32.join(root, 'f.txt'), 'pool')
    const work = Promise.all([
      ...Array.from({ length: POOL }, () => fs.promises.readFile(file, 'utf8')),
      ...Array.from(
        { length: POOL },
        () =>
          new Promise<Buffer>((resolve, reject) =>
            pbkdf2('pw', 'salt', 1000, 32, 'sha256', (e, k) => (e ? reject(e) : resolve(k))),
          ),
      ),
    ])
    let timer: NodeJS.Timeout | undefined
    const outcome = await Promise.race([
      work.then(() => 'done'),
      new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('pool blocked'), 10_000)
      }),
    ])
    clearTimeout(timer)
    assert.equal(outcome, 'done')
    assert.equal(waitsEnded, 0, 'the waits were still pending while the pool worked')
    for (const e of events) p.SetEvent(e)
    assert.deepEqual(
      (await Promise.all(waits)).map((r) => r.ret),
      events.map(() => WAIT_OBJECT_0),
    )
  } finally {
    for (const e of events) p.CloseHandle(e)
    fs.rmSync(root, { recursive: true, force: true })
  }
})

test('a wait whose handle is closed meanwhile still ends (it waits on its own duplicate)', async () => {
  const p = pipes()
  const e = p.CreateEventW().ret
  const waiting = p.WaitForSingleObjectAsync(e, 300)
  p.CloseHandle(e)
  assert.equal((await waiting).ret, 258, 'WAIT_TIMEOUT on the duplicate, not a wait on a closed or reused handle')
})

test('ShellExecuteExW is called from a single-threaded COM apartment', async () => {
  const r = await shell32().ShellExecuteExWAsync({ verb: 'open', file: process.execPath, parameters: '-e 0' })
  assert.equal(r.ret, 1, `ShellExecuteExW failed with ${r.err}`)
  // APTTYPE_STA, or APTTYPE_MAINSTA when it is the process's first single-threaded apartment
  assert.ok(r.apartment === 0 || r.apartment === 3, `apartment type ${r.apartment}`)
  const w = await pipes().WaitForSingleObjectAsync(r.hProcess, 30_000)
  assert.equal(w.ret, WAIT_OBJECT_0)
  pipes().CloseHandle(r.hProcess)
})
