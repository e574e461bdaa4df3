import { describe, expect, it } from 'vitest'

import { middleEllipsis } from '../../../renderer/features/trees/middle-ellipsis'

describe('middleEllipsis', () => {
  it('leaves a path that fits as it is', () => {
    expect(middleEllipsis('/home/ann/photos', 16)).toBe('/home/ann/photos')
  })

  it('keeps the start and the folder name, cutting the middle to the width asked', () => {
    const p = '/tmp/linkscope-screens/home/photos-copy'
    const cut = middleEllipsis(p, 20)
    expect(cut).toHaveLength(20)
    expect(cut).toBe('/tmp/link…hotos-copy')
  })

  it('never splits a pair of UTF-16 units (a character outside the BMP)', () => {
    const p = `/a/${'😀'.repeat(10)}/b`
    for (let cols = 2; cols < p.length; cols++) {
      const cut = middleEllipsis(p, cols)
      expect(cut.length).toBeLessThanOrEqual(cols)
      expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
    }
  })

  it('is an ellipsis alone when nothing else fits', () => {
    expect(middleEllipsis('/abc', 1)).toBe('…')
  })
})
