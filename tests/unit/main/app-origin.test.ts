import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { answerAppRequest, APP_URL, CSP, isAppUrl, rendererFileFor } from '../../../electron/main/app-origin'

// The renderer as the linkscope://app/ scheme serves it: a real folder with the files Vite writes.
let dir: string
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-scheme-'))
  fs.mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>x</title>')
  fs.writeFileSync(path.join(dir, 'renderer', 'assets', 'index-abc.js'), 'export {}')
  fs.writeFileSync(path.join(dir, 'renderer', 'assets', 'index-abc.css'), 'body{}')
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer')
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const rendererDir = (): string => path.join(dir, 'renderer')

describe('the app origin', () => {
  it('is one constant page URL whatever the install path', () => {
    expect(APP_URL).toBe('linkscope://app/index.html')
    expect(isAppUrl(APP_URL)).toBe(true)
    expect(isAppUrl('linkscope://app/index.html#x')).toBe(true)
    for (const other of [
      'linkscope://app.evil/index.html',
      'linkscope://evil/index.html',
      'file:///opt/Linkscope/index.html',
      'https://app/index.html',
      'linkscope://app',
      '',
      undefined,
    ])
      expect(isAppUrl(other)).toBe(false)
  })
})

describe('serving the renderer from linkscope://app/', () => {
  it('maps app URLs to files inside the renderer folder only', () => {
    expect(rendererFileFor('linkscope://app/index.html', rendererDir())).toBe(path.join(rendererDir(), 'index.html'))
    expect(rendererFileFor('linkscope://app/', rendererDir())).toBe(path.join(rendererDir(), 'index.html'))
    expect(rendererFileFor('linkscope://app/assets/index-abc.js?v=1', rendererDir())).toBe(
      path.join(rendererDir(), 'assets', 'index-abc.js'),
    )
    // The URL parser removes dot segments before we see them: these stay inside the folder.
    expect(rendererFileFor('linkscope://app/../secret.txt', rendererDir())).toBe(path.join(rendererDir(), 'secret.txt'))
    expect(rendererFileFor('linkscope://app/%2e%2e/secret.txt', rendererDir())).toBe(
      path.join(rendererDir(), 'secret.txt'),
    )
    for (const bad of [
      'linkscope://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'linkscope://app/%2e%2e%2fsecret.txt',
      'linkscope://app/%00index.html',
      'linkscope://app/..%5csecret.txt',
      'linkscope://app/%E0%A4%A',
      'linkscope://other/index.html',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(rendererFileFor(bad, rendererDir()), bad).toBeNull()
    }
  })
  it('answers with the file, its type, the CSP and nosniff', async () => {
    const page = await answerAppRequest(new Request('linkscope://app/index.html'), rendererDir())
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(CSP)
    expect(CSP).toContain("script-src 'self'")
    expect(CSP).not.toContain('ws:')
    expect(await page.text()).toContain('<title>x</title>')
    const script = await answerAppRequest(new Request('linkscope://app/assets/index-abc.js'), rendererDir())
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(script.headers.get('x-content-type-options')).toBe('nosniff')
  })
  it('answers 404 for a missing file, a folder, an escape and any method but GET', async () => {
    for (const url of ['linkscope://app/nope.js', 'linkscope://app/assets', 'linkscope://app/%2e%2e/secret.txt']) {
      const r = await answerAppRequest(new Request(url), rendererDir())
      expect(r.status, url).toBe(404)
      expect(await r.text()).not.toContain('outside the renderer')
    }
    expect(
      (await answerAppRequest(new Request('linkscope://app/index.html', { method: 'POST', body: 'x' }), rendererDir()))
        .status,
    ).toBe(404)
  })
})
