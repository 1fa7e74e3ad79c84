# In-repo twin of crlf-blank-mark: CRLF line ends, blank lines and a MARK
# in the real -hm profile change nothing but the marks.
f="$TEST_DATA/heap/leak-hm.hp"
heap2svg -q --bands=0 --format=csv "$f" >lf.csv
sed 's/$/\r/' "$f" | heap2svg -q --bands=0 --format=csv - >crlf.csv
cmp lf.csv crlf.csv && echo "CRLF: same"
awk 'NR == 9 { print ""; print "MARK 0.5"; print "" } { print }' "$f" >marked.hp
heap2svg -q --bands=0 --format=csv marked.hp >marked.csv
cmp lf.csv marked.csv && echo "blank + MARK: same matrix"
heap2svg -q --format=json marked.hp | jq -c .marks
