# a plain -threaded eventlog (no samples): spans per Haskell thread,
# labelled, user-message and binary spans, shown whole
cp "$TEST_DATA/eventlog/spans-N2-l.eventlog" .
eventlog2speedscope --pretty spans-N2-l.eventlog
