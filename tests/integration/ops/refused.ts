/** Assertions shared by the ops integration tests: a refusal is typed, plain, and leaves the disk as it was. */
import { expect } from 'vitest'

import { type AppErrorCode, LinkError } from '../../../shared/errors'
import { treeLines } from '../../helpers/tree-hash'

const ERRNO_NAMES =
  /\b(ENOENT|EACCES|EPERM|EXDEV|EEXIST|EISDIR|EMLINK|ENAMETOOLONG|ENOTDIR|EINVAL|ENOTSUP|EBUSY|EROFS)\b/

/** Run `op`, expect a LinkError with `code` (and `path` when given), and every root exactly as before. */
export function expectRefused(roots: string[], op: () => unknown, code: AppErrorCode, path?: string): LinkError {
  const before = roots.map(treeLines)
  let thrown: unknown
  try {
    op()
  } catch (e) {
    thrown = e
  }
  expect(thrown, 'the operation should have been refused').toBeInstanceOf(LinkError)
  const e = thrown as LinkError
  expect({ code: e.code, message: e.message }).toMatchObject({ code })
  if (path !== undefined) expect(e.path).toBe(path)
  expect(e.message.length).toBeGreaterThan(10)
  expect(e.message).not.toMatch(ERRNO_NAMES) // no errno jargon for people
  expect(roots.map(treeLines)).toEqual(before)
  return e
}
