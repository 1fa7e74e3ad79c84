{
  description = "profkit: GHC profiling artifacts, bug reports and benchmarks, one stage per derivation";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs = { self, nixpkgs }:
    let
      systems = [ "x86_64-linux" "aarch64-linux" ];
      forAll = f: builtins.listToAttrs (map (system: {
        name = system;
        value = f system nixpkgs.legacyPackages.${system};
      }) systems);
      tools = [ "prof-extract" "prof-run" "prof-pipeline" "prof-summarize" "prof-compare" "prof-bench"
                "prof-history" "eventlog2speedscope" "heap2svg" "prof2speedscope" ];
    in
    {
      packages = forAll (system: pkgs: rec {
        profkit = pkgs.callPackage ./nix/package.nix { src = self; };
        default = profkit;
      });

      # lib.${system}.extract { report = ./report.tar.gz; } ... (nix/lib.nix)
      lib = forAll (system: pkgs: import ./nix/lib.nix {
        inherit (pkgs) runCommand;
        profkit = self.packages.${system}.default;
      });

      apps = forAll (system: pkgs: builtins.listToAttrs (map (tool: {
        name = tool;
        value = { type = "app"; program = "${self.packages.${system}.default}/bin/${tool}"; };
      }) tools) // { default = self.apps.${system}.prof-pipeline; });

      # `nix flake check`: the package with its test suite, and the stages
      # on the bundled sample report.
      checks = forAll (system: pkgs:
        let pk = self.lib.${system}; in {
          profkit = self.packages.${system}.default;
          pipeline = pk.pipeline {
            report = ./test-data/sample-report.tar.gz;
            binDir = pkgs.runCommand "sample-bin" { nativeBuildInputs = [ pkgs.autoPatchelfHook ];
              buildInputs = [ pkgs.gmp pkgs.libffi ]; } ''
                cp -r ${./test-data/sample-report/bin} $out; chmod -R u+w $out; autoPatchelf $out'';
            profBinDir = pkgs.runCommand "sample-prof-bin" { nativeBuildInputs = [ pkgs.autoPatchelfHook ];
              buildInputs = [ pkgs.gmp pkgs.libffi ]; } ''
                cp -r ${./test-data/sample-report/prof-bin} $out; chmod -R u+w $out; autoPatchelf $out'';
            timeout = "2m";
          };
        });
    };
}
