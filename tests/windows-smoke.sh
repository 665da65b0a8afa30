#!/usr/bin/env bash
# Windows smoke test: cross-compiles the release oqs-line-check.exe for
# x86_64-pc-windows-gnu and runs `check`, `list` and `batch` under wine, checking the JSON fields, the
# Japanese text (as UTF-8 bytes) and the exit statuses, and that the .exe prints exactly what the
# Linux build prints.
#
#   bash tests/windows-smoke.sh
#
# Installs what it needs when missing: the Rust target (rustup), Debian's mingw-w64 (the linker)
# and wine. Exit status: 0 passed, 1 failed, 77 skipped because the tools could not be
# installed (no network, a package missing); .ci/run reports a skip and goes on.
#
# The interactive wizard is not run here: wine has no Windows console to drive from a script.
# Its key handling is checked on Linux (press events only, no reliance on bracketed paste).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=x86_64-pc-windows-gnu
SKIP=77

note() { printf 'windows-smoke: %s\n' "$*" >&2; }
skip() {
    note "SKIP: $*"
    exit "$SKIP"
}
fail() {
    note "FAILED: $*"
    exit 1
}

# shellcheck source=tests/common/tools.sh
. tests/common/tools.sh
TARGET_DIR=$(target_directory) || fail "cargo metadata did not give the target directory"
EXE=$TARGET_DIR/$TARGET/release/oqs-line-check.exe

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------

if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
    note "adding the Rust target $TARGET"
    rustup target add "$TARGET" >&2 || skip "rustup could not add $TARGET"
fi

packages=()
command -v x86_64-w64-mingw32-gcc >/dev/null || packages+=(mingw-w64)
command -v wine >/dev/null || packages+=(wine wine64)
install_packages ${packages[@]+"${packages[@]}"}
command -v x86_64-w64-mingw32-gcc >/dev/null || skip "no x86_64-w64-mingw32-gcc after installing"
command -v wine >/dev/null || skip "no wine after installing"

# ---------------------------------------------------------------------------------------------
# Build: the release .exe, and the Linux build to compare with
# ---------------------------------------------------------------------------------------------

note "building $EXE"
cargo build --release --target "$TARGET" >&2 || fail "the Windows build failed"
[ -f "$EXE" ] || fail "no $EXE after the build"
file_type=$(head -c 2 "$EXE")
[ "$file_type" = "MZ" ] || fail "$EXE is not a Windows executable"
cargo build >&2 || fail "the Linux build failed"
LINUX=$TARGET_DIR/debug/oqs-line-check

# ---------------------------------------------------------------------------------------------
# Wine: a fresh prefix, no display, no downloads
# ---------------------------------------------------------------------------------------------

work=$(mktemp -d)
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export WINEPREFIX="$work/prefix"
export WINEDEBUG=-all
# No Mono or Gecko installer prompts (they would try to download).
export WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
note "starting wine (a first start sets up its prefix)"
timeout 300 wineboot --init >/dev/null 2>&1 || note "wineboot reported a problem; trying the .exe anyway"

# The .exe runs from a folder of its own, beside any DLL the test adds.
mkdir -p "$work/bin"
cp "$EXE" "$work/bin/"
RUN_EXE=$work/bin/oqs-line-check.exe
# Rust's standard library (1.78 on) takes random numbers from ProcessPrng in
# bcryptprimitives.dll, which every Windows 10 and 11 has and Debian 12's wine 8.0 lacks. For
# such a wine only, a stand-in DLL built here with mingw-w64 answers it from RtlGenRandom.
if [ ! -f "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ]; then
    note "this wine has no bcryptprimitives.dll: adding a stand-in beside the .exe"
    cat >"$work/prng.c" <<'C'
#include <windows.h>
#include <ntsecapi.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
C
    printf 'LIBRARY bcryptprimitives\nEXPORTS\n    ProcessPrng\n' >"$work/prng.def"
    x86_64-w64-mingw32-gcc -O2 -shared -o "$work/bin/bcryptprimitives.dll" \
        "$work/prng.c" "$work/prng.def" -ladvapi32 >&2 || fail "could not build the stand-in DLL"
fi

failures=0
check_that() {
    # check_that DESCRIPTION CONDITION...
    local what=$1
    shift
    if "$@"; then
        note "ok: $what"
    else
        note "FAILED: $what"
        failures=$((failures + 1))
    fi
}

# run NAME ARGS...: runs the .exe under wine and the Linux build with the same arguments and
# standard input ($INPUT, or nothing); leaves $work/NAME.{out,err,status} (wine) and
# $work/NAME.linux.{out,status}.
run() {
    local name=$1
    shift
    local status=0
    local input=${INPUT:-/dev/null}
    timeout 120 wine "$RUN_EXE" "$@" >"$work/$name.out" 2>"$work/$name.err" <"$input" || status=$?
    echo "$status" >"$work/$name.status"
    status=0
    "$LINUX" "$@" >"$work/$name.linux.out" 2>/dev/null <"$input" || status=$?
    echo "$status" >"$work/$name.linux.status"
}

contains() { grep -qF -- "$2" "$work/$1"; }
status_is() { [ "$(cat "$work/$1.status")" = "$2" ]; }
same_as_linux() { cmp -s "$work/$1.out" "$work/$1.linux.out"; }
utf8() { iconv -f UTF-8 -t UTF-8 "$work/$1" >/dev/null 2>&1; }

# check --format json: one East 光ネクスト line applied in 2010.
run check_json check --line next-family --prefecture 13 --applied 2010-04-01 \
    --v6 not-contracted --customer-id CAF0123456789 --multiple-lines no --format json
check_that "check --format json exits 0" status_is check_json 0
check_that "check --format json is UTF-8" utf8 check_json.out
for field in '"verdict": "action_required"' '"area": "east"' '"code": 13' \
    '"name": "東京都"' '"line": "next-family"' '"line_name": "フレッツ 光ネクスト ファミリータイプ"' \
    '"v6_option": "contract_required"' '"customer_id": "CAF0123456789"' \
    '"url": "https://flets.com/v6option/flow.html"' \
    '"line_category_label": "1：IP-VPN回線事業者(NTTなど。ただし、CTC・QTnetを除く)"'; do
    check_that "check --format json has $field" contains check_json.out "$field"
done
check_that "check --format json equals the Linux build's" same_as_linux check_json

# check in text: the Japanese report.
run check_text check --line cross --prefecture 大阪 --collab yes --customer-id CAF9876543210 \
    --multiple-lines no
check_that "check (text) exits 0" status_is check_text 0
check_that "check (text) is UTF-8" utf8 check_text.out
check_that "check (text) gives the verdict" contains check_text.out "判定: 申請できます"
check_that "check (text) names the operator first" contains check_text.out "ご契約中のコラボ光の事業者"
check_that "check (text) equals the Linux build's" same_as_linux check_text

# A bad answer: exit 2, a Japanese message on stderr, the errors object in JSON.
run check_bad check --line next-family --prefecture 東京 --customer-id CAF12345 --format json
check_that "a bad ID exits 2" status_is check_bad 2
check_that "a bad ID is explained on stderr in Japanese" contains check_bad.err "お客さまID"
check_that "a bad ID gives the errors object" contains check_bad.out '"field": "customer_id"'

# list lines / list prefectures, text and JSON.
run list_lines list lines
check_that "list lines exits 0" status_is list_lines 0
check_that "list lines shows フレッツ 光ネクスト" contains list_lines.out "フレッツ 光ネクスト"
check_that "list lines shows ビジネスコムファ光 (CTC)" contains list_lines.out "ビジネスコムファ光 (CTC)"
check_that "list lines equals the Linux build's" same_as_linux list_lines

run list_prefectures list prefectures
check_that "list prefectures exits 0" status_is list_prefectures 0
check_that "list prefectures is UTF-8" utf8 list_prefectures.out
check_that "list prefectures shows 東京都" contains list_prefectures.out "13 東京都 (とうきょう / tokyo) NTT東日本"
check_that "list prefectures shows 沖縄県" contains list_prefectures.out "47 沖縄県 (おきなわ / okinawa) NTT西日本"
check_that "list prefectures equals the Linux build's" same_as_linux list_prefectures

run list_json list prefectures --format json
check_that "list prefectures --format json has 大阪府" contains list_json.out '"name":"大阪府"'
check_that "list prefectures --format json equals the Linux build's" same_as_linux list_json

# batch: a Shift_JIS list as Excel saves it, long enough that its rows are decided on several
# threads; the result must be the Linux build's, byte for byte (UTF-8 with a BOM, CRLF).
sjis_list=assets/examples/clinics-sjis.csv
{
    head -n 1 "$sjis_list"
    for _ in $(seq 700); do tail -n +2 "$sjis_list"; done
} >"$work/clinics.csv"
INPUT=$work/clinics.csv run batch batch -
check_that "batch exits as the Linux build does" \
    [ "$(cat "$work/batch.status")" = "$(cat "$work/batch.linux.status")" ]
check_that "batch starts with a UTF-8 BOM" [ "$(head -c 3 "$work/batch.out" | od -An -tx1 | tr -d ' ')" = efbbbf ]
check_that "batch writes a heading and 4200 rows" [ "$(grep -c $'\r$' "$work/batch.out")" = 4201 ]
check_that "batch gives 判定" contains batch.out "判定"
check_that "batch equals the Linux build's" same_as_linux batch

if [ "$failures" -ne 0 ]; then
    for f in "$work"/*.out "$work"/*.err; do
        note "--- ${f##*/}"
        head -c 2000 "$f" >&2 || true
    done
    fail "$failures check(s) of the Windows build failed"
fi
note "passed: the Windows .exe runs check, list and batch under wine"
