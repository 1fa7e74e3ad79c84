# a killed program's log: warning, then the profile from what was read
head -c 60000 "$TEST_DATA/eventlog/spans-N2-p-l.eventlog" >cut-mid-event.eventlog
eventlog2speedscope --stats cut-mid-event.eventlog -o out.json
