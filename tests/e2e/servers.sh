# SPDX-License-Identifier: GPL-2.0
# servers.sh: starts the real servers the end-to-end tests talk to, all on
# 127.0.0.1, run as the current user from configs written into $E2E_T:
#   rsyslogd (imudp)        SYSLOG_PORT, lines into $E2E_T/syslog.log
#   in.tftpd (tftpd-hpa)    TFTP_PORT, root $E2E_T/tftp
#   nginx                   HTTP_PORT, root $E2E_T/www, /err500 answers 500
#                           HTTPS_PORT: server cert from the test CA;
#                           /up/X redirects to https /X, /down/X to http /X
#                           HTTPS_ROGUE_PORT: server cert from an unknown CA
#                           HTTPS_CLIENT_PORT: client certificate required
#                           (clientca), /cgi-bin/reflect runs reflect.sh
#                           on HTTP_PORT also: /r301/X and /r302/X redirect
#                           to /X, /auth/ needs basic auth from
#                           $E2E_T/nginx/htpasswd (made by the test),
#                           /cgi-bin/echo answers the POST body in GPP_E
#   fcgiwrap                for the reflector, on a unix socket
#   short_body_server.py    SHORT_PORT: promises more body than it sends
# The system's own services are neither used nor touched.

servers_ports()
{
	port_alloc SYSLOG_PORT
	port_alloc TFTP_PORT
	port_alloc HTTP_PORT
	port_alloc HTTPS_PORT
	port_alloc HTTPS_ROGUE_PORT
	port_alloc HTTPS_CLIENT_PORT
	port_alloc SHORT_PORT
	port_alloc DOWN_PORT	# never listened on
}

syslog_start()
{
	mkdir -p "$E2E_T/rsyslog"
	cat >"$E2E_T/rsyslog.conf" <<-EOF
		global(workDirectory="$E2E_T/rsyslog")
		module(load="imudp")
		input(type="imudp" address="127.0.0.1" port="$SYSLOG_PORT")
		template(name="e2e" type="string"
			 string="%timegenerated:::date-rfc3339% %app-name% %msg%\\n")
		*.* action(type="omfile" file="$E2E_T/syslog.log" template="e2e")
	EOF
	proc_start rsyslogd rsyslogd -n -f "$E2E_T/rsyslog.conf" \
		-i "$E2E_T/rsyslog/rsyslogd.pid"
	wait_until 15 syslog_ready
}

syslog_ready()
{
	logger -n 127.0.0.1 -P "$SYSLOG_PORT" -d -t e2e "syslog ready" 2>/dev/null
	grep -q 'syslog ready' "$E2E_T/syslog.log" 2>/dev/null
}

# tftpd_start NAME PORT: an in.tftpd serving $E2E_T/tftp.
tftpd_start()
{
	local user=()
	mkdir -p "$E2E_T/tftp"
	echo ready >"$E2E_T/tftp/ready.txt"
	# as root in.tftpd chroots to -s and drops to -u; keep our own user
	[ "$(id -u)" = 0 ] && user=(-u root)
	proc_start "$1" in.tftpd -L -a "127.0.0.1:$2" "${user[@]}" -s "$E2E_T/tftp"
	wait_until 15 tftp_ready "$2"
}

tftp_ready()
{
	curl -s -m 2 "tftp://127.0.0.1:$1/ready.txt" 2>/dev/null | grep -q ready
}

# echo_cgi: a CGI answering a flat-profile with the request body in GPP_E
# and the request method in GPP_F (for --post)
echo_cgi()
{
	cat <<-'EOF'
		#!/bin/sh
		body=$(head -c "${CONTENT_LENGTH:-0}" |
			sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g')
		printf 'Content-Type: text/plain\r\n\r\n'
		printf '<flat-profile>\n  <GPP_E>%s</GPP_E>\n  <GPP_F>%s</GPP_F>\n</flat-profile>\n' \
			"$body" "$REQUEST_METHOD"
	EOF
}

nginx_conf()
{
	local user=""
	[ "$(id -u)" = 0 ] && user="user root root;"
	mkdir -p "$E2E_T/nginx/tmp" "$E2E_T/www" "$E2E_T/cgi"
	install -m 755 "$E2E_DIR/reflect.sh" "$E2E_T/cgi/reflect.sh"
	echo_cgi >"$E2E_T/cgi/echo.sh" && chmod 755 "$E2E_T/cgi/echo.sh"
	cat >"$E2E_T/nginx/nginx.conf" <<-EOF
		$user
		worker_processes 1;
		daemon off;
		pid $E2E_T/nginx/nginx.pid;
		error_log $E2E_T/nginx/error.log info;
		events { worker_connections 64; }
		http {
		    log_format e2e '\$server_port "\$request" \$status \$body_bytes_sent "\$http_user_agent"';
		    access_log $E2E_T/nginx/access.log e2e;
		    client_body_temp_path $E2E_T/nginx/tmp/body;
		    proxy_temp_path $E2E_T/nginx/tmp/proxy;
		    fastcgi_temp_path $E2E_T/nginx/tmp/fastcgi;
		    uwsgi_temp_path $E2E_T/nginx/tmp/uwsgi;
		    scgi_temp_path $E2E_T/nginx/tmp/scgi;
		    default_type application/octet-stream;
		    root $E2E_T/www;
		    ssl_protocols TLSv1.2 TLSv1.3;
		    server {
		        listen 127.0.0.1:$HTTP_PORT;
		        location = /err500 { return 500; }
		        location ~ ^/r301/(.*)\$ { return 301 /\$1; }
		        location ~ ^/r302/(.*)\$ { return 302 /\$1; }
		        location /auth/ {
		            auth_basic "openfxs test";
		            auth_basic_user_file $E2E_T/nginx/htpasswd;
		        }
		        location = /cgi-bin/echo {
		            include /etc/nginx/fastcgi_params;
		            fastcgi_param SCRIPT_FILENAME $E2E_T/cgi/echo.sh;
		            fastcgi_pass unix:$E2E_T/fcgiwrap.sock;
		        }
		    }
		    server {
		        listen 127.0.0.1:$HTTPS_PORT ssl;
		        ssl_certificate $PKI/server.crt;
		        ssl_certificate_key $PKI/server.key;
		        location ~ ^/up/(.*)\$ {
		            return 302 https://127.0.0.1:$HTTPS_PORT/\$1;
		        }
		        location ~ ^/down/(.*)\$ {
		            return 302 http://127.0.0.1:$HTTP_PORT/\$1;
		        }
		    }
		    server {
		        listen 127.0.0.1:$HTTPS_ROGUE_PORT ssl;
		        ssl_certificate $PKI/rogue-server.crt;
		        ssl_certificate_key $PKI/rogue-server.key;
		    }
		    server {
		        listen 127.0.0.1:$HTTPS_CLIENT_PORT ssl;
		        ssl_certificate $PKI/server.crt;
		        ssl_certificate_key $PKI/server.key;
		        ssl_client_certificate $PKI/clientca.crt;
		        ssl_verify_client on;
		        location = /cgi-bin/reflect {
		            include /etc/nginx/fastcgi_params;
		            fastcgi_param SCRIPT_FILENAME $E2E_T/cgi/reflect.sh;
		            fastcgi_param SSL_CLIENT_I_DN \$ssl_client_i_dn;
		            fastcgi_param SSL_CLIENT_S_DN \$ssl_client_s_dn;
		            fastcgi_pass unix:$E2E_T/fcgiwrap.sock;
		        }
		    }
		}
	EOF
}

http_start()
{
	nginx_conf
	echo ready >"$E2E_T/www/ready.txt"
	proc_start fcgiwrap fcgiwrap -c 1 -s "unix:$E2E_T/fcgiwrap.sock"
	wait_until 10 test -S "$E2E_T/fcgiwrap.sock" || return 1
	proc_start nginx nginx -p "$E2E_T/nginx" -c "$E2E_T/nginx/nginx.conf"
	wait_until 15 http_ready
}

http_ready()
{
	curl -s -m 2 "http://127.0.0.1:$HTTP_PORT/ready.txt" 2>/dev/null | grep -q ready &&
	curl -s -m 2 --cacert "$PKI/ca.crt" "https://127.0.0.1:$HTTPS_PORT/ready.txt" 2>/dev/null | grep -q ready
}

# access_log_port PORT: nginx's access-log lines for one server.
access_log_port()
{
	grep -a "^$1 " "$E2E_T/nginx/access.log" 2>/dev/null
}

short_start()
{
	proc_start short python3 "$E2E_DIR/short_body_server.py" "$SHORT_PORT"
	wait_until 10 short_ready
}

short_ready()
{
	curl -s -m 2 -o /dev/null "http://127.0.0.1:$SHORT_PORT/probe" 2>/dev/null
	[ $? = 18 ]	# CURLE_PARTIAL_FILE: it is up and lying as designed
}

# py_http_start NAME PORT DIR: python's http.server, for tests that stop and
# start their server.
py_http_start()
{
	proc_start "$1" python3 -m http.server --bind 127.0.0.1 --directory "$3" "$2"
	wait_until 10 curl -s -m 2 -o /dev/null "http://127.0.0.1:$2/"
}

servers_start()
{
	servers_ports
	syslog_start || { echo "rsyslogd did not start" >&2; return 1; }
	tftpd_start tftpd "$TFTP_PORT" || { echo "in.tftpd did not start" >&2; return 1; }
	http_start || { echo "nginx/fcgiwrap did not start" >&2; return 1; }
	short_start || { echo "short_body_server.py did not start" >&2; return 1; }
}
