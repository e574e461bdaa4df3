/**
 * The built Windows CLI (out/cli/linkscope.js, run by this Windows Node) on a tree Linux made and
 * run.sh mapped to its own drive letter, checked against the Linux view of the same files
 * (fixtures/make-cli-tree.mjs): ids are the Linux inode under the volume serial, counts and every
 * name agree, in ls, scan --hardlinks and names without --root; link --hard and rm-link act for real.
 * Under Wine, Node's stdout cannot be a pipe, so the CLI writes to files.
 */
import * as assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describe, test } from 'node:test'

const drive = process.env.LINKSCOPE_WIN32_CLITREE
const cli = process.env.LINKSCOPE_WIN32_CLI
const skip = !drive || !cli ? 'needs the Linux-made tree and the built CLI that tests/win32/run.sh provides' : false

type LinuxFile = { ino: number; links: number; names: string[] }
type Entry = { path: string; name: string; kind: string; links: number; id: string }

const J = path.win32.join
const onDrive = (rel: string): string => J(drive ?? '', ...rel.split('/'))
const view = (): LinuxFile[] =>
  (JSON.parse(fs.readFileSync(onDrive('linux-view.json'), 'utf8')) as { files: LinuxFile[] }).files

let runs = 0
/** Run the CLI with stdout and stderr in files; its exit code and both texts. */
function run(args: string[], env: Record<string, string> = {}): { code: number | null; out: string; err: string } {
  const base = path.join(os.tmpdir(), `linkscope-cli-${process.pid}-${runs++}`)
  const out = fs.openSync(`${base}.out`, 'w')
  const err = fs.openSync(`${base}.err`, 'w')
  try {
    const r = spawnSync(process.execPath, [cli!, ...args], {
      stdio: ['ignore', out, err],
      env: { ...process.env, ...env },
      timeout: 60_000,
    })
    return { code: r.status, out: fs.readFileSync(`${base}.out`, 'utf8'), err: fs.readFileSync(`${base}.err`, 'utf8') }
  } finally {
    fs.closeSync(out)
    fs.closeSync(err)
  }
}

function json<T>(args: string[], env?: Record<string, string>): T[] {
  const r = run([...args, '--json'], env)
  assert.equal(r.code, 0, `linkscope ${args.join(' ')} failed: ${r.err}`)
  return r.out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T)
}

/** The volume serial part every id on the drive shares. */
const serialOf = (id: string): string => id.split(':')[0]!
const idOf = (serial: string, ino: number): string => `${serial}:${ino.toString(16)}`

describe('the Windows CLI on a drive Linux made', { skip }, () => {
  test('ls: each id is the Linux inode under the volume serial, with the Linux link count', () => {
    const entries = json<Entry>(['ls', onDrive('d')])
    const serial = serialOf(entries[0]!.id)
    const files = view()
    assert.equal(entries.length, 4)
    for (const e of entries) {
      const rel = `d/${e.name}`
      const f = files.find((x) => x.names.includes(rel))
      assert.ok(f, `${rel} is in the Linux view`)
      assert.deepEqual({ id: e.id, links: e.links }, { id: idOf(serial, f.ino), links: f.links }, rel)
    }
  })

  test('scan --hardlinks: the groups are the Linux ones, ids as ls gives them (a path past 260 characters, non-ASCII names)', () => {
    const serial = serialOf(json<Entry>(['ls', onDrive('d')])[0]!.id)
    const records = json<{ id: string; links: number; paths: string[]; summary?: { groups: number } }>([
      'scan',
      drive!,
      '--hardlinks',
    ])
    const summary = records.pop() // the last line sums the scan up
    const groups = records
    const expected = view()
      .filter((f) => f.links > 1)
      .map((f) => ({ id: idOf(serial, f.ino), links: f.links, paths: f.names.map(onDrive).sort() }))
    const got = groups.map((g) => ({ ...g, paths: [...g.paths].sort() }))
    assert.deepEqual(
      got.sort((a, b) => a.id.localeCompare(b.id)),
      expected.sort((a, b) => a.id.localeCompare(b.id)),
    )
    assert.ok(
      got.some((g) => g.paths.some((p) => p.length > 260)),
      'a name longer than MAX_PATH is in a group',
    )
    assert.equal(summary?.summary?.groups, expected.length)
  })

  test("names without --root walks the file's drive and finds every Linux name", () => {
    for (const f of view().filter((x) => x.links > 1)) {
      const [r] = json<{ id: string; links: number; paths: string[] }>(['names', onDrive(f.names[0]!)])
      assert.deepEqual([...r!.paths].sort(), f.names.map(onDrive).sort())
      assert.equal(r!.links, f.links)
    }
  })

  test('link --hard adds a name with the same id; rm-link removes only that name', () => {
    const a = onDrive('d/a.txt')
    const c = onDrive('d/c-new.txt')
    const before = json<Entry>(['ls', onDrive('d')]).find((e) => e.name === 'a.txt')!
    assert.equal(run(['link', '--hard', a, c]).code, 0)
    const made = json<Entry>(['ls', onDrive('d')])
    assert.deepEqual(
      made.filter((e) => e.id === before.id).map((e) => e.links),
      [before.links + 1, before.links + 1, before.links + 1],
    )
    assert.equal(made.find((e) => e.name === 'c-new.txt')?.id, before.id)
    const rm = run(['rm-link', c])
    assert.equal(rm.code, 0, rm.err)
    const after = json<Entry>(['ls', onDrive('d')])
    assert.equal(
      after.find((e) => e.name === 'c-new.txt'),
      undefined,
    )
    assert.equal(after.find((e) => e.name === 'a.txt')?.links, before.links)
  })
})
