/** Kind labels and explanations for Windows entries whose reparse tag is an attribute, not a link. */
import { describe, expect, it } from 'vitest'

import { explainEntry } from '../../../renderer/lib/explain'
import { isFolderLike, kindLabel } from '../../../renderer/lib/format'
import type { LinkEntry } from '../../../shared/types/link'

const entry = (over: Partial<LinkEntry>): LinkEntry => ({
  path: 'C:\\Users\\a\\OneDrive',
  name: 'OneDrive',
  kind: 'dir',
  links: 1,
  id: '1:2',
  status: 'n/a',
  size: 0,
  mtimeMs: 0,
  hidden: false,
  readonly: false,
  ...over,
})

describe('a tagged folder', () => {
  it('reads "Folder · OneDrive placeholder", opens like a folder, and says it is not a link', () => {
    const e = entry({ tag: 'OneDrive placeholder' })
    expect(kindLabel(e)).toBe('Folder · OneDrive placeholder')
    expect(isFolderLike(e)).toBe(true)
    expect(explainEntry(e).join(' ')).toContain('Windows marks it as OneDrive placeholder')
    expect(kindLabel(entry({ kind: 'file', tag: 'cloud placeholder' }))).toBe('File · Cloud placeholder')
    expect(kindLabel(entry({}))).toBe('Folder')
  })
})
