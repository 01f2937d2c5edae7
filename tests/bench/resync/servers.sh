# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# servers.sh: the benchmark's own nginx, run as the current user from a
# config written into $BT, bound to 127.0.0.1 only, serving $BT/www.
# Sourced by bench-resync.sh. Sets NGINX_PID and HTTP_PORT.

# free_port: an unused unprivileged TCP port on 127.0.0.1
free_port()
{
	local p
	while :; do
		p=$((20000 + RANDOM % 40000))
		ss -Htan 2>/dev/null | awk '{print $4}' | grep -Eq ":$p\$" || break
	done
	echo "$p"
}

nginx_start()
{
	local user="" i
	[ "$(id -u)" = 0 ] && user="user root root;"
	HTTP_PORT=$(free_port)
	mkdir -p "$BT/nginx/tmp" "$BT/www"
	cat >"$BT/nginx/nginx.conf" <<-EOF
		$user
		worker_processes 1;
		daemon off;
		pid $BT/nginx/nginx.pid;
		error_log $BT/nginx/error.log warn;
		events { worker_connections 64; }
		http {
		    access_log off;
		    client_body_temp_path $BT/nginx/tmp/body;
		    proxy_temp_path $BT/nginx/tmp/proxy;
		    fastcgi_temp_path $BT/nginx/tmp/fastcgi;
		    uwsgi_temp_path $BT/nginx/tmp/uwsgi;
		    scgi_temp_path $BT/nginx/tmp/scgi;
		    default_type application/octet-stream;
		    root $BT/www;
		    server { listen 127.0.0.1:$HTTP_PORT; }
		}
	EOF
	echo ready >"$BT/www/ready.txt"
	nginx -c "$BT/nginx/nginx.conf" -p "$BT/nginx" >"$BT/nginx/out.log" 2>&1 &
	NGINX_PID=$!
	for ((i = 0; i < 100; i++)); do
		curl -s -m 1 "http://127.0.0.1:$HTTP_PORT/ready.txt" 2>/dev/null |
			grep -q ready && return 0
		kill -0 "$NGINX_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "bench-resync: nginx did not start:" >&2
	cat "$BT/nginx/out.log" "$BT/nginx/error.log" >&2 2>/dev/null
	return 1
}

nginx_stop()
{
	[ -n "${NGINX_PID:-}" ] || return 0
	kill "$NGINX_PID" 2>/dev/null
	wait "$NGINX_PID" 2>/dev/null
	NGINX_PID=
}
