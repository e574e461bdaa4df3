/** Windows command-line quoting and splitting (CommandLineToArgvW's rules), and Explorer's drive-root quirk. */
import { describe, expect, it } from 'vitest'

import {
  buildCommandLine,
  quoteArg,
  repairShellPath,
  splitCommandLine,
} from '../../../electron/engine/platform/win32/shell/command-line'

describe('splitCommandLine', () => {
  // The examples from Microsoft's "Parsing C command-line arguments" table.
  it.each([
    ['"a b c" d e', ['a b c', 'd', 'e']],
    ['"ab\\"c" "\\\\" d', ['ab"c', '\\', 'd']],
    ['a\\\\\\b d"e f"g h', ['a\\\\\\b', 'de fg', 'h']],
    ['a\\\\\\"b c d', ['a\\"b', 'c', 'd']],
    ['a\\\\\\\\"b c" d e', ['a\\\\b c', 'd', 'e']],
    // shell32's rule (the C runtime since 2008 gives 'ab" c d'): `""` inside quotes is a quote that closes them
    ['a"b"" c d', ['ab"', 'c', 'd']],
    ['"a""b"', ['a"b']],
    ['"""x"""', ['"x"']],
  ])('prog %s', (rest, expected) => {
    expect(splitCommandLine(`prog ${rest}`)).toEqual(['prog', ...expected])
  })

  it('reads the program name with its own rule: quotes group, backslashes stay', () => {
    expect(splitCommandLine('"C:\\Program Files\\App\\"x y')).toEqual(['C:\\Program Files\\App\\', 'x', 'y'])
    expect(splitCommandLine('C:\\tools\\a.exe  --x\t"y z"')).toEqual(['C:\\tools\\a.exe', '--x', 'y z'])
    expect(splitCommandLine('')).toEqual([])
  })

  it('gives `C:"` for a quoted drive root, which repairShellPath turns back into C:\\', () => {
    const argv = splitCommandLine('"C:\\L.exe" --drop-as junction "C:\\"')
    expect(argv).toEqual(['C:\\L.exe', '--drop-as', 'junction', 'C:"'])
    expect(repairShellPath(argv[3]!)).toBe('C:\\')
    expect(repairShellPath('C:\\Users\\me')).toBe('C:\\Users\\me')
    expect(repairShellPath('\\\\server\\share\\')).toBe('\\\\server\\share\\')
    expect(repairShellPath('a"b"')).toBe('a"b"') // not the lost-backslash shape: left alone
  })
})

describe('quoteArg / buildCommandLine', () => {
  const tricky = [
    'plain',
    'with space',
    'C:\\Program Files\\Linkscope\\',
    'C:\\',
    'say "hi"',
    'ends with quote"',
    '',
    'tab\there',
    'back\\\\slashes\\\\',
    '\\"',
    'mixed \\" and \\\\" end\\',
    'C:\\My Files\\a b.txt',
    'ünïcødé ✓',
  ]

  it.each(tricky)('round-trips %j through the Windows split', (arg) => {
    const line = buildCommandLine('C:\\Program Files\\Linkscope\\Linkscope.exe', [arg, 'next'])
    expect(splitCommandLine(line)).toEqual(['C:\\Program Files\\Linkscope\\Linkscope.exe', arg, 'next'])
  })

  it('quotes only when needed, and always quotes when forced', () => {
    expect(quoteArg('--pick')).toBe('--pick')
    expect(quoteArg('a b')).toBe('"a b"')
    expect(quoteArg('C:\\dir with space\\')).toBe('"C:\\dir with space\\\\"')
    expect(quoteArg('say "hi"')).toBe('"say \\"hi\\""')
    expect(quoteArg('')).toBe('""')
    expect(quoteArg('C:\\x.exe', true)).toBe('"C:\\x.exe"')
  })
})
