import * as fs from 'node:fs'
import * as path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { requireProtectedInstall, unprotectedPart } from '../../../electron/elevation/install-check'
import { elevatedCommand, PKEXEC } from '../../../electron/elevation/launcher'
import { LinkError } from '../../../shared/errors'
import { makeTempDir } from '../../helpers/link-tree'
import { skipBecause, skipUnlessRoot } from '../../helpers/needs-root'

// Real folders with real owners: making a file belong to another user needs root.
const WHY = 'gives files to another user to make an install others could change'
let base: string
let install: string

beforeEach(() => {
  base = fs.realpathSync(makeTempDir('linkscope-install-'))
  fs.chmodSync(base, 0o755)
  install = path.join(base, 'Linkscope')
  fs.mkdirSync(path.join(install, 'resources', 'app.asar.unpacked'), { recursive: true })
  fs.writeFileSync(path.join(install, 'linkscope'), 'binary', { mode: 0o755 })
  fs.writeFileSync(path.join(install, 'resources', 'app.asar'), 'asar', { mode: 0o644 })
  fs.writeFileSync(path.join(install, 'resources', 'app.asar.unpacked', 'addon.node'), 'addon', { mode: 0o644 })
})
afterEach(() => fs.rmSync(base, { recursive: true, force: true }))

describe('elevation only from a root-owned install', () => {
  beforeEach((ctx) => skipUnlessRoot(ctx, WHY))
  it('accepts a tree that only root may change, up to /', () => {
    expect(unprotectedPart(install)).toBeNull()
    expect(() => requireProtectedInstall(install)).not.toThrow()
  })

  it('refuses a file inside that belongs to another user, naming it and the way out', () => {
    const addon = path.join(install, 'resources', 'app.asar.unpacked', 'addon.node')
    fs.chownSync(addon, 65534, 65534)
    expect(unprotectedPart(install)).toEqual([addon, expect.stringContaining('user 65534')])
    let error: unknown
    try {
      requireProtectedInstall(install)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(LinkError)
    expect(error).toMatchObject({ code: 'PRIVILEGE_REQUIRED', path: addon, message: expect.stringContaining('.deb') })
  })

  it('refuses a folder that others may write to, inside or above', () => {
    fs.chmodSync(path.join(install, 'resources'), 0o775)
    expect(unprotectedPart(install)?.[0]).toBe(path.join(install, 'resources'))
    fs.chmodSync(path.join(install, 'resources'), 0o755)
    fs.chmodSync(base, 0o777)
    expect(unprotectedPart(install)?.[0]).toBe(base)
  })

  it("accepts a sticky world-writable folder above (like /tmp), where others cannot rename root's entries", () => {
    fs.chmodSync(base, 0o1777)
    expect(unprotectedPart(install)).toBeNull()
  })

  it('follows a link to the install to where it really is', () => {
    const other = makeTempDir('linkscope-install-link-')
    fs.chmodSync(other, 0o755)
    fs.symlinkSync(install, path.join(other, 'app'))
    fs.chownSync(path.join(install, 'linkscope'), 65534, 65534)
    expect(unprotectedPart(path.join(other, 'app'))?.[0]).toBe(path.join(install, 'linkscope'))
    fs.rmSync(other, { recursive: true, force: true })
  })
})

describe('the elevated command', () => {
  beforeEach((ctx) => skipUnlessRoot(ctx, WHY))
  it('is refused for an app folder others can change, before pkexec is ever asked', () => {
    const appPath = path.join(base, 'checkout')
    fs.mkdirSync(appPath)
    fs.chownSync(appPath, 65534, 65534)
    expect(() => elevatedCommand({ exe: path.join(install, 'linkscope'), appPath })).toThrow(
      expect.objectContaining({ code: 'PRIVILEGE_REQUIRED', path: appPath }),
    )
  })

  it('says so when pkexec is missing', (ctx) => {
    skipBecause(ctx, fs.existsSync(PKEXEC) ? `${PKEXEC} is installed here` : null)
    expect(() => elevatedCommand({ exe: path.join(install, 'linkscope') })).toThrow(
      expect.objectContaining({ code: 'PRIVILEGE_REQUIRED', message: expect.stringContaining('pkexec') }),
    )
  })
})
