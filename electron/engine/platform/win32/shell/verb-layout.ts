/**
 * Where Linkscope's Explorer verbs live in the registry, pure (what explorer-verbs.ts writes, reads
 * back and removes). Everything is per user under HKCU\Software\Classes, which Windows merges into
 * HKEY_CLASSES_ROOT, so no administrator is needed:
 *   *\shell\Linkscope.Pick, Directory\shell\Linkscope.Pick          "Pick as link source"   --pick "%1" / "%V"
 *   Directory\shell\Linkscope.DropAs, Directory\Background\shell\…, Drive\shell\…   "Drop here as" ▸ (a cascade)
 *   Linkscope.DropAs\shell\1-hardlink|2-symlink|3-junction           the cascade's items     --drop-as <verb> "%V"
 *   *\shell\Linkscope.Show, Directory\shell\…, Directory\Background\shell\…, Drive\shell\…   "Show in Linkscope"  --show "%1" / "%V"
 * `%V` is the documented parameter for folders and drives. "Pick" accepts up to 100 selected items at
 * once (MultiSelectModel Player; the default model hides a verb past 15); "Drop here as" takes one
 * folder (Single).
 * The cascade's parents name their items through ExtendedSubCommandsKey (a key under HKCR), so the
 * three items are written once and shared by the folder and the folder-background menus.
 * Windows 11 shows these under "Show more options"; its top-level menu needs package identity.
 */
import { buildCommandLine } from './command-line'

/** How Explorer should start the app: the executable and what comes before the verb switches (dev: the app folder). */
export type VerbCommand = { exe: string; args?: readonly string[] }

/** One registry key under HKCU and its string values ('' is the key's default value). */
export type VerbKey = { key: string; values: Readonly<Record<string, string>> }

export const CLASSES = 'Software\\Classes'
export const CASCADE_KEY = 'Linkscope.DropAs'

/** The keys that belong to Linkscope: removing these (with their subkeys) removes every verb. */
export const VERB_ROOTS: readonly string[] = [
  `${CLASSES}\\*\\shell\\Linkscope.Pick`,
  `${CLASSES}\\Directory\\shell\\Linkscope.Pick`,
  `${CLASSES}\\Directory\\shell\\Linkscope.DropAs`,
  `${CLASSES}\\Directory\\Background\\shell\\Linkscope.DropAs`,
  `${CLASSES}\\${CASCADE_KEY}`,
  `${CLASSES}\\*\\shell\\Linkscope.Show`,
  `${CLASSES}\\Directory\\shell\\Linkscope.Show`,
  `${CLASSES}\\Directory\\Background\\shell\\Linkscope.Show`,
  `${CLASSES}\\Drive\\shell\\Linkscope.DropAs`,
  `${CLASSES}\\Drive\\shell\\Linkscope.Show`,
]

const DROP_ITEMS = [
  { key: '1-hardlink', verb: 'hardlink', label: 'Hard link' },
  { key: '2-symlink', verb: 'symlink', label: 'Symbolic link' },
  { key: '3-junction', verb: 'junction', label: 'Junction' },
] as const

/**
 * Every key and value to write, parents before children. `%1` is the clicked item, `%V` the folder
 * (for the background menu, the folder being shown); both are quoted because paths have spaces.
 */
export function explorerVerbLayout(command: VerbCommand): VerbKey[] {
  const prefix = buildCommandLine(command.exe, command.args ?? [])
  const icon = `${buildCommandLine(command.exe, [])},0`
  const line = (...args: string[]): string => [prefix, ...args].join(' ')
  const verb = (key: string, label: string, cmd: string, extra: Record<string, string> = {}): VerbKey[] => [
    { key, values: { MUIVerb: label, Icon: icon, ...extra } },
    { key: `${key}\\command`, values: { '': cmd } },
  ]
  const many = { MultiSelectModel: 'Player' }
  const dropAs = {
    MUIVerb: 'Drop here as',
    Icon: icon,
    ExtendedSubCommandsKey: CASCADE_KEY,
    MultiSelectModel: 'Single',
  }
  const [
    pickFiles,
    pickDirs,
    dropDir,
    dropBackground,
    cascade,
    showFiles,
    showDirs,
    showBackground,
    dropDrive,
    showDrive,
  ] = VERB_ROOTS as [string, string, string, string, string, string, string, string, string, string]
  return [
    ...verb(pickFiles, 'Pick as link source', line('--pick', '"%1"'), many),
    ...verb(pickDirs, 'Pick as link source', line('--pick', '"%V"'), many),
    { key: dropDir, values: dropAs },
    { key: dropBackground, values: dropAs },
    { key: cascade, values: {} },
    { key: `${cascade}\\shell`, values: {} },
    ...DROP_ITEMS.flatMap((d) => verb(`${cascade}\\shell\\${d.key}`, d.label, line('--drop-as', d.verb, '"%V"'))),
    ...verb(showFiles, 'Show in Linkscope', line('--show', '"%1"')),
    ...verb(showDirs, 'Show in Linkscope', line('--show', '"%V"')),
    ...verb(showBackground, 'Show in Linkscope', line('--show', '"%V"')),
    { key: dropDrive, values: dropAs },
    ...verb(showDrive, 'Show in Linkscope', line('--show', '"%V"')),
  ]
}

/** The command lines among the layout's values (keys ending in \command), for reading back and tests. */
export const commandKeys = (layout: readonly VerbKey[]): VerbKey[] => layout.filter((k) => k.key.endsWith('\\command'))
