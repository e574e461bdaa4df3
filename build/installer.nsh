; Included by electron-builder's NSIS installer (package.json build.nsis.include).
; Uninstalling removes the Explorer verbs that "Add Linkscope to the Explorer right-click menu" wrote
; for this user: the keys electron/engine/platform/win32/shell/verb-layout.ts lists in VERB_ROOTS, with
; their subkeys. An update runs the old uninstaller too; the verbs stay then, as the person chose them.
!macro customUnInstall
  ${ifNot} ${isUpdated}
    DeleteRegKey HKCU "Software\Classes\*\shell\Linkscope.Pick"
    DeleteRegKey HKCU "Software\Classes\Directory\shell\Linkscope.Pick"
    DeleteRegKey HKCU "Software\Classes\Directory\shell\Linkscope.DropAs"
    DeleteRegKey HKCU "Software\Classes\Directory\Background\shell\Linkscope.DropAs"
    DeleteRegKey HKCU "Software\Classes\Linkscope.DropAs"
    DeleteRegKey HKCU "Software\Classes\*\shell\Linkscope.Show"
    DeleteRegKey HKCU "Software\Classes\Directory\shell\Linkscope.Show"
    DeleteRegKey HKCU "Software\Classes\Directory\Background\shell\Linkscope.Show"
    DeleteRegKey HKCU "Software\Classes\Drive\shell\Linkscope.DropAs"
    DeleteRegKey HKCU "Software\Classes\Drive\shell\Linkscope.Show"
    ; SHCNE_ASSOCCHANGED: Explorer drops the removed verbs from its menus now, not at the next sign-in
    System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  ${endIf}
!macroend
