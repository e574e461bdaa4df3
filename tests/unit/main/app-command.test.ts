import { describe, expect, it } from 'vitest'

import { appCommandFor } from '../../../electron/main/app-command'

describe("the command Explorer's verbs run", () => {
  it('is the installed executable, or electron with the app folder in development', () => {
    expect(
      appCommandFor(
        {},
        'C:\\Program Files\\Linkscope\\Linkscope.exe',
        true,
        'C:\\Program Files\\Linkscope\\resources\\app.asar',
      ),
    ).toEqual({ exe: 'C:\\Program Files\\Linkscope\\Linkscope.exe', args: [] })
    expect(appCommandFor({}, 'C:\\dev\\ls\\node_modules\\electron\\dist\\electron.exe', false, 'C:\\dev\\ls')).toEqual({
      exe: 'C:\\dev\\ls\\node_modules\\electron\\dist\\electron.exe',
      args: ['C:\\dev\\ls'],
    })
  })
  it('is the portable file the person keeps, not the temporary copy that runs', () => {
    const env = { PORTABLE_EXECUTABLE_FILE: 'D:\\Tools\\Linkscope 0.1.0.exe' }
    expect(appCommandFor(env, 'C:\\Users\\JOHNSM~1\\AppData\\Local\\Temp\\2abc\\Linkscope.exe', true, 'x')).toEqual({
      exe: 'D:\\Tools\\Linkscope 0.1.0.exe',
      args: [],
    })
    expect(appCommandFor({ PORTABLE_EXECUTABLE_FILE: '' }, 'C:\\a\\Linkscope.exe', true, 'x').exe).toBe(
      'C:\\a\\Linkscope.exe',
    )
  })
})
