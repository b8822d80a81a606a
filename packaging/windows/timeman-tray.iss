; Inno Setup 6 script of the Windows installer. Run through packaging/build.py windows, which
; freezes the app first and passes: AppVersion (tray_app.__version__), BundleDir (PyInstaller's
; folder: timeman-tray.exe without a console, timeman-tray-cli.exe for the command line),
; OutputDir, AppIcon; and SignTool when TIMEMAN_SIGN_COMMAND is set (see installers/windows.py).
;
; Per user, no administrator rights: %LOCALAPPDATA%\Programs\timeman-tray and the user's Start
; menu. "Start at login" writes the same registry value as the app's own setting
; (HKCU\...\Run, value "timeman-tray"). The uninstaller removes the program, its Start menu
; entry and that value; the user's settings (%APPDATA%\timeman-tray) and the webhook secret in
; Windows Credential Manager stay (use "timeman-tray-cli logout" first to remove the secret).

#ifndef AppVersion
  #error Build with packaging/build.py windows: it defines AppVersion, BundleDir, OutputDir, AppIcon
#endif
#define AppName "timeman-tray"
#define AppExe "timeman-tray.exe"
#define RunKey "Software\Microsoft\Windows\CurrentVersion\Run"
#define ApprovedKey "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"

[Setup]
AppId={{6F3E2B7A-9C41-4D8E-B5A2-1E7C9D40F3B6}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=timeman-tray contributors
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile={#AppIcon}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The Restart Manager closes a running tray before its files are replaced or removed.
CloseApplications=yes
RestartApplications=no
#ifdef SignTool
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[CustomMessages]
english.StartAtLogin=Start timeman-tray when I log in
russian.StartAtLogin=Запускать timeman-tray при входе в систему
english.TrayComment=Bitrix24 workday in the system tray
russian.TrayComment=Рабочий день Битрикс24 в системном лотке

[Tasks]
Name: "startatlogin"; Description: "{cm:StartAtLogin}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:TrayComment}"

[Registry]
Root: HKCU; Subkey: "{#RunKey}"; ValueType: string; ValueName: "{#AppName}"; \
  ValueData: """{app}\{#AppExe}"""; Tasks: startatlogin; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; \
  Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "{sys}\taskkill.exe"; Parameters: "/F /IM {#AppExe}"; Flags: runhidden; \
  RunOnceId: "StopTray"

[UninstallDelete]
Type: filesandordirs; Name: "{app}"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
  begin
    { The app's own "Start at login" setting may have written these after installation. }
    RegDeleteValue(HKEY_CURRENT_USER, '{#RunKey}', '{#AppName}');
    RegDeleteValue(HKEY_CURRENT_USER, '{#ApprovedKey}', '{#AppName}');
  end;
end;
