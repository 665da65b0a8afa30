#!/usr/bin/env bash
# The sheet in a real browser: writes the sheet of each of the four longest cases with
# `check --sheet`, prints it to PDF with headless Chromium (as a clinic PC's browser would print
# it), and checks with poppler that it is one A4 page and that the text a front desk acts on is
# on it.
#
#   bash tests/sheet-print.sh            # check
#   PNG_DIR=docs bash tests/sheet-print.sh   # also render each page as a small PNG there
#
# Installs what it needs when missing: Debian's chromium, poppler-utils and fonts-noto-cjk (so
# Japanese prints as text, not as boxes). Exit status: 0 passed, 1 failed, 77 skipped because
# the tools could not be installed (no network, a package missing); .ci/run reports a skip and
# goes on.
set -euo pipefail
cd "$(dirname "$0")/.."

SKIP=77

note() { printf 'sheet-print: %s\n' "$*" >&2; }
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

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------

packages=()
command -v chromium >/dev/null || packages+=(chromium)
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || packages+=(poppler-utils)
# grep -c reads everything: with -q, fc-list would die of SIGPIPE and pipefail would say no.
fc-list 2>/dev/null | grep -ci 'Noto Sans CJK' >/dev/null || packages+=(fonts-noto-cjk)
install_packages ${packages[@]+"${packages[@]}"}
for tool in chromium pdfinfo pdftotext; do
    command -v "$tool" >/dev/null || skip "no $tool after installing"
done

cargo build -q >&2 || fail "the build failed"
BIN=$(target_directory)/debug/oqs-line-check
[ -x "$BIN" ] || fail "no $BIN after the build"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------------------------------------
# The cases: name, then the `check` flags; what the printed page must say follows in `expect`.
# ---------------------------------------------------------------------------------------------

print_pdf() {
    local html=$1 pdf=$2 profile
    profile=$(mktemp -d "$work/profile.XXXXXX")
    # No network, no updates, no first-run pages: the page is printed as it is, offline.
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --no-pdf-header-footer \
        --user-data-dir="$profile" --print-to-pdf="$pdf" "file://$html" >/dev/null 2>&1 ||
        fail "chromium could not print $html"
    [ -s "$pdf" ] || fail "chromium wrote no PDF for $html"
}

check_case() {
    local name=$1
    shift
    local flags=() expect=() in_expect=0
    for a in "$@"; do
        if [ "$a" = "--" ]; then
            in_expect=1
        elif ((in_expect)); then
            expect+=("$a")
        else
            flags+=("$a")
        fi
    done
    local html=$work/$name.html pdf=$work/$name.pdf
    "$BIN" check "${flags[@]}" --sheet "$html" >/dev/null 2>&1 || fail "$name: check --sheet failed"
    print_pdf "$html" "$pdf"
    local pages size
    pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
    [ "$pages" = 1 ] || fail "$name: $pages pages, not one"
    # A4 is 595 x 842 points.
    size=$(pdfinfo "$pdf" | sed -n 's/^Page size: *//p')
    case $size in 595* | 594*) ;; *) fail "$name: page size $size is not A4" ;; esac
    local text
    text=$(pdftotext -enc UTF-8 "$pdf" - | tr -d '\n ')
    for e in "${expect[@]}" 申請日 自動返信メール確認日 問い合わせ先 やること 2022年4月現在; do
        [[ $text == *"$e"* ]] || fail "$name: 「$e」 is not on the printed page"
    done
    if [ -n "${PNG_DIR:-}" ] && command -v pdftoppm >/dev/null; then
        pdftoppm -png -r 60 -singlefile "$pdf" "$PNG_DIR/sheet-$name"
    fi
    note "$name: one A4 page with everything on it"
}

check_case unknown --line unknown --collab unknown --prefecture unknown \
    -- 確認が必要です 0120-116-116 flets.com/collabo/list 医療機関名
check_case east --line next-family --prefecture 東京 --collab no --applied 2010-04-01 --v6 unknown \
    --customer-id caf0123456789 --multiple-lines no --clinic-name さくら内科クリニック \
    -- さくら内科クリニック 申請の前に手続きが必要です CAF0123456789 1：IP-VPN回線事業者 \
    flets.com/v6option/flow.html 0120-116-116 半角大文字
check_case west --line cross --prefecture osaka --collab yes --customer-id CAF0123456789 \
    --multiple-lines no --clinic-name みどり薬局 \
    -- みどり薬局 申請できます CAF0123456789 flets-w.com/collabo/list 0120-116-116
# わからない everywhere on a 光ネクスト line, with the longest name taken (50 characters): the
# longest sheet, in both areas.
long_name="医療法人社団さくら会　さくら内科・小児科・皮膚科・リハビリテーション科クリニック駅前本院附属在宅医療"
check_case next-unknown --line next --prefecture 東京都 --collab unknown --applied unknown \
    --v6 unknown --customer-id unknown --multiple-lines unknown --clinic-name "$long_name" \
    -- 附属在宅医療 確認が必要です 0120-116-116 flets.com/v6option/flow.html flets.com/collabo/list
check_case next-unknown-west --line next --prefecture 大阪府 --collab unknown --applied unknown \
    --v6 unknown --customer-id unknown --multiple-lines unknown --clinic-name "$long_name" \
    -- 附属在宅医療 確認が必要です 0120-116-116 flets-w.com/opt/v6option flets-w.com/collabo/list
check_case ctc --line commufa --prefecture 愛知県 --clinic-name CTC歯科 \
    -- CTC歯科 別の接続方式です 2：IP-VPN回線事業者
note "passed"
