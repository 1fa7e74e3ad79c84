# tests/nix-exprs/stand-in.nix - the one nixpkgs function nix/lib.nix needs,
# runCommand, built on builtins.derivation for the test suite (there is no
# nixpkgs on the test machine).  Builds run /bin/sh outside a sandbox with
# the host's tools and PROFKIT (a directory with bin/) in PATH.
{ profkit, path ? "/usr/local/bin:/usr/bin:/bin" }:
{
  runCommand = name: env: script: builtins.derivation (env // {
    inherit name;
    system = builtins.currentSystem;
    builder = "/bin/sh";
    args = [ "-ec" script ];
    PATH = "${profkit}/bin:${path}";
    LC_ALL = "C";
  });
}
