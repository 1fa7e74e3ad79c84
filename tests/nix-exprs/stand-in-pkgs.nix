# tests/nix-exprs/stand-in-pkgs.nix - a small stand-in for the parts of nixpkgs
# that nix/package.nix and flake.nix use: callPackage (which refuses a
# missing argument, as nixpkgs' does), lib.cleanSource, lib.platforms,
# stdenv.mkDerivation (returns its attributes, for inspection), the
# packages as named placeholders, and runCommand from stand-in.nix.
{ profkit }:
let
  standin = import ./stand-in.nix { inherit profkit; };
  placeholder = name: { inherit name; type = "stand-in"; outPath = "/stand-in/${name}"; };
  names = [ "autoreconfHook" "pkg-config" "libarchive" "zstd" "zlib" "libxml2" "cairo"
            "jansson" "sqlite" "libpq" "cmocka" "autoPatchelfHook" "python3" "jq" "gmp" "libffi" ];
  pkgs = builtins.listToAttrs (map (n: { name = n; value = placeholder n; }) names) // {
    lib = {
      cleanSource = p: p;
      optional = c: x: if c then [ x ] else [ ];
      platforms.linux = [ "x86_64-linux" "aarch64-linux" ];
    };
    stdenv.mkDerivation = a: a // {
      type = "derivation";
      name = "${a.pname}-${a.version}";
      outPath = profkit;
    };
    inherit (standin) runCommand;
    callPackage = f: over:
      let fn = import f; in
      fn (builtins.intersectAttrs (builtins.functionArgs fn) pkgs // over);
  };
in
pkgs
