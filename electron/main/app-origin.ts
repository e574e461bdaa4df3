/**
 * The window's page comes from linkscope://app/, a privileged custom scheme, not from file://. Its origin
 * is one constant wherever the app is installed (a portable build under C:\Users\JOHNSM~1\…, a checkout
 * in "c:\dev\[x]"), so the IPC sender check compares one exact string; and the page needs none of the
 * extra privileges Electron grants file:// pages. Pure (no Electron): app-scheme.ts registers it.
 */
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'

import { contentSecurityPolicy } from '../../shared/csp'

export const APP_SCHEME = 'linkscope'
export const APP_ORIGIN = `${APP_SCHEME}://app`
export const APP_URL = `${APP_ORIGIN}/index.html`
/** Only our own files: no socket, unlike browser mode (the page's meta tag allows one for that mode). */
export const CSP = contentSecurityPolicy()

/** True for the app's own pages: same scheme and host. A fragment or query does not change the origin. */
export const isAppUrl = (url: string | undefined): boolean =>
  typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`)

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/** The file under rendererDir that an app URL names, or null for anything else (other host, `..`, NUL). */
export function rendererFileFor(url: string, rendererDir: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== 'app') return null
  let rel: string
  try {
    rel = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (rel.includes('\0') || rel.includes('\\')) return null
  const file = path.join(rendererDir, rel === '/' ? 'index.html' : rel)
  const inside = path.relative(rendererDir, file)
  return inside && !inside.startsWith('..') && !path.isAbsolute(inside) ? file : null
}

/** Answer one request for the scheme: the file with its type and the CSP header, or a plain 404. */
export async function answerAppRequest(request: Request, rendererDir: string): Promise<Response> {
  const file = request.method === 'GET' ? rendererFileFor(request.url, rendererDir) : null
  const notFound = (): Response => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
  if (!file) return notFound()
  try {
    const body = await readFile(file)
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    })
  } catch {
    return notFound()
  }
}
