need_corpus
# in-repo twin: heap/killed-run-repo
# a killed -hy run: no final empty sample; drawn with a warning
cp "$CORPUS/heap/ghc902-leak-hy-killed.hp" killed.hp
heap2svg killed.hp -o killed.svg && test -s killed.svg && echo drawn
heap2svg -q --format=json killed.hp | jq -c '[(.times | length), .bands[0].name, .bands[0].peak]'
