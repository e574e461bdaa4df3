/**
 * The part of an HTTP request line the server acts on. Browsers send a path that starts with `/` (and
 * keep `%` or `%ff` in it as they are); anything else, or a path that does not decode, is a bad request,
 * answered 400 rather than thrown.
 */
export type RequestTarget = { path: string; query: URLSearchParams }

export function parseTarget(raw: string | undefined): RequestTarget | null {
  // Only origin-form: `//host/…` or `http://…` would name another authority, and `*` is for OPTIONS.
  if (!raw || !raw.startsWith('/') || raw.startsWith('//')) return null
  const q = raw.indexOf('?')
  let path: string
  try {
    path = decodeURIComponent(q < 0 ? raw : raw.slice(0, q))
  } catch {
    return null // URIError: `%`, `%ff`, a cut-off sequence
  }
  // A NUL ends a path in the kernel; a backslash is a separator on Windows. Neither is in a UI file's name.
  if (path.includes('\0') || path.includes('\\')) return null
  return { path, query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) }
}
