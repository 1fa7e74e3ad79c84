# In-repo twin of time-prof-merge: --merge of a -N2 run's samples (both
# capabilities), pretty-printed, with --stats.
cp "$TEST_DATA/eventlog/spans-N2-p-l-au.eventlog" .
eventlog2speedscope --merge --pretty --stats spans-N2-p-l-au.eventlog
