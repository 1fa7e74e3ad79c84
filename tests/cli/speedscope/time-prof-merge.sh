need_corpus
# in-repo twin: speedscope/merge-pretty-stats
# GHC 8.9's time-prof sample log, one merged profile, shown whole
cp "$CORPUS/eventlog/ghc-events/time-prof.eventlog" .
eventlog2speedscope --merge --pretty --stats time-prof.eventlog
