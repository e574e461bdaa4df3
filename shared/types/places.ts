/** The Places menu beside the address bar: folders listed lately (newest first) and bookmarked folders. */
export type Places = { recent: string[]; bookmarks: string[] }
