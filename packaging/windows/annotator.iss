; Inno Setup script for annotator on Windows (UNTESTED here: built by .github/workflows/package.yml).
; Input: the PyInstaller one-folder bundle dist\annotator\ (packaging/build-bundle.sh).
; Output: dist\annotator-<version>-setup.exe
;   iscc /DAppVersion=0.1.0 packaging\windows\annotator.iss
; Installs per user by default (no admin prompt; the user may choose all users), adds a
; Start-menu entry, an optional desktop icon, "Open with Annotator" for project files, and an
; uninstaller. Projects, settings and logs stay in the user's folders, untouched by uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Annotator"
#define AppExe "annotator.exe"
#define AppProgId "Annotator.Project"
#define SrcRoot AddBackslash(SourcePath) + "..\.."

[Setup]
; AppId identifies the app to Windows across versions: never change it.
AppId={{6F7C2B1E-3D4A-4E9B-9C2F-5A8D7E1B3C40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=annotator contributors
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
LicenseFile={#SrcRoot}\LICENSE
OutputDir={#SrcRoot}\dist
OutputBaseFilename=annotator-{#AppVersion}-setup
SetupIconFile={#SrcRoot}\build\icons\annotator.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole bundle; files left from an older version are removed first (see [InstallDelete]).
Source: "{#SrcRoot}\dist\annotator\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A new version may drop libraries; stale ones in _internal would shadow nothing but waste space.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Label claims in news articles"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Projects are "*.annotator.db". Windows associates by the last extension only, and ".db" belongs
; to many programs, so Annotator is offered under "Open with" for .db files without taking over
; the default. HKA = HKCU for a per-user install, HKLM for all users.
Root: HKA; Subkey: "Software\Classes\{#AppProgId}"; ValueType: string; ValueName: ""; ValueData: "Annotator project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#AppProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#AppProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.db\OpenWithProgids"; ValueType: string; ValueName: "{#AppProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".db"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
