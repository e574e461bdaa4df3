/** The Windows Settings page where Developer Mode (symbolic links without administrator) is turned on. Main opens it; the renderer offers it. */
export const DEVELOPER_SETTINGS_URI = 'ms-settings:developers'
