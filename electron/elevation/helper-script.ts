/** out/elevation/helper.js: the stdin/stdout helper run as a plain Node script. */
import { runStdioHelper } from './helper-main'

void runStdioHelper().then((code) => process.exit(code))
