need_corpus
# in-repo twin: heap/ipe-from-eventlog-repo
# --ipe also takes an eventlog: its IPE events (GHC 9.2) label the bands
sed 's/0x4a3b20/0x409f78/' "$CORPUS/heap/synthetic-hi.hp" >hi.hp
heap2svg --ipe="$CORPUS/heap/ghc-events-ghc-9.2-events.eventlog" --format=json hi.hp 2>err |
	jq -c '.bands[] | [.name, .label]'
sed 's/.*hi.hp: //' err
