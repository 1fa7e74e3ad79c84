heap2svg a.hp b.hp
