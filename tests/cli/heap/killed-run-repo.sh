# In-repo twin of killed-run: a SIGKILLed -hc run's .hp (no final empty
# sample) is drawn, with a warning.
cp "$TEST_DATA/heap/leak-hc-killed.hp" killed.hp
heap2svg killed.hp -o killed.svg && test -s killed.svg && echo drawn
heap2svg -q --format=json killed.hp | jq -c '[(.times | length), .bands[0].name, .bands[0].peak]'
