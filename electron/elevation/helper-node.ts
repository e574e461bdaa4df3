/** out/elevation/helper.js: the POSIX helper run by Node itself (development, tests). */
import { runStdioHelper } from './helper-main'

void runStdioHelper().then((code) => process.exit(code))
