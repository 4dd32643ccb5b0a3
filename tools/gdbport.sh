#!/usr/bin/env bash
# The TCP port of QEMU's GDB stub, shared by `make qemu-gdb` and `make gdb`
# through a file (build/ARCH/gdb.port):
#
#   tools/gdbport.sh pick FILE PID [FIRST]
#                                        qemu-gdb: reserve a free port for
#                                        process PID (the shell that runs
#                                        QEMU), from FIRST on (default
#                                        25000 + uid % 5000), write it to
#                                        FILE and print it
#   tools/gdbport.sh wait FILE           gdb: wait (up to 60 s) until FILE
#                                        names a port QEMU listens on; print it
#   tools/gdbport.sh release FILE PORT   qemu-gdb, after QEMU: free PORT, and
#                                        remove FILE if it still names PORT
#
# A port is free if nothing on this machine uses it (/proc/net/tcp and
# tcp6) and no one has reserved it. A reservation is a file
# /tmp/uvix-gdb-ports/PORT holding PID,
# made with O_EXCL, so that two qemu-gdb started together (two users, or
# one user twice) never get the same port; it lapses when that process
# is gone. A second qemu-gdb in the same tree overwrites FILE: `make gdb`
# then connects to the newer one.
set -u
RESERVED=/tmp/uvix-gdb-ports

# in_use PORT: true if a TCP socket on this machine has PORT as its local port.
in_use() {
	local hex
	hex=$(printf '%04X' "$1")
	cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
	    awk -v p=":$hex" 'substr($2, length($2) - 4) == p { found = 1 } END { exit !found }'
}

# listening PORT: true if a socket listens on PORT (state 0A, TCP_LISTEN).
listening() {
	local hex
	hex=$(printf '%04X' "$1")
	cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
	    awk -v p=":$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { found = 1 } END { exit !found }'
}

# reserve PORT OWNER: true if we now hold PORT's reservation.
reserve() {
	local f=$RESERVED/$1 pid
	if ! (set -C; echo "$2" >"$f") 2>/dev/null; then
		pid=$(cat "$f" 2>/dev/null)
		[ -n "$pid" ] && [ -d "/proc/$pid" ] && return 1
		rm -f "$f" 2>/dev/null          # lapsed: its owner is gone
		(set -C; echo "$2" >"$f") 2>/dev/null || return 1
	fi
	return 0
}

pick() {
	local file=$1 owner=$2 port=${3:-$((25000 + $(id -u) % 5000))} i
	mkdir -p "$RESERVED" 2>/dev/null && chmod 1777 "$RESERVED" 2>/dev/null
	for ((i = 0; i < 500; i++, port++)); do
		in_use "$port" && continue
		reserve "$port" "$owner" || continue
		mkdir -p "$(dirname "$file")" && echo "$port" >"$file"
		echo "$port"
		return 0
	done
	echo "gdbport: no free port in $((port - 500))-$((port - 1))" >&2
	return 1
}

wait_port() {
	local file=$1 port said= i
	for ((i = 0; i < 600; i++)); do
		port=$(cat "$file" 2>/dev/null)
		if [ -n "$port" ] && listening "$port"; then
			echo "$port"
			return 0
		fi
		if [ -z "$said" ]; then
			echo "*** waiting for QEMU's GDB stub: run 'make qemu-gdb' (same ARCH) in another terminal" >&2
			said=1
		fi
		sleep 0.1
	done
	echo "gdbport: no QEMU listened${port:+ on port $port} within 60 s" >&2
	return 1
}

release() {
	local file=$1 port=$2
	[ "$(cat "$file" 2>/dev/null)" = "$port" ] && rm -f "$file"
	rm -f "$RESERVED/$port"
}

usage() {
	echo "usage: $0 pick FILE PID [FIRST] | wait FILE | release FILE PORT" >&2
	exit 2
}

case ${1:-} in
pick)    [ $# -ge 3 ] || usage; pick "$2" "$3" "${4:-}" ;;
wait)    [ $# -eq 2 ] || usage; wait_port "$2" ;;
release) [ $# -eq 3 ] || usage; release "$2" "$3" ;;
*)       usage ;;
esac
