import { describe, expect, it } from 'vitest'

import { packageVersions, versionConflict, versionsFirst } from '../../../renderer/lib/package-version'

describe('package versions in paths', () => {
  it('reads pnpm folders (name@version, scoped with +, peer suffixes) and store folders (name/version)', () => {
    expect([...packageVersions('../../ms@2.1.3/node_modules/ms', '/')]).toEqual([['ms', '2.1.3']])
    expect([
      ...packageVersions('/p/node_modules/.pnpm/@babel+core@7.24.0_supports-color@8.1.1/node_modules/x', '/'),
    ]).toEqual([['@babel/core', '7.24.0']])
    expect([...packageVersions('/s/v11/links/@/express/4.22.3/abc/node_modules/express', '/')]).toEqual([
      ['express', '4.22.3'],
    ])
    expect([...packageVersions('C:\\store\\.pnpm\\ms@2.0.0\\node_modules\\ms', '\\')]).toEqual([['ms', '2.0.0']])
    // nothing that only looks like one: a mail address, a "v" folder, a version after a version
    expect(packageVersions('/home/me@example.com/v1.2/2.0.0/1.0.0/x', '/').size).toBe(0)
  })

  it('a candidate of another version of the package the link asked for is a conflict; other packages are not', () => {
    const target = '../../ms@2.1.3/node_modules/ms'
    expect(versionConflict(target, '/p/node_modules/.pnpm/ms@2.0.0/node_modules/ms', '/')).toEqual({
      name: 'ms',
      wanted: '2.1.3',
      found: '2.0.0',
    })
    expect(versionConflict(target, '/p/node_modules/.pnpm/ms@2.1.3/node_modules/ms', '/')).toBeNull()
    expect(versionConflict(target, '/backup/ms', '/')).toBeNull()
    expect(versionConflict('../docs/report.txt', '/p/pkg@1.0.0/report.txt', '/')).toBeNull()
  })

  it('orders candidates of the wanted version (or none known) before other versions, keeping each order', () => {
    const list = [
      { path: '/p/.pnpm/ms@2.0.0/node_modules/ms' },
      { path: '/p/elsewhere/ms' },
      { path: '/p/.pnpm/ms@2.1.3/node_modules/ms' },
      { path: '/p/.pnpm/ms@3.0.0/node_modules/ms' },
    ]
    expect(versionsFirst('../../ms@2.1.3/node_modules/ms', list, '/').map((c) => c.path)).toEqual([
      '/p/elsewhere/ms',
      '/p/.pnpm/ms@2.1.3/node_modules/ms',
      '/p/.pnpm/ms@2.0.0/node_modules/ms',
      '/p/.pnpm/ms@3.0.0/node_modules/ms',
    ])
    expect(versionsFirst(undefined, list, '/')).toEqual(list)
  })
})
