/**
 * What a person can do when Windows refuses a symbolic link for lack of rights (PRIVILEGE_REQUIRED),
 * in plain words, each with what it gives up. Pure: the caller says what it knows about the request
 * (target kind, volumes); the UI shows the list. Least privilege first: the choices that need no
 * administrator come before the one that does.
 */
import type { AppError } from '../../shared/errors'
import type { CreateLinkRequest } from '../../shared/types/ops'
import { DEVELOPER_SETTINGS_URI } from '../../shared/windows-settings'

export type PrivilegeChoiceId = 'developer-mode' | 'junction' | 'hard-link' | 'elevate'

export type PrivilegeAction =
  | { kind: 'open-settings'; uri: string }
  /** make this link instead, with no extra rights */
  | { kind: 'create'; request: CreateLinkRequest }
  /** the same request, through the elevated helper (one UAC prompt) */
  | { kind: 'elevate'; request: CreateLinkRequest }

export type PrivilegeChoice = {
  id: PrivilegeChoiceId
  label: string
  /** what it does */
  does: string
  /** what it costs or changes compared with the symbolic link that was asked for */
  givesUp: string
  available: boolean
  /** why not, when unavailable */
  unavailable?: string
  action: PrivilegeAction
}

export type PrivilegeContext = {
  /** the symbolic-link request that failed */
  request: CreateLinkRequest
  /** the target as an absolute path (a relative request is read from the link's folder) */
  resolvedTarget: string
  /** what the target is; 'missing' when it does not exist (yet) */
  targetKind: 'file' | 'dir' | 'missing'
  /** target and link are on one volume */
  sameVolume: boolean
  /** target and link are on local drives (not network shares) */
  local: boolean
}

/** The choices for a PRIVILEGE_REQUIRED failure, or [] for any other error (nothing to offer). */
export function privilegeChoices(error: AppError, ctx: PrivilegeContext): PrivilegeChoice[] {
  if (error.code !== 'PRIVILEGE_REQUIRED') return []
  const { request, resolvedTarget, targetKind, sameVolume, local } = ctx
  const relative = request.relative === true

  const junctionWhyNot =
    targetKind === 'missing'
      ? `${resolvedTarget} does not exist; a junction needs an existing folder.`
      : targetKind !== 'dir'
        ? 'Junctions point to folders only, and this target is a file.'
        : !local
          ? "Junctions work on this computer's own drives only, not on network shares."
          : undefined
  const hardWhyNot =
    targetKind === 'missing'
      ? `${resolvedTarget} does not exist; a hard link needs an existing file.`
      : targetKind !== 'file'
        ? 'Hard links are for files only, and this target is a folder.'
        : !sameVolume
          ? 'A hard link must be on the same drive as its file, and these are on different drives.'
          : undefined

  return [
    {
      id: 'developer-mode',
      label: 'Turn on Developer Mode, then try again',
      does: 'Opens Settings › For developers. With Developer Mode on, Windows lets you make symbolic links without administrator rights, now and later.',
      givesUp:
        'It is a setting for the whole computer: every program you run may then make symbolic links, and Windows also allows installing apps from outside the Store. Turning it on needs an administrator once.',
      available: true,
      action: { kind: 'open-settings', uri: DEVELOPER_SETTINGS_URI },
    },
    {
      id: 'junction',
      label: 'Make a junction instead',
      does: `A junction to ${resolvedTarget} works like a folder symbolic link for programs on this computer and needs no special rights.`,
      givesUp: `${relative ? 'It stores the full path, not a relative one, so moving both folders together breaks it. ' : 'It always stores the full path. '}It works on local drives only, and other computers reading this drive over the network cannot follow it.`,
      available: junctionWhyNot === undefined,
      ...(junctionWhyNot !== undefined ? { unavailable: junctionWhyNot } : {}),
      action: { kind: 'create', request: { type: 'junction', target: resolvedTarget, link: request.link } },
    },
    {
      id: 'hard-link',
      label: 'Make a hard link instead',
      does: `A hard link is a second name for the same file as ${resolvedTarget}: no special rights needed.`,
      givesUp:
        'It is the same file, not a link to a path: if the original is deleted or replaced by a new file (many editors save that way), the two names stop sharing content and nothing shows it. It cannot cross drives or point to a folder.',
      available: hardWhyNot === undefined,
      ...(hardWhyNot !== undefined ? { unavailable: hardWhyNot } : {}),
      action: { kind: 'create', request: { type: 'hard', target: resolvedTarget, link: request.link } },
    },
    {
      id: 'elevate',
      label: 'Run this operation as administrator',
      does: 'Windows asks for administrator approval once, and Linkscope makes exactly this symbolic link with those rights.',
      givesUp:
        "You need an administrator's approval or password each time, and the link is owned by the Administrators group rather than by you.",
      available: true,
      action: { kind: 'elevate', request },
    },
  ]
}
