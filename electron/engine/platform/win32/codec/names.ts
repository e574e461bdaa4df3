/**
 * Windows file-name rules ("Naming Files, Paths, and Namespaces"). Checked before creating anything:
 * Linkscope passes `\\?\` paths, which skip Win32 name normalisation, so a name like "a." or "CON"
 * would otherwise become an entry Explorer cannot open or delete, or open a device.
 */
import { LinkError } from '../../../../../shared/errors'

const MAX_COMPONENT_UTF16 = 255
const FORBIDDEN = new Set(['<', '>', ':', '"', '/', '\\', '|', '?', '*'])
/** Reserved even with an extension ("nul.txt"), in any case; ¹²³ count as digits for COM/LPT. */
const RESERVED = /^(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³]|CONIN\$|CONOUT\$)(\..*)?$/i

export function validateWindowsName(name: string): void {
  const bad = (why: string): never => {
    throw new LinkError('INVALID_NAME', `"${name}" cannot be used as a Windows file name: ${why}.`)
  }
  if (name.length === 0) bad('it is empty')
  if (name === '.' || name === '..') bad('it names a folder, not an entry')
  if (name.length > MAX_COMPONENT_UTF16)
    bad(`it is ${name.length} characters long, the limit is ${MAX_COMPONENT_UTF16}`)
  for (const ch of name) {
    const code = ch.codePointAt(0)!
    if (code < 0x20)
      bad(
        code === 0
          ? 'it contains a NUL character'
          : `it contains the control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`,
      )
    if (FORBIDDEN.has(ch)) bad(`it contains the character ${ch} (none of < > : " / \\ | ? * are allowed)`)
  }
  if (RESERVED.test(name.replace(/[. ]+$/, ''))) bad('it is a reserved device name')
  if (/[. ]$/.test(name)) bad('it ends with a dot or a space')
}
