# a log cut inside its header is not an eventlog: offset, exit 1, no output
head -c 1000 "$TEST_DATA/eventlog/ccprof-p-l-au.eventlog" >cut-in-header.eventlog
eventlog2speedscope cut-in-header.eventlog -o out.json
st=$?
test ! -e out.json || echo "out.json left behind"
exit $st
