cp "$TEST_DATA/heap/leak-hc.hp" . && prof-summarize -n 5 leak-hc.hp
