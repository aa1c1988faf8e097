# Sourced by whatever builds the binary invlint ships (the wheel, the benchmarks): sets
# INVLINT_TARGET to the host's target triple and, on Linux with glibc, RUSTFLAGS for a
# static executable that is not position independent.
#
# Why: a small file's whole run is mostly process start. A dynamically linked
# position-independent executable first has the loader map libc and apply tens of
# thousands of relocations to the binary, touching its pages (215 page faults for one
# small file); a static one at a fixed address starts with none of that (142 faults), and
# it runs on any Linux whatever its glibc. The flags need `--target`: with it, cargo
# leaves them off build scripts and procedural macros, which cannot be static.
#
# Usage: . packaging/release-env.sh; cargo build --release --target "$INVLINT_TARGET"
INVLINT_TARGET=$(rustc -vV | sed -n 's/^host: //p')
export INVLINT_TARGET
case "$INVLINT_TARGET" in
  *-linux-gnu)
    export RUSTFLAGS="-C target-feature=+crt-static -C relocation-model=static"
    ;;
esac
