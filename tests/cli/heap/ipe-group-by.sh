need_corpus
# in-repo twin: heap/ipe-group-by-repo
# -hi profile + IPE table: coverage on stderr, bands grouped by module
cp "$CORPUS/heap/derived-klister-hi.hp" hi.hp
cp "$CORPUS/heap/derived-klister-ipe.tsv" ipe.tsv
heap2svg --ipe=ipe.tsv --group-by=module --bands=4 --format=json hi.hp |
	jq -c '.bands[] | [.name, .total]'
heap2svg -q --ipe=ipe.tsv --bands=3 --format=json hi.hp | jq -c '.bands[] | [.name, .label]'
