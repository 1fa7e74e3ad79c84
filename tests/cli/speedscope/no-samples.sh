need_corpus
# in-repo twin: speedscope/no-samples-repo
# nothing to convert: the message says which RTS flags record samples
cp "$CORPUS/eventlog/ghc-events/hello-ghc-8.6.5.eventlog" .
eventlog2speedscope hello-ghc-8.6.5.eventlog -o out.json
