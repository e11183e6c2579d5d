#!/usr/bin/env bash
# Installs, from Debian's packages, what the real-n8n suites need beyond npm: Chromium (the editor
# e2e and the screenshots), PostgreSQL and Redis (queue mode), and the CJK and colour-emoji fonts
# Chromium needs to draw a meeting subject such as "Q4 planning 规划 🚀" (without them it draws
# boxes). Only what is missing; needs root (as CI and the developer machines are) or sudo.
# Idempotent; prints what it did.
set -euo pipefail
need=()
# $CHROMIUM: another Chromium-based browser to drive (GitHub's runners ship Chrome).
if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then :; else command -v chromium >/dev/null 2>&1 || need+=(chromium); fi
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
# The fonts: Debian's packages by name (a machine that already has Chromium still gets them).
for font in fonts-noto-cjk fonts-noto-color-emoji; do
	dpkg-query -W -f='${Status}' "$font" 2>/dev/null | grep -q 'install ok installed' || need+=("$font")
done
if [ ${#need[@]} -eq 0 ]; then
	echo "[install-system] chromium, redis-server, postgresql and the CJK and emoji fonts present"
	exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "[install-system] installing ${need[*]} from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# fontconfig comes with them (a dependency), so fc-list finds the fonts at once.
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts the services it installs where it can; the suites start their own instances.
for service in redis-server postgresql; do
	$sudo service "$service" stop >/dev/null 2>&1 || true
done
echo "[install-system] done"
