/**
 * The Windows helper's configuration, pure: the pipe's security descriptor and the command line the
 * app passes through ShellExecuteExW (a runas launch has no stdin, so it all goes on the command line;
 * only the token's SHA-256 does, never the token, since same-user processes can read command lines).
 */
import { LinkError } from '../../../shared/errors'

export type Win32HelperConfig = {
  /** \\.\pipe\linkscope-elev-<32 hex>: random per session */
  pipeName: string
  /** the app's process: the only client the helper serves */
  parentPid: number
  /** the app's user (the elevated helper may run as another account): the only SID the pipe admits */
  userSid: string
  /** sha256 (hex) of the one-time token */
  tokenSha256: string
  idleMs: number
}

export const PIPE_PREFIX = '\\\\.\\pipe\\linkscope-elev-'
const PIPE_NAME = /^\\\\\.\\pipe\\linkscope-elev-[0-9a-f]{32}$/
const SID = /^S-1-\d{1,14}(-\d{1,10}){1,14}$/
const SHA256_HEX = /^[0-9a-f]{64}$/

export const pipeNameFor = (random16: Buffer): string => `${PIPE_PREFIX}${random16.toString('hex')}`

/**
 * The pipe's DACL: protected (nothing inherited); deny network logons first (an ACL is read in order),
 * then read/write for the app's user and full access for SYSTEM. Nobody else may open it.
 */
export function pipeSddl(userSid: string): string {
  if (!SID.test(userSid))
    throw new LinkError('INVALID_ARGUMENT', `"${userSid.slice(0, 80)}" is not a Windows user SID.`)
  return `D:P(D;;GA;;;NU)(A;;GRGW;;;${userSid})(A;;GA;;;SY)`
}

/** The switches after `--elevated-helper`. */
export function helperArgs(c: Win32HelperConfig): string[] {
  return [
    '--elevated-helper',
    '--pipe',
    c.pipeName,
    '--parent-pid',
    String(c.parentPid),
    '--user-sid',
    c.userSid,
    '--token-sha256',
    c.tokenSha256,
    '--idle-ms',
    String(c.idleMs),
  ]
}

/** Read the helper's configuration from its arguments; anything malformed is refused. */
export function parseHelperArgs(argv: readonly string[]): Win32HelperConfig {
  const value = (flag: string): string => {
    const i = argv.indexOf(flag)
    const v = i >= 0 ? argv[i + 1] : undefined
    if (v === undefined || v.startsWith('--')) throw new LinkError('INVALID_ARGUMENT', `The helper needs ${flag}.`)
    return v
  }
  const int = (flag: string, max: number): number => {
    const v = value(flag)
    if (!/^\d{1,10}$/.test(v) || Number(v) < 1 || Number(v) > max)
      throw new LinkError('INVALID_ARGUMENT', `${flag} must be a whole number from 1 to ${max}.`)
    return Number(v)
  }
  const pipeName = value('--pipe')
  if (!PIPE_NAME.test(pipeName))
    throw new LinkError('INVALID_ARGUMENT', "The helper's pipe name is not one Linkscope makes.")
  const userSid = value('--user-sid')
  pipeSddl(userSid)
  const tokenSha256 = value('--token-sha256')
  if (!SHA256_HEX.test(tokenSha256)) throw new LinkError('INVALID_ARGUMENT', '--token-sha256 must be 64 hex digits.')
  return {
    pipeName,
    parentPid: int('--parent-pid', 0xffffffff),
    userSid,
    tokenSha256,
    idleMs: int('--idle-ms', 3_600_000),
  }
}
