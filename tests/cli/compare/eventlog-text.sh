# two real eventlogs (GHC 9.0.2, -N2, without and with -p): wall time, GC
# time, GCs, heap, live, allocated; one value per side
prof-compare --format text "$TEST_DATA/eventlog/spans-N2-l.eventlog" \
	"$TEST_DATA/eventlog/spans-N2-p-l.eventlog" | sed "s|$TEST_DATA/||g"
