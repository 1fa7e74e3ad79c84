# bench/lib.sh - helpers for bench pieces (sourced).
#   measure CMD...      runs CMD once with GNU-time-like accounting; sets
#                       WALL (seconds), RSS_KB (peak resident KiB)
#   mbps BYTES SECONDS  prints throughput in MB/s
#   ratio A B           prints A/B with two decimals
measure() {
	_tf=$(mktemp)
	if [ -x /usr/bin/time ]; then
		# GNU time is a small C parent: the peak RSS it reports is the
		# program's own, not a Python parent's inherited before exec.
		_st=0
		/usr/bin/time -f '%e %M' -o "$_tf" "$@" >/dev/null || _st=$?
		read -r WALL RSS_KB <"$_tf"
		EXIT=$_st
		rm -f "$_tf"
		export WALL RSS_KB EXIT
		return 0
	fi
	/usr/bin/env python3 - "$_tf" "$@" <<'PY'
import os, resource, subprocess, sys, time
out = sys.argv[1]
t0 = time.monotonic()
p = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL)
_, status, ru = os.wait4(p.pid, 0)
wall = time.monotonic() - t0
open(out, "w").write("%.6f %d %d\n" % (wall, ru.ru_maxrss, os.waitstatus_to_exitcode(status)))
PY
	read -r WALL RSS_KB EXIT <"$_tf"
	rm -f "$_tf"
	export WALL RSS_KB EXIT
}
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", (b / 1e6) / (s > 0 ? s : 1e-9) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
