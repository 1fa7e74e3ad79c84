# tests/nix-exprs/flake-check.nix - flake.nix's outputs evaluated with the
# stand-in nixpkgs (no network, no nixpkgs): what tests/nix.sh checks.
{ srcdir, profkit, system ? "x86_64-linux" }:
let
  flake = import (/. + srcdir + "/flake.nix");
  pkgs = import ./stand-in-pkgs.nix { inherit profkit; };
  nixpkgs = { legacyPackages = { x86_64-linux = pkgs; aarch64-linux = pkgs; }; };
  self = flake.outputs { inherit self nixpkgs; } // { outPath = srcdir; };
in
{
  inputs = builtins.attrNames flake.inputs;
  packages = builtins.attrNames self.packages.${system};
  default = self.packages.${system}.default.pname;
  lib = builtins.attrNames self.lib.${system};
  apps = builtins.mapAttrs (n: a: a.program) self.apps.${system};
  appTypes = builtins.attrValues (builtins.mapAttrs (n: a: a.type) self.apps.${system});
  checks = builtins.attrNames self.checks.${system};
  pipelineCheck = self.checks.${system}.pipeline.drvPath;
}
