// Every refusal the renderer explains, walked code by code: each must say what happened and what to do,
// in words a person reads without knowing the engine (no codes, no errno names, no "drive" off Windows).
import { afterEach, describe, expect, it } from 'vitest'

import { explainListError, explainOpError } from '../../../renderer/lib/explain'
import { setVolumeWord } from '../../../renderer/lib/volume-word'
import { APP_ERROR_CODES } from '../../../shared/errors'

const OPS = ['create', 'remove', 'retarget', 'rename', 'open'] as const

/** Verbs a way out may start with: it tells the person what to do, not what Linkscope is. */
const DO_VERBS = new Set(
  'Ask Check Choose Close Delete Drop Free Go Install Leave Make Move Open Read Refresh Remove Restart Retarget Run Try Turn Use Avoid'.split(
    ' ',
  ),
)

/** Why a sentence is not plain words for a person, or null when it is. */
function notPlain(text: string): string | null {
  if (!/^[A-Z“]/.test(text)) return 'does not start as a sentence'
  if (!/[.!]$/.test(text)) return 'does not end as a sentence'
  if (/\b[A-Z]+_[A-Z_]+\b/.test(text)) return 'names an error code'
  if (/\bE(NO|ACCES|PERM|LOOP|XDEV|EXIST|NOTDIR|ISDIR|BUSY|MLINK|NAMETOOLONG|ROFS)[A-Z]*\b/.test(text))
    return 'names an errno'
  if (/\b(errno|syscall|undefined|null|NaN|inode|reparse tag|stack)\b/i.test(text)) return 'uses engine words'
  if (text.length > 220) return 'is too long to read at a glance'
  return null
}

function checkPair(what: string, happened: string, toDo: string, platform: string): void {
  expect(notPlain(happened), `${what}: "${happened}"`).toBeNull()
  expect(notPlain(toDo), `${what}: "${toDo}"`).toBeNull()
  const verb = toDo.split(/[\s,:;]/)[0]!
  expect(DO_VERBS.has(verb), `${what}: the way out "${toDo}" does not start by saying what to do`).toBe(true)
  expect(toDo, `${what}: the way out repeats what happened`).not.toBe(happened)
  if (platform !== 'win32')
    expect(`${happened} ${toDo}`, `${what} says "drive" on ${platform}`).not.toMatch(/\bdrives?\b/)
}

afterEach(() => setVolumeWord(undefined))

describe('every refusal says what happened and what to do, in plain words', () => {
  for (const platform of ['linux', 'darwin', 'win32']) {
    it(`operations, every code, every operation, with and without junctions (${platform})`, () => {
      setVolumeWord(platform)
      for (const code of APP_ERROR_CODES)
        for (const op of OPS)
          for (const junctions of [true, false]) {
            const { reason, wayOut } = explainOpError({ code, message: 'the engine’s own words' }, op, junctions)
            checkPair(`${code} (${op}, junctions ${junctions})`, reason, wayOut, platform)
          }
    })

    it(`a folder that cannot be listed, every code (${platform})`, () => {
      setVolumeWord(platform)
      for (const code of APP_ERROR_CODES) {
        const { title, action } = explainListError({ code, message: 'the engine’s own words' })
        checkPair(`listing ${code}`, title, action, platform)
      }
    })
  }

  it('a code from a newer engine still gets a reason and a way out', () => {
    const { reason, wayOut } = explainOpError({ code: 'SOMETHING_NEW' as never, message: '' })
    checkPair('an unknown code', reason, wayOut, 'linux')
  })

  it('the check itself fails on engine words, codes and a way out that does not say what to do', () => {
    expect(notPlain('ELOOP: too many levels.')).toBe('names an errno')
    expect(notPlain('Refused with LINK_LOOP.')).toBe('names an error code')
    expect(notPlain('lowercase start.')).toBe('does not start as a sentence')
    expect(() => checkPair('x', 'It failed.', 'Linkscope only changes links.', 'linux')).toThrow(/saying what to do/)
    expect(() => checkPair('x', 'It must be on the same drive.', 'Use a symbolic link.', 'linux')).toThrow(/drive/)
  })

  it('a looping path and a missing one get different headlines', () => {
    expect(explainListError({ code: 'LINK_LOOP', message: '' }).title).toBe('The links on this path loop.')
    expect(explainListError({ code: 'NOT_FOUND', message: '' }).title).toBe('This folder does not exist.')
  })
})
