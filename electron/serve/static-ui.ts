/**
 * The built UI's files, and nothing else: a request path names a regular file inside the UI folder once
 * links are resolved (a link in the folder cannot lead out of it), or it is not found.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
}

export type UiFile = { body: Buffer; type: string; sourceMap: boolean }

export type StaticUi = {
  /** The file a decoded request path names, or null (not found, outside the folder, not a file, unreadable). */
  read(requestPath: string): UiFile | null
}

export function staticUi(rendererDir: string): StaticUi {
  const root = fs.realpathSync(rendererDir)
  const inside = (p: string): boolean => p.startsWith(root + path.sep)
  return {
    read(requestPath) {
      const rel = requestPath === '/' ? 'index.html' : requestPath.slice(1)
      const file = path.resolve(root, rel)
      if (!inside(file)) return null
      try {
        const real = fs.realpathSync(file)
        if (!inside(real) || !fs.statSync(real).isFile()) return null
        const ext = path.extname(real)
        return {
          body: fs.readFileSync(real),
          type: TYPES[ext] ?? 'application/octet-stream',
          sourceMap: ext === '.map',
        }
      } catch {
        return null // gone, denied, or a name the file system refuses
      }
    },
  }
}
