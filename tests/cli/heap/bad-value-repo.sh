# In-repo twin of bad-value: a value with a letter in it, in a real -hc
# profile (line 12, a band line), is one error naming file and line.
sed '12s/\t[0-9]*$/\t12x4/' "$TEST_DATA/heap/leak-hc.hp" >bad.hp
heap2svg bad.hp -o out.svg
