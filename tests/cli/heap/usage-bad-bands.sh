heap2svg --bands=-3 in.hp
