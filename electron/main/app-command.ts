/**
 * How Explorer's verbs start this app again. Pure: tested without Electron. A portable build runs from a
 * temporary copy that its launcher deletes on exit; the launcher names the real file in
 * PORTABLE_EXECUTABLE_FILE, which is what the verbs must point at.
 */
export type AppCommand = { exe: string; args: string[] }

export function appCommandFor(
  env: NodeJS.ProcessEnv,
  execPath: string,
  isPackaged: boolean,
  appPath: string,
): AppCommand {
  const portable = env.PORTABLE_EXECUTABLE_FILE
  return { exe: portable && portable.length > 0 ? portable : execPath, args: isPackaged ? [] : [appPath] }
}
