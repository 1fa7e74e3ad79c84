# usage errors: one line and the hint, exit 2
run() { "$@" 2>&1 && echo "exit 0" || echo "exit $?"; }
for args in "" "frobnicate" "export" "show" "show a b" "record" \
	"record x.csv --label nokey" "trend --format pdf" "list --limit 0" \
	"baseline" "baseline move" "check" "--threshold abc list"; do
	echo "== prof-history $args"
	run prof-history --db none.sqlite $args
done
