# scripts/progress.sh - sourced by deps.sh, demo.sh and test.sh: say what
# is happening, one line per phase, and never stay silent for long.
#   tag=demo                       prefix of every line ("demo: ...")
#   say TEXT                       one line
#   run_logged WHAT LOG CMD...     run CMD with its output in LOG; say WHAT
#                                  first, then a line every 20 s with the
#                                  elapsed time (and $hb_count, if set, run
#                                  on LOG: a progress figure); on failure
#                                  show LOG's last 30 lines (unless
#                                  tail_on_fail=no).  Returns CMD's status.
# POSIX sh; no bashisms (the README runs these with sh).
: "${tag:=profkit}"
say() { echo "$tag: $*"; }

_pk_now() { date +%s; }

run_logged() {
	_what=$1 _log=$2
	shift 2
	_t0=$(_pk_now)
	say "$_what"
	"$@" >"$_log" 2>&1 </dev/null &
	_pid=$!
	# The heartbeat sleeps 1 s at a time, so nothing it leaves behind
	# holds the terminal (or a pipe into tee) for long.
	(
		_i=0
		while kill -0 "$_pid" 2>/dev/null; do
			sleep 1
			_i=$((_i + 1))
			[ $((_i % 20)) = 0 ] || continue
			kill -0 "$_pid" 2>/dev/null || break
			_extra=""
			[ -z "${hb_count:-}" ] || _extra=", $(eval "$hb_count" 2>/dev/null || true)"
			say "  ... still ${_what%...} ($(( $(_pk_now) - _t0 )) s$_extra)"
		done
	) &
	_hb=$!
	trap 'kill "$_pid" "$_hb" 2>/dev/null; exit 130' INT TERM
	_st=0
	wait "$_pid" || _st=$?
	kill "$_hb" 2>/dev/null || true
	wait "$_hb" 2>/dev/null || true
	trap - INT TERM
	if [ "$_st" != 0 ] && [ "${tail_on_fail:-yes}" = no ]; then
		say "exit $_st after $(( $(_pk_now) - _t0 )) s: ${_what%...}"
	elif [ "$_st" != 0 ]; then
		say "FAILED (exit $_st) after $(( $(_pk_now) - _t0 )) s: ${_what%...}; last lines of $_log:"
		tail -30 "$_log" | sed 's/^/    /'
	fi
	return "$_st"
}
