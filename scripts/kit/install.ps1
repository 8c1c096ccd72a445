# dutylog @VERSION@ 离线安装（Windows）
#
# 双击 install.bat 即可（它以 -ExecutionPolicy Bypass 运行本脚本）；或在 PowerShell 中：
#     powershell -ExecutionPolicy Bypass -File install.ps1 [-Python C:\path\python.exe] [-NoPipx]
#
# 本脚本只做这些事，全程不联网，不动数据文件夹：
#   1. 找到 Python @PY_MIN@ 或更新版本（-Python 参数；否则 py -3.14 … py -3.11；否则 PATH 上的 python）；
#   2. 若有 pipx：用 pipx 安装安装包里的 dutylog（pip 只看 wheels 文件夹）；失败则走第 3 步；
#   3. 否则在 %LOCALAPPDATA%\Programs\dutylog\venv 建虚拟环境，
#      pip install --no-index --find-links wheels dutylog；
#   4. 在 %LOCALAPPDATA%\Programs\dutylog\bin 写一个 dutylog.bat，并把这个文件夹加入“用户”PATH
#      （只改当前用户的 PATH，不需要管理员权限）。新开的命令窗口里即可运行 dutylog。
# (Finds Python >= @PY_MIN@, installs with pipx or into a venv from .\wheels with no index, writes
#  a dutylog.bat shim and adds its folder to the *user* PATH. No network, no admin rights.)

param([string]$Python = "", [switch]$NoPipx)

$Version = "@VERSION@"
$Kit = Split-Path -Parent $MyInvocation.MyCommand.Path
$Wheels = Join-Path $Kit "wheels"
$Wheel = Join-Path $Wheels "dutylog-$Version-py3-none-any.whl"
if ($env:DUTYLOG_APP_DIR) { $AppDir = $env:DUTYLOG_APP_DIR } else { $AppDir = Join-Path $env:LOCALAPPDATA "Programs\dutylog" }
$Venv = Join-Path $AppDir "venv"
$BinDir = Join-Path $AppDir "bin"

function Fail($message) {
    Write-Host "安装失败 (install failed): $message" -ForegroundColor Red
    exit 1
}

if (-not (Test-Path $Wheel)) { Fail "找不到 $Wheel（安装包不完整，请复制整个文件夹 / copy the whole kit folder）" }

# -- 1. Python ----------------------------------------------------------------------------
$Check = "import sys; sys.exit(0 if sys.version_info >= (@PY_MIN_TUPLE@) else 1)"
function Resolve-Python([string[]]$cmd) {
    $exe = $cmd[0]
    $rest = @($cmd | Select-Object -Skip 1)
    if (-not (Get-Command $exe -ErrorAction SilentlyContinue)) { return $null }
    & $exe @rest -c $Check 2>$null | Out-Null
    if ($LASTEXITCODE -ne 0) { return $null }
    $path = & $exe @rest -c "import sys; print(sys.executable)" 2>$null
    if ($LASTEXITCODE -ne 0 -or -not $path) { return $null }
    return "$path".Trim()
}

$Py = $null
if ($Python) {
    $Py = Resolve-Python @($Python)
    if (-not $Py) { Fail "$Python 不是 Python @PY_MIN@ 或更新版本 (not Python >= @PY_MIN@)" }
} else {
    # The Microsoft Store Python keeps what it writes under AppData in a private copy, so a
    # venv it made there would not be where dutylog.bat looks: use it only when nothing else.
    $store = $null
    foreach ($cand in @(@("py", "-3.14"), @("py", "-3.13"), @("py", "-3.12"), @("py", "-3.11"), @("python"), @("python3"))) {
        $found = Resolve-Python $cand
        if (-not $found) { continue }
        if ($found -like "*\WindowsApps\*") { if (-not $store) { $store = $found }; continue }
        $Py = $found
        break
    }
    if (-not $Py -and $store) {
        Write-Host ("注意：只找到 Microsoft Store 版 Python。建议改装 python.org 版本；Store 版会把 AppData 下的文件" +
                    "写到它自己的私有目录。(Only the Microsoft Store Python was found; python.org's is recommended.)") -ForegroundColor Yellow
        $Py = $store
    }
}
if (-not $Py) {
    Fail ("没有找到 Python @PY_MIN@ 或更新版本。请先安装 Python（python.org 的 Windows 安装程序，" +
          "勾选 Add python.exe to PATH），再运行本脚本。(Python >= @PY_MIN@ not found: install it first.)")
}
Write-Host "使用 Python (using): $Py"

# -- 2. pipx, when present ----------------------------------------------------------------
if (-not $NoPipx -and -not $env:DUTYLOG_NO_PIPX -and (Get-Command pipx -ErrorAction SilentlyContinue)) {
    Write-Host "发现 pipx，用 pipx 安装 (installing with pipx) …"
    $env:PIP_NO_INDEX = "1"
    $env:PIP_FIND_LINKS = $Wheels
    & pipx install --force --python $Py $Wheel
    $ok = ($LASTEXITCODE -eq 0)
    Remove-Item Env:PIP_NO_INDEX, Env:PIP_FIND_LINKS -ErrorAction SilentlyContinue
    if ($ok) {
        Write-Host "安装完成 (installed)。如 pipx 提示 PATH，请运行 pipx ensurepath 后重开窗口。" -ForegroundColor Green
        exit 0
    }
    Write-Host "pipx 安装未成功，改用独立虚拟环境 (pipx failed; using a venv instead)" -ForegroundColor Yellow
}

# -- 3. a venv of our own -----------------------------------------------------------------
$VenvPython = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $VenvPython)) {
    Write-Host "创建虚拟环境 (creating a venv): $Venv"
    & $Py -m venv $Venv
    if ($LASTEXITCODE -ne 0) { Fail "python -m venv 失败" }
}
Write-Host "从安装包安装，不联网 (installing from the kit, no network) …"
& $VenvPython -m pip install --disable-pip-version-check -q --no-index --find-links $Wheels --upgrade "dutylog==$Version"
if ($LASTEXITCODE -ne 0) { Fail "pip install 失败" }

# -- 4. dutylog on PATH -------------------------------------------------------------------
New-Item -ItemType Directory -Force -Path $BinDir | Out-Null
$Shim = Join-Path $BinDir "dutylog.bat"
# ASCII only, and relative to its own folder: works whatever the user name's characters.
[IO.File]::WriteAllText($Shim, "@`"%~dp0..\venv\Scripts\dutylog.exe`" %*`r`n", [Text.Encoding]::ASCII)

$key = [Microsoft.Win32.Registry]::CurrentUser.OpenSubKey("Environment", $true)
$current = $key.GetValue("Path", "", [Microsoft.Win32.RegistryValueOptions]::DoNotExpandEnvironmentNames)
$parts = @("$current".Split(";") | Where-Object { $_ -ne "" })
$present = $parts | Where-Object { [Environment]::ExpandEnvironmentVariables($_).TrimEnd("\") -ieq $BinDir.TrimEnd("\") }
if (-not $present) {
    if ($env:DUTYLOG_APP_DIR) { $entry = $BinDir } else { $entry = "%LOCALAPPDATA%\Programs\dutylog\bin" }
    $key.SetValue("Path", (($parts + $entry) -join ";"), [Microsoft.Win32.RegistryValueKind]::ExpandString)
    # Tell Explorer the environment changed, so new windows see the new PATH.
    [Environment]::SetEnvironmentVariable("DUTYLOG_PATH_REFRESH", "1", "User")
    [Environment]::SetEnvironmentVariable("DUTYLOG_PATH_REFRESH", $null, "User")
    Write-Host "已把 $BinDir 加入用户 PATH (added to your user PATH)"
}
$key.Close()
$env:Path = "$env:Path;$BinDir"

$shown = & $Shim --version
if ($LASTEXITCODE -ne 0) { Fail "dutylog --version 失败" }
Write-Host "安装完成 (installed): $shown" -ForegroundColor Green
Write-Host "请新开一个命令窗口（Windows Terminal 显示中文对齐最好），输入 dutylog 运行。"
Write-Host "(Open a new terminal window and type: dutylog)"
Write-Host "卸载 (uninstall): 删除 $AppDir，并从用户 PATH 去掉 $BinDir；数据在 $env:LOCALAPPDATA\dutylog，不会被删除。"
exit 0
