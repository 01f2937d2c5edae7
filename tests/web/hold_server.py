# SPDX-License-Identifier: GPL-2.0
"""hold_server.py PORT DIR: an HTTP server on 127.0.0.1 that holds each
profile download open: on a request it creates DIR/held, waits until
DIR/release exists (at most 120 s), then answers DIR/profile.xml. The web
tests use it to check that fxsd answers while a transfer is under way."""

import os
import socket
import sys
import time


def wait_release(folder):
    end = time.monotonic() + 120
    while not os.path.exists(os.path.join(folder, 'release')):
        if time.monotonic() > end:
            return
        time.sleep(0.05)


def answer(conn, folder):
    request = b''
    while b'\r\n\r\n' not in request:
        chunk = conn.recv(4096)
        if not chunk:
            return
        request += chunk
    open(os.path.join(folder, 'held'), 'w').close()
    wait_release(folder)
    with open(os.path.join(folder, 'profile.xml'), 'rb') as f:
        body = f.read()
    head = ('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n'
            'Content-Length: %d\r\nConnection: close\r\n\r\n' % len(body))
    conn.sendall(head.encode() + body)


def serve(port, folder):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(('127.0.0.1', port))
    srv.listen(8)
    while True:
        conn, _ = srv.accept()
        with conn:
            conn.settimeout(130)
            try:
                answer(conn, folder)
            except OSError:
                pass


if __name__ == '__main__':
    serve(int(sys.argv[1]), sys.argv[2])
