# In-repo twin of existing-output: heap2svg never replaces a file without -f.
cp "$TEST_DATA/heap/leak-hc-quoted-arg.hp" q.hp
echo keep >out.svg
heap2svg -q q.hp -o out.svg
cat out.svg
