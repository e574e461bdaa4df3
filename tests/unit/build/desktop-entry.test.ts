import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { describe, expect, it } from 'vitest'

import { parseLaunchArgs } from '../../../electron/main/launch-args'

// The .desktop file the deb and AppImage install, as electron-builder's own generator writes it from
// package.json (the same function its Linux targets call), checked with desktop-file-validate.
const repo = path.resolve(__dirname, '..', '..', '..')
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'))

async function desktopEntry(): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper')
  const helper = new LinuxTargetHelper({
    appInfo: {
      productName: pkg.build.productName,
      sanitizedProductName: pkg.build.productName,
      productFilename: pkg.build.productName,
      description: pkg.description,
    },
    executableName: pkg.name,
    info: { metadata: pkg },
    fileAssociations: [],
    config: pkg.build,
    platformSpecificBuildOptions: pkg.build.linux,
  })
  return helper.computeDesktopEntry(pkg.build.linux)
}

/** group name → key → value */
function parse(text: string): Map<string, Map<string, string>> {
  const groups = new Map<string, Map<string, string>>()
  let current: Map<string, string> | undefined
  for (const line of text.split('\n')) {
    const g = /^\[(.+)\]$/.exec(line)
    if (g) groups.set(g[1] as string, (current = new Map()))
    else if (line.includes('=') && current)
      current.set(line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1))
  }
  return groups
}

describe('the Linux desktop entry', () => {
  // desktop-file-validate is a Linux tool (desktop-file-utils): on Windows this check is skipped, not failed.
  it.skipIf(process.platform === 'win32')('passes desktop-file-validate', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ls-desktop-')), 'linkscope.desktop')
    fs.writeFileSync(file, await desktopEntry())
    const run = (): { status: number | null; output: string } => {
      const r = spawnSync('desktop-file-validate', [file], { encoding: 'utf8' })
      return { status: r.status, output: r.stdout + r.stderr }
    }
    expect(run()).toEqual({ status: 0, output: '' }) // no errors, no warnings, no hints
    // and the validator does fail a broken one: an action group that Actions= does not list
    fs.appendFileSync(file, '\n[Desktop Action ghost]\nName=Ghost\n')
    expect(run()).toMatchObject({ status: 1, output: expect.stringContaining('ghost') })
    fs.rmSync(path.dirname(file), { recursive: true, force: true })
  })
  it('has a [Desktop Action] group for every listed action, each with arguments the app understands', async () => {
    const groups = parse(await desktopEntry())
    const entry = groups.get('Desktop Entry')
    const actions = (entry?.get('Actions') ?? '').split(';').filter(Boolean)
    expect(actions).toEqual(['pick', 'drop-hardlink', 'drop-symlink', 'show'])
    for (const a of actions) {
      const group = groups.get(`Desktop Action ${a}`)
      expect(group?.get('Name'), a).toBeTruthy()
      const [exe, ...args] = (group?.get('Exec') ?? '').split(' ')
      expect(exe).toBe(pkg.name) // the deb links /usr/bin/linkscope
      expect(
        parseLaunchArgs(
          args.map((x) => (/^%[fFuU]$/.test(x) ? 'file:///tmp/some%20folder' : x)),
          false,
        ).kind,
      ).not.toBe('open')
    }
  })
  it('opens what the desktop passes, is not a folder opener, and names its window', async () => {
    const entry = parse(await desktopEntry()).get('Desktop Entry')
    expect(entry?.get('Exec')).toBe('/opt/Linkscope/linkscope %U')
    expect(entry?.get('MimeType')).toBeUndefined()
    expect(entry?.get('StartupWMClass')).toBe('linkscope')
    expect(pkg.desktopName).toBe('linkscope.desktop')
  })
})
