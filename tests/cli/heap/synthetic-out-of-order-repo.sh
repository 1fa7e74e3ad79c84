# In-repo twin of synthetic-out-of-order: the real -hm profile with its
# third census dated before the second (times going backwards).
awk '/^BEGIN_SAMPLE / { n++ } n == 3 && /^(BEGIN|END)_SAMPLE / { $2 = "0.010000" } { print }' \
	"$TEST_DATA/heap/leak-hm.hp" >ooo.hp
heap2svg --bands=0 --format=csv ooo.hp
