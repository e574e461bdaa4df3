/**
 * Windows command lines, pure. Windows passes a program one string; the C runtime, Node and Chromium
 * split it with CommandLineToArgvW's rules: backslashes are literal except before a quote, where 2n
 * of them give n and open/close quoting, and 2n+1 give n and a literal quote. A quoted path that ends
 * in a backslash therefore needs that backslash doubled, and Explorer's own "%V" for a drive root
 * (`"C:\"`) arrives as `C:"`: repairShellPath undoes that.
 */

const needsQuotes = (arg: string): boolean => arg === '' || /[\s"]/.test(arg)

/** One argument, quoted only when it has to be (or always, with `force`), so splitting gives it back. */
export function quoteArg(arg: string, force = false): string {
  if (!force && !needsQuotes(arg)) return arg
  let out = '"'
  let slashes = 0
  for (const ch of arg) {
    if (ch === '\\') {
      slashes++
      continue
    }
    if (ch === '"') out += '\\'.repeat(slashes * 2 + 1) + '"'
    else out += '\\'.repeat(slashes) + ch
    slashes = 0
  }
  return `${out}${'\\'.repeat(slashes * 2)}"`
}

/** A full command line: the program always quoted (a path), then each argument as needed. */
export function buildCommandLine(exe: string, args: readonly string[]): string {
  return [quoteArg(exe, true), ...args.map((a) => quoteArg(a))].join(' ')
}

/**
 * Split like shell32's CommandLineToArgvW (checked against it under Wine). The first word (the
 * program) follows its own rule: quotes group, backslashes are always literal. An empty command
 * line gives []. Only runs of quotes differ from the newer C runtime's rule, and quoteArg never
 * writes those.
 */
export function splitCommandLine(cmd: string): string[] {
  const args: string[] = []
  let i = 0
  const n = cmd.length
  // the program name
  if (n === 0) return args
  let prog = ''
  if (cmd[0] === '"') {
    i = 1
    while (i < n && cmd[i] !== '"') prog += cmd[i++]
    if (i < n) i++
  } else {
    while (i < n && cmd[i] !== ' ' && cmd[i] !== '\t') prog += cmd[i++]
  }
  args.push(prog)
  // The arguments, with shell32's quote counting: qcount > 0 means inside quotes; within a run of
  // quotes every third one is literal (so `""` inside quotes gives `"` and ends the quoting).
  while (i < n) {
    while (i < n && (cmd[i] === ' ' || cmd[i] === '\t')) i++
    if (i >= n) break
    let arg = ''
    let qcount = 0
    let bcount = 0
    while (i < n) {
      const ch = cmd[i] as string
      if ((ch === ' ' || ch === '\t') && qcount === 0) break
      if (ch === '\\') {
        arg += ch
        bcount++
        i++
        continue
      }
      if (ch === '"') {
        // n backslashes before a quote become n/2; an odd one out makes the quote literal.
        arg = arg.slice(0, arg.length - Math.ceil(bcount / 2))
        if (bcount % 2 === 1) arg += '"'
        else qcount++
        bcount = 0
        i++
        while (cmd[i] === '"') {
          if (++qcount === 3) {
            arg += '"'
            qcount = 0
          }
          i++
        }
        if (qcount === 2) qcount = 0
        continue
      }
      arg += ch
      bcount = 0
      i++
    }
    args.push(arg)
  }
  return args
}

/**
 * A path argument as Explorer delivered it: `"%V"` on a drive root is `"C:\"`, whose `\"` is read as a
 * literal quote, so the program gets `C:"`. Windows names cannot contain `"`, so a trailing quote can
 * only be that lost backslash.
 */
export function repairShellPath(arg: string): string {
  return arg.endsWith('"') && !arg.slice(0, -1).includes('"') ? `${arg.slice(0, -1)}\\` : arg
}
