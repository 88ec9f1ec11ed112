# Helpers for the network tests: scripted fake servers on 127.0.0.1.
# shellcheck shell=sh

# No proxy, CA bundle or netrc of the developer's applies to the tests.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY \
	no_proxy NO_PROXY CURL_CA_BUNDLE SSL_CERT_FILE NETRC

# Servers started in a check's subshell too are killed when the test ends.
net_cleanup() {
	[ -f "$TEST_TMP/httpd.pids" ] || return 0
	while read -r pid; do
		kill "$pid" 2>/dev/null
	done < "$TEST_TMP/httpd.pids"
}
test_cleanup_cmds="$test_cleanup_cmds net_cleanup;"

# start_httpd DIR [fakehttpd.py options]: a server logging to DIR/log; its
# port is in DIR/port.  It is killed when the test ends.
start_httpd() {
	dir=$1
	shift
	mkdir -p "$dir"
	rm -f "$dir/port"
	: > "$dir/log"
	/usr/bin/python3 "$TEST_SRCDIR/fakehttpd.py" --port-file "$dir/port" \
		--log "$dir/log" "$@" &
	echo $! > "$dir/pid"
	echo $! >> "$TEST_TMP/httpd.pids"
	wait_for test -s "$dir/port" || { echo "fake server did not start" >&2; return 1; }
}

stop_httpd() {
	kill "$(cat "$1/pid")" 2>/dev/null || true
	wait "$(cat "$1/pid")" 2>/dev/null || true
}

httpd_port() {
	cat "$1/port"
}

# requests DIR: how many requests the server got.
requests() {
	wc -l < "$1/log" | tr -d ' '
}

# req DIR N EXPR: a Python expression over request N (1-based) as r.
req() {
	/usr/bin/python3 -c 'import json,sys
r = json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1])
v = eval(sys.argv[3])
print("null" if v is None else v)' "$1/log" "$2" "$3"
}
