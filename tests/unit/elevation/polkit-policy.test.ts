import * as fs from 'node:fs'
import * as path from 'node:path'

import { describe, expect, it } from 'vitest'

import { PKEXEC } from '../../../electron/elevation/launcher'

const REPO = path.resolve(__dirname, '..', '..', '..')
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  name: string
  build: { productName: string; deb: { fpm: string[] } }
}
const POLICY = 'build/linux/dev.linkscope.elevate.policy'

describe('the polkit action the .deb installs', () => {
  const xml = fs.readFileSync(path.join(REPO, POLICY), 'utf8')

  it("names the executable where the .deb puts it, so pkexec shows Linkscope's own message", () => {
    // electron-builder's deb layout: /opt/<productName>/<package name>
    expect(xml).toContain(
      `<annotate key="org.freedesktop.policykit.exec.path">/opt/${pkg.build.productName}/${pkg.name}</annotate>`,
    )
    expect(xml).toMatch(/<message>[^<]*administrator rights[^<]*<\/message>/)
    expect(xml).toMatch(/<allow_active>auth_admin<\/allow_active>/) // always asks: never auth_self or yes
  })

  it("is installed into polkit's actions folder by the .deb", () => {
    expect(pkg.build.deb.fpm).toContain(`${POLICY}=/usr/share/polkit-1/actions/dev.linkscope.elevate.policy`)
  })

  it('is asked for through pkexec at its fixed place, never one found in $PATH', () => {
    expect(PKEXEC).toBe('/usr/bin/pkexec')
  })
})
