#!/usr/bin/env bash
# Captures the two screens README.md opens with from the real program, and
# writes them between their marker comments:
#
#   <!-- screen:card -->     the card of the vendor's sample client (demo)
#   <!-- screen:address -->  a new address, the street picker open on «твер»
#   ...                      (each block ends at the next <!-- /screen -->)
#
# Usage: tools/readme-screens.sh [--bin PATH] [README]
#   --bin PATH  the crmcard binary (default: $CRMCARD_BIN, else the newer of
#               target/release/crmcard and target/debug/crmcard)
#   README      the file to rewrite (default: README.md of this repository)
#
# The program runs with --demo in a 100x30 pane of a tmux server of its own
# (-L), in Russian, with config, data and state directories in a temp
# directory: nothing of the machine's user is read or written. A screen is
# captured once it shows what is awaited and stays the same for a moment.
# Needs bash, tmux and awk. tests/tmux/readme_screens.rs runs it.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${CRMCARD_BIN:-}"
readme=""
while [ $# -gt 0 ]; do
    case "$1" in
    --bin)
        [ $# -ge 2 ] || { echo "readme-screens: --bin needs a path" >&2; exit 2; }
        bin="$2"
        shift 2
        ;;
    -h | --help)
        sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "readme-screens: unknown option $1 (see --help)" >&2
        exit 2
        ;;
    *)
        [ -z "$readme" ] || { echo "readme-screens: one README only" >&2; exit 2; }
        readme="$1"
        shift
        ;;
    esac
done
readme="${readme:-$repo/README.md}"

if [ -z "$bin" ]; then
    for candidate in "$repo/target/release/crmcard" "$repo/target/debug/crmcard"; do
        if [ -x "$candidate" ] && { [ -z "$bin" ] || [ "$candidate" -nt "$bin" ]; }; then
            bin="$candidate"
        fi
    done
fi
[ -n "$bin" ] && [ -x "$bin" ] || {
    echo "readme-screens: no crmcard binary: run cargo build (or give --bin PATH)" >&2
    exit 1
}
[ -f "$readme" ] || { echo "readme-screens: no such file: $readme" >&2; exit 1; }
command -v tmux >/dev/null || { echo "readme-screens: tmux is not installed" >&2; exit 1; }
for name in card address; do
    grep -qx "<!-- screen:$name -->" "$readme" || {
        echo "readme-screens: $readme has no <!-- screen:$name --> block" >&2
        exit 1
    }
done

# How long a screen may take to appear (seconds); how long it must stay still.
timeout="${README_SCREENS_TIMEOUT:-15}"
settle=0.1

tmp="$(mktemp -d "${TMPDIR:-/tmp}/crmcard-screens.XXXXXX")"
server="crmcard-screens-$$"
pane_pid=""
cleanup() {
    tmux -L "$server" kill-server 2>/dev/null || true
    # crmcard writes its last drafts on SIGHUP: let it finish before the
    # directories go.
    if [ -n "$pane_pid" ]; then
        for _ in $(seq 50); do
            kill -0 "$pane_pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp"/{home,config,data,state,run}
chmod 700 "$tmp/run"
printf 'set -g status off\nset -g remain-on-exit on\n' >"$tmp/tmux.conf"

t() { tmux -u -L "$server" "$@"; }
capture() { t capture-pane -p -t screens; }

# wait_for WHAT TEXT...: waits until every TEXT is on the screen and the
# screen stays the same for $settle seconds; leaves it in $screen.
wait_for() {
    local what="$1" deadline=$((SECONDS + timeout)) text again missing
    shift
    while :; do
        screen="$(capture)"
        missing=""
        for text in "$@"; do
            [[ "$screen" == *"$text"* ]] || { missing="$text"; break; }
        done
        if [ -z "$missing" ]; then
            sleep "$settle"
            again="$(capture)"
            [ "$again" = "$screen" ] && return 0
            continue
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            {
                echo "readme-screens: waited ${timeout}s for $what (no \"$missing\"); the screen was:"
                echo "$screen"
                echo "(pane dead: $(t display-message -p -t screens '#{pane_dead}'))"
            } >&2
            exit 1
        fi
        sleep 0.05
    done
}

env -i PATH="$PATH" HOME="$tmp/home" \
    XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
    XDG_STATE_HOME="$tmp/state" XDG_RUNTIME_DIR="$tmp/run" \
    LANG=ru_RU.UTF-8 \
    tmux -u -L "$server" -f "$tmp/tmux.conf" \
    new-session -d -s screens -x 100 -y 30 -- "$bin" --demo
pane_pid="$(t display-message -p -t screens '#{pane_pid}')"

# The card of the vendor's sample client, on its first section.
wait_for "the lookup screen" "Поиск клиента" "Безногов Сергей Витальевич"
t send-keys -t screens -l 10000000009188
t send-keys -t screens Enter
wait_for "the card" "Карточка клиента" "Безногов Сергей Витальевич" "лояльный клиент" "112232213"
printf '%s\n' "$screen" >"$tmp/card.txt"

# A new address of that client: from the one-line address, Tab to the
# street (the demo fills the country and the city), Enter opens the picker,
# a few letters filter it.
t send-keys -t screens 3
wait_for "the addresses" "3 Адреса (1)" "10-я Текстильщиков"
t send-keys -t screens a
wait_for "the new address form" "Новый адрес" "Москва"
t send-keys -t screens Tab Tab Tab Tab
wait_for "the focus on the street" "▶           Улица"
t send-keys -t screens Enter
wait_for "the street picker" "┌ Улица" "› "
t send-keys -t screens -l твер
wait_for "the streets with «твер»" "› твер" "▶ Тверская"
printf '%s\n' "$screen" >"$tmp/address.txt"

# Each block between <!-- screen:NAME --> and <!-- /screen --> becomes the
# screen in a text code block; everything else stays as it was.
awk -v dir="$tmp" '
    /^<!-- screen:[a-z]+ -->$/ {
        if (name != "") { print "readme-screens: a screen block inside another at line " NR > "/dev/stderr"; bad = 1; exit 1 }
        name = $0
        sub(/^<!-- screen:/, "", name)
        sub(/ -->$/, "", name)
        file = dir "/" name ".txt"
        if ((getline line < file) < 0) { print "readme-screens: no screen called " name " (line " NR ")" > "/dev/stderr"; bad = 1; exit 1 }
        print
        print "```text"
        print line
        while ((getline line < file) > 0) print line
        close(file)
        print "```"
        done[name] = 1
        next
    }
    /^<!-- \/screen -->$/ {
        if (name == "") { print "readme-screens: a stray <!-- /screen --> at line " NR > "/dev/stderr"; bad = 1; exit 1 }
        name = ""
        print
        next
    }
    name == "" { print }
    END {
        if (bad) exit 1
        if (name != "") { print "readme-screens: <!-- screen:" name " --> is never closed" > "/dev/stderr"; exit 1 }
        if (!done["card"] || !done["address"]) { print "readme-screens: the README needs both <!-- screen:card --> and <!-- screen:address --> blocks" > "/dev/stderr"; exit 1 }
    }
' "$readme" >"$tmp/README.new"
cat "$tmp/README.new" >"$readme"
echo "readme-screens: wrote the card and address screens into $readme"
