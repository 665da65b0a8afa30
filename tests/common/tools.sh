# Shared by the shell tests (sourced after they define `note`, `skip` and `fail`): where cargo
# builds, and installing Debian's packages a test needs.

# Where cargo puts what it builds: ./target unless CARGO_TARGET_DIR, build.target-dir in a
# cargo config, ... say otherwise. Cargo knows; the JSON string is unescaped here (no jq needed).
target_directory() {
    local metadata dir
    metadata=$(cargo metadata --format-version 1 --no-deps) || return 1
    dir=$(printf '%s' "$metadata" |
        sed -n 's/.*"target_directory":"\(\([^"\\]\|\\.\)*\)".*/\1/p')
    dir=${dir//\\\"/\"}
    dir=${dir//\\\\/\\}
    [ -n "$dir" ] || return 1
    printf '%s\n' "$dir"
}

# Installs the Debian packages given (none: nothing to do), as root or through sudo; skips the
# test when they cannot be installed.
install_packages() {
    (($#)) || return 0
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null || skip "need $* and cannot install them (not root, no sudo)"
        sudo=(sudo -n)
    fi
    note "installing $*"
    "${sudo[@]}" apt-get update -qq >&2 || skip "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "$@" >&2 || skip "apt-get install $* failed"
}
