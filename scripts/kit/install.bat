@echo off
rem dutylog @VERSION@ offline installer for Windows: double-click this file.
rem
rem ASCII only on purpose: cmd.exe reads a .bat in the console's code page, so Chinese
rem text here would be garbled. The Chinese messages are in install.ps1, which this runs
rem with -ExecutionPolicy Bypass (for this one run; nothing is changed for the system).
rem
rem   install.bat          run install.ps1 (venv or pipx, dutylog on your user PATH)
rem   install.bat /cmd     no PowerShell (e.g. blocked by policy): create the venv and the
rem                        dutylog.bat shim with cmd alone; PATH is NOT changed, you are
rem                        told the folder to add
rem Set DUTYLOG_NO_PAUSE=1 to skip the final pause.
setlocal
set "KIT=%~dp0"
if /i "%~1"=="/cmd" goto plain
where powershell >nul 2>nul
if errorlevel 1 goto plain
powershell -NoProfile -ExecutionPolicy Bypass -File "%KIT%install.ps1" %*
set "RC=%errorlevel%"
if "%RC%"=="0" goto end
echo.
echo If PowerShell is blocked on this computer, run:  install.bat /cmd
goto end

:plain
set "APPDIR=%LOCALAPPDATA%\Programs\dutylog"
if defined DUTYLOG_APP_DIR set "APPDIR=%DUTYLOG_APP_DIR%"
set "PY="
if defined DUTYLOG_PYTHON call :trypy "%DUTYLOG_PYTHON%"
for %%V in (3.14 3.13 3.12 3.11) do call :trypy py -%%V
call :trypy python
if not defined PY goto nopython
echo Using Python: %PY%
if exist "%APPDIR%\venv\Scripts\python.exe" goto install
echo Creating a virtual environment in %APPDIR%\venv
%PY% -m venv "%APPDIR%\venv"
if errorlevel 1 goto failed

:install
echo Installing dutylog @VERSION@ from the kit (no network) ...
"%APPDIR%\venv\Scripts\python.exe" -m pip install --disable-pip-version-check -q --no-index --find-links "%KIT%wheels" --upgrade dutylog==@VERSION@
if errorlevel 1 goto failed
if not exist "%APPDIR%\bin" mkdir "%APPDIR%\bin"
> "%APPDIR%\bin\dutylog.bat" echo @"%%~dp0..\venv\Scripts\dutylog.exe" %%*
call "%APPDIR%\bin\dutylog.bat" --version
if errorlevel 1 goto failed
echo.
echo Installed. To run dutylog from any window, add this folder to your user PATH:
echo     %APPDIR%\bin
echo (Start menu: "Edit environment variables for your account" - Path - Edit - New)
echo Until then, run:  "%APPDIR%\bin\dutylog.bat"
set "RC=0"
goto end

:nopython
echo Python @PY_MIN@ or newer was not found. Install Python from python.org first
echo (tick "Add python.exe to PATH"), then run this again.
:failed
echo Install failed.
set "RC=1"

:end
if not defined DUTYLOG_NO_PAUSE pause
exit /b %RC%

:trypy
if defined PY goto :eof
%* -c "import sys; sys.exit(0 if sys.version_info >= (@PY_MIN_TUPLE@) else 1)" >nul 2>nul
if errorlevel 1 goto :eof
set "PY=%*"
goto :eof
