/** For tests whose stand-in program (a script on PATH) writes the arguments it got, one a line, to a file. */
import * as fs from 'node:fs'

/** The arguments the stand-in recorded in `file`, once it has written them (waited for, at most 10 s); the file is removed. */
export async function recordedArgs(file: string): Promise<string[]> {
  for (let i = 0; i < 400 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 25))
  const lines = fs.readFileSync(file, 'utf8').split('\n').slice(0, -1)
  fs.rmSync(file)
  return lines
}
