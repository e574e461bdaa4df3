// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { Shown, splitEscapes } from '../../../renderer/components/Shown'

afterEach(cleanup)

describe('a name as people read it', () => {
  it('draws plain names as they are, with no wrapper', () => {
    const { container } = render(<Shown text="Rapport – été.txt" />)
    expect(container.innerHTML).toBe('Rapport – été.txt')
  })

  it('marks each run of escapes, and says what they stand for', () => {
    const { container } = render(<Shown text={'caf\udce9\udcff\nx\u202e.txt'} />)
    const marked = [...container.querySelectorAll('.esc')].map((e) => e.textContent)
    expect(marked).toEqual(['\\xE9\\xFF\\n', '\\u202E'])
    expect(container.textContent).toBe('caf\\xE9\\xFF\\nx\\u202E.txt')
    expect(container.querySelector('.shown-escapes')?.getAttribute('title')).toMatch(/not valid UTF-8/)
    // nothing that could drive the page or reorder text reaches the DOM
    // eslint-disable-next-line no-control-regex -- control characters are what must not appear
    expect(container.textContent).not.toMatch(/[\u0000-\u001f\u202a-\u202e]|[\udc80-\udcff]/u)
  })

  it('never mistakes a backslash in a name for an escape', () => {
    expect(splitEscapes('a\\x41\nb')).toEqual([
      { text: 'a\\x41', escaped: false },
      { text: '\\n', escaped: true },
      { text: 'b', escaped: false },
    ])
  })
})

describe('a path that may wrap between folder names', () => {
  it('keeps each short name whole, lets a long one wrap, and keeps the text exact', () => {
    const long = 'a-name-longer-than-a-narrow-panel-is-wide.txt'
    const text = `/home/user/my-project/${long}`
    const { container } = render(<Shown text={text} path />)
    expect(container.textContent).toBe(text)
    expect([...container.querySelectorAll('.path-part')].map((e) => e.textContent)).toEqual([
      '/',
      'home/',
      'user/',
      'my-project/',
    ])
    expect(container.querySelectorAll('wbr')).toHaveLength(4)
    expect(container.innerHTML.endsWith(`<wbr>${long}`)).toBe(true)
  })
})
