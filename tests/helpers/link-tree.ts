/** Builds a real tree with every link shape the explorer must show, for integration tests. */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

export const LONG_NAME = 'L'.repeat(246) + '.txt' // 250 characters

export function makeTempDir(prefix = 'linkscope-', base = os.tmpdir()): string {
  return fs.mkdtempSync(path.join(base, prefix))
}

/** The standard fixture: returns its root. Every shape is made with real syscalls. */
export function buildLinkTree(root: string): string {
  fs.chmodSync(root, 0o755) // mkdtemp makes 0700; the unprivileged-user checks must be able to enter
  const p = (...parts: string[]): string => path.join(root, ...parts)
  fs.mkdirSync(p('docs'))
  fs.mkdirSync(p('other', 'deep'), { recursive: true })
  fs.writeFileSync(p('plain.txt'), 'plain\n')
  fs.writeFileSync(p('docs', 'report.txt'), 'report body\n')
  // one file, three names spread over folders
  fs.linkSync(p('docs', 'report.txt'), p('report-hardlink.txt'))
  fs.linkSync(p('docs', 'report.txt'), p('other', 'deep', 'report-copy-name.txt'))
  fs.symlinkSync('plain.txt', p('rel-link'))
  fs.symlinkSync(p('plain.txt'), p('abs-link'))
  fs.symlinkSync('docs', p('folder-link'))
  fs.symlinkSync('missing.txt', p('dangling'))
  fs.symlinkSync('rel-link', p('chain')) // chain → rel-link → plain.txt
  fs.symlinkSync('dangling', p('chain-to-broken')) // → dangling → missing
  fs.symlinkSync('loop-b', p('loop-a'))
  fs.symlinkSync('loop-a', p('loop-b'))
  fs.symlinkSync('self', p('self'))
  fs.symlinkSync('plain.txt/x', p('through-file')) // ENOTDIR
  for (const name of [
    'ünïcödé ✓.txt',
    'with space.txt',
    '-leading-dash',
    'new\nline',
    'back\\slash',
    LONG_NAME,
    '.hidden',
  ]) {
    fs.writeFileSync(p(name), name)
  }
  execFileSync('mkfifo', [p('pipe')])
  fs.mkdirSync(p('locked'))
  fs.writeFileSync(p('locked', 'secret.txt'), 'secret')
  fs.symlinkSync('locked/secret.txt', p('into-locked'))
  fs.chmodSync(p('locked'), 0o700) // root-only: an unprivileged user may not look inside
  return root
}
