#!/bin/sh
# Installs the Debian packages Uvix needs, or prints the exact command.
PKGS="gcc gcc-multilib make qemu-system-x86 grub-pc-bin grub-common xorriso gdb librsvg2-bin python3"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && $cmd
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
	sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive $cmd
else
	echo "deps: missing packages. Run as root:"
	echo "  apt-get update && $cmd"
	exit 1
fi
