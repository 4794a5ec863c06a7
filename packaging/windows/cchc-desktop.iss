; Inno Setup script of the per-user Windows installer of CCHC Desktop.
;
;   iscc /DAppVersion=0.1.0 /DBundleDir="..\..\dist\CCHC Desktop" /DOutputDir="..\..\dist" cchc-desktop.iss
;
; Installs the one-folder bundle made by `python packaging/build.py` for the current user only,
; without administrator rights, into %LOCALAPPDATA%\Programs\CCHC Desktop. Start-menu shortcuts
; (the window, the user guide, uninstall) and an optional desktop shortcut; no file associations.
; The data folder (%LOCALAPPDATA%\CCHCDesktop: database, backups\, attachments\) is not part of
; the installation and is left alone by the uninstaller; only the reminder agent's Startup
; shortcut, which would point at the removed program, is deleted.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\CCHC Desktop"
#endif
; Vietnamese messages of every page of setup and uninstall: Vietnamese.isl beside this script,
; written for this project (Inno Setup ships no Vietnamese translation).
#define ViIsl AddBackslash(SourcePath) + "Vietnamese.isl"
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
AppId={{6C1D7E0A-3B1F-4E55-9F2C-CC4C0DE5C0A1}
AppName=CCHC Desktop
AppVersion={#AppVersion}
AppVerName=CCHC Desktop {#AppVersion}
AppPublisher=CCHC Desktop
AppComments=Lập, theo dõi, in và báo cáo kế hoạch tuyên truyền cải cách hành chính
; Per user, no administrator rights: {autopf} is %LOCALAPPDATA%\Programs, {autoprograms} the user's Start menu.
PrivilegesRequired=lowest
DefaultDirName={autopf}\CCHC Desktop
DefaultGroupName=CCHC Desktop
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ChangesAssociations=no
ChangesEnvironment=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=cchc-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName=CCHC Desktop
UninstallDisplayIcon={app}\cchc-desktop-gui.exe
; A running window or reminder agent is closed before its files are replaced or removed.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no
; Vietnamese whatever the language of Windows (office PCs often run an English Windows); /LANG=en
; on the command line gives the English wizard.
LanguageDetectionMethod=none

[Languages]
; This script is UTF-8 with a byte order mark, which is how Inno Setup 6 reads Vietnamese in it.
; The first language is the one used (LanguageDetectionMethod=none).
Name: "vi"; MessagesFile: "{#ViIsl}"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vi.DesktopIcon=Tạo lối tắt trên màn hình nền
vi.Guide=Hướng dẫn sử dụng CCHC Desktop
vi.Launch=Mở CCHC Desktop
en.DesktopIcon=Create a desktop shortcut
en.Guide=CCHC Desktop user guide
en.Launch=Start CCHC Desktop

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
; The portable marker belongs to the zip, never to an installed copy.
Source: "{#BundleDir}\*"; Excludes: "\portable"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A `portable` marker left from a copied zip would move the data beside the program.
Type: files; Name: "{app}\portable"

[Icons]
Name: "{autoprograms}\CCHC Desktop"; Filename: "{app}\cchc-desktop-gui.exe"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:Guide}"; Filename: "{app}\_internal\resources\guide\huong-dan.html"; Check: GuideExists
Name: "{autodesktop}\CCHC Desktop"; Filename: "{app}\cchc-desktop-gui.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\cchc-desktop-gui.exe"; Description: "{cm:Launch}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; The Startup shortcut of the reminder agent (Thiết lập nhắc việc), and the .cmd older versions wrote.
Type: files; Name: "{userstartup}\cchc-desktop-nhac-viec.lnk"
Type: files; Name: "{userstartup}\cchc-desktop-nhac-viec.cmd"
; Nothing under {localappdata}\CCHCDesktop: the database, backups and attachments stay.

[Code]
function GuideExists: Boolean;
begin
  Result := FileExists(ExpandConstant('{app}\_internal\resources\guide\huong-dan.html'));
end;
