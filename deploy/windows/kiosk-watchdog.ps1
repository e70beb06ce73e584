<#
.SYNOPSIS
  Restarts the Aigun kiosk on Windows when it froze or is gone (Windows has no systemd watchdog).

.DESCRIPTION
  Run by a Task Scheduler task every minute (deploy/README.md, "Windows", step 6). The kiosk
  writes its process id to its heartbeat file when it starts and again at most every 10 s
  while its window draws (kiosk/watchdog.py); a clean stop (staff exit) removes the file.

  - The heartbeat's process runs and the file is younger than -MaxAgeSeconds: all is well.
  - It runs but the file is older: the kiosk is frozen (or never drew). It is ended
    (Stop-Process: exit code -1, which Shell Launcher's configuration restarts) and started
    again through -Task.
  - No kiosk runs: -Task is started, unless that task started less than -MaxAgeSeconds ago
    (the kiosk is still starting). A task that is already running is not started twice.

  With Shell Launcher (the kiosk is the shell and Shell Launcher restarts it) pass
  -ShellLauncher: this script then only ends a frozen kiosk. Every action is one line in -Log.

  NOT RUN ON THE PROJECT'S MACHINES (they are Linux): check it on the exhibit PC, see the guide.

.EXAMPLE
  powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\aigun-kiosk\deploy\windows\kiosk-watchdog.ps1 -Heartbeat C:\Users\kiosk\AppData\Local\aigun-kiosk\heartbeat
#>
param(
    # the kiosk user's data folder + "heartbeat" (KIOSK_DATA_DIR + "heartbeat" if you set that)
    [string]$Heartbeat = "$env:LOCALAPPDATA\aigun-kiosk\heartbeat",
    # older than this = frozen
    [int]$MaxAgeSeconds = 120,
    # the Task Scheduler task that starts the kiosk in the kiosk user's session ("" = none)
    [string]$Task = "Aigun kiosk",
    # one line per action
    [string]$Log = "",
    # the kiosk is Shell Launcher's shell: end a frozen kiosk, start nothing
    [switch]$ShellLauncher
)

$ErrorActionPreference = "Stop"
if ($ShellLauncher) { $Task = "" }
if (-not $Log) { $Log = Join-Path (Split-Path -Parent $Heartbeat) "logs\watchdog.log" }

function Say([string]$message) {
    $line = "{0:yyyy-MM-dd HH:mm:ss} {1}" -f (Get-Date), $message
    try {
        New-Item -ItemType Directory -Force -Path (Split-Path -Parent $Log) | Out-Null
        Add-Content -Path $Log -Value $line
    } catch { }
    Write-Output $line
}

$now = Get-Date
$maxAge = New-TimeSpan -Seconds $MaxAgeSeconds

# the kiosk's Python process, named by its heartbeat (python.exe or pythonw.exe only: a
# process id left in the file may belong to another program by now)
$kiosk = $null
$beat = Get-Item -LiteralPath $Heartbeat -ErrorAction SilentlyContinue
if ($beat) {
    $text = Get-Content -LiteralPath $Heartbeat -TotalCount 1 -ErrorAction SilentlyContinue
    $kioskId = 0
    if ([int]::TryParse("$text".Trim(), [ref]$kioskId) -and $kioskId -gt 0) {
        $kiosk = Get-Process -Id $kioskId -ErrorAction SilentlyContinue |
            Where-Object { $_.ProcessName -in @("python", "pythonw") }
    }
}

if ($kiosk) {
    $age = $now - $beat.LastWriteTime
    if ($age -lt $maxAge) { exit 0 }  # alive and drawing
    Say ("kiosk (process {0}) has not drawn for {1:N0} s: ending it" -f $kiosk.Id, $age.TotalSeconds)
    # the processes that started it: kiosk-window.exe (or kiosk.exe) and the venv's pythonw.exe
    # (or python.exe), which wait for it and end with its exit code
    $chain = @()
    $id = $kiosk.Id
    for ($i = 0; $i -lt 3; $i++) {
        $p = Get-CimInstance Win32_Process -Filter "ProcessId = $id" -ErrorAction SilentlyContinue
        if (-not $p) { break }
        $up = Get-Process -Id $p.ParentProcessId -ErrorAction SilentlyContinue |
            Where-Object { $_.ProcessName -in @("python", "pythonw", "kiosk-window", "kiosk") }
        if (-not $up) { break }
        $chain += $up.Id
        $id = $up.Id
    }
    Stop-Process -Id $kiosk.Id -Force -ErrorAction SilentlyContinue
    Start-Sleep -Seconds 3
    foreach ($id in $chain) { Stop-Process -Id $id -Force -ErrorAction SilentlyContinue }
} elseif ($Task) {
    $info = Get-ScheduledTaskInfo -TaskName $Task -ErrorAction SilentlyContinue
    $state = (Get-ScheduledTask -TaskName $Task -ErrorAction SilentlyContinue).State
    if (-not $info) { Say "no task named '$Task': nothing to start"; exit 1 }
    if ("$state" -eq "Running") {
        if (($now - $info.LastRunTime) -lt $maxAge) { exit 0 }  # starting: not drawn yet
        Say "task '$Task' has run for over $MaxAgeSeconds s without a heartbeat: ending it"
        Stop-ScheduledTask -TaskName $Task
        Start-Sleep -Seconds 3
    } else {
        Say "no kiosk is running"
    }
} else {
    exit 0  # Shell Launcher restarts a kiosk that is gone
}

if ($Task) {
    Say "starting task '$Task'"
    Start-ScheduledTask -TaskName $Task
}
