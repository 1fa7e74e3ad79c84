cp "$TEST_DATA/eventlog/spans-N2-p-l.eventlog" . && prof-summarize spans-N2-p-l.eventlog
