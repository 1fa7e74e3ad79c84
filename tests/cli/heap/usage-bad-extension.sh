heap2svg -o out.txt in.hp
