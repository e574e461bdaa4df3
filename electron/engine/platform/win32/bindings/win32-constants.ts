/** The Win32 and NT constants the bindings use, with the values Microsoft's headers give them. */
import type { Handle } from './kernel32'

export const INVALID_HANDLE_VALUE: Handle = 0xffffffffffffffffn
export const INVALID_FILE_ATTRIBUTES = 0xffffffff

export const GENERIC_READ = 0x80000000
export const GENERIC_WRITE = 0x40000000
export const FILE_SHARE_ALL = 0x7
export const OPEN_EXISTING = 3
export const FILE_FLAG_BACKUP_SEMANTICS = 0x02000000
export const FILE_FLAG_OPEN_REPARSE_POINT = 0x00200000
export const FSCTL_SET_REPARSE_POINT = 0x000900a4
export const FSCTL_GET_REPARSE_POINT = 0x000900a8
export const FSCTL_DELETE_REPARSE_POINT = 0x000900ac
export const SYMBOLIC_LINK_FLAG_DIRECTORY = 0x1
export const SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE = 0x2
export const FileStandardInfo = 1
export const FileNameInfo = 2
export const FileAttributeTagInfo = 9
export const FileIdInfo = 18
export const FileCaseSensitiveInfo = 23
export const FileStatByNameInfo = 0
export const FileStatBasicByNameInfo = 3
/** FILE_INFORMATION_CLASS FileStatInformation, for NtQueryInformationByName */
export const FileStatInformation = 68
export const FindExInfoBasic = 1
export const FindExSearchNameMatch = 0
export const FIND_FIRST_EX_LARGE_FETCH = 2
export const MOVEFILE_REPLACE_EXISTING = 0x1
export const MOVEFILE_WRITE_THROUGH = 0x8
export const VOLUME_NAME_DOS = 0x0
export const DELETE = 0x00010000
export const FILE_LIST_DIRECTORY = 0x1
export const FILE_READ_ATTRIBUTES = 0x80
/** share read and write, not delete: while the handle is open nobody can rename or delete the entry */
export const FILE_SHARE_READ_WRITE = 0x3
export const FileDispositionInfo = 4
export const FileDispositionInfoEx = 21
export const FILE_DISPOSITION_FLAG_DELETE = 0x1
export const FILE_DISPOSITION_FLAG_POSIX_SEMANTICS = 0x2
export const FILE_DISPOSITION_FLAG_IGNORE_READONLY_ATTRIBUTE = 0x10
