# SPDX-License-Identifier: GPL-2.0
"""short_body_server.py PORT: an HTTP server on 127.0.0.1 that answers every
request with a Content-Length larger than the body it then sends before
closing the connection: a truncated transfer, for the end-to-end tests."""

import socket
import sys

BODY = b'<flat-profile>\n  <GPP_A>truncated</GPP_A>\n</flat-profile>\n'
PROMISED = len(BODY) + 4096


def serve(port):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(('127.0.0.1', port))
    srv.listen(8)
    while True:
        conn, _ = srv.accept()
        with conn:
            conn.settimeout(5)
            try:
                request = b''
                while b'\r\n\r\n' not in request:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    request += chunk
                head = ('HTTP/1.1 200 OK\r\n'
                        'Content-Type: text/xml\r\n'
                        'Content-Length: %d\r\n'
                        'Connection: close\r\n\r\n' % PROMISED)
                conn.sendall(head.encode() + BODY)
            except OSError:
                pass


if __name__ == '__main__':
    serve(int(sys.argv[1]))
