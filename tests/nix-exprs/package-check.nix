# tests/nix-exprs/package-check.nix - nix/package.nix called like nixpkgs'
# callPackage would, with the stand-in; returns what tests/nix.sh checks.
{ srcdir, profkit }:
let
  pkgs = import ./stand-in-pkgs.nix { inherit profkit; };
  p = pkgs.callPackage (/. + srcdir + "/nix/package.nix") { };
  names = map (x: x.name);
in
{
  inherit (p) pname version doCheck enableParallelBuilding;
  nativeBuildInputs = names p.nativeBuildInputs;
  buildInputs = names p.buildInputs;
  nativeCheckInputs = names p.nativeCheckInputs;
  checkInputs = names p.checkInputs;
  mainProgram = p.meta.mainProgram;
}
