# bad usage: one line and a pointer to --help, exit 2
eventlog2speedscope --from soon x.eventlog
