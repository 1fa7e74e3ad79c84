heap2svg --sort=bogus in.hp
