heap2svg no-such.hp -o out.svg
