# SPDX-License-Identifier: GPL-2.0
"""held_server.py http|tftp PORT DIR: a server on 127.0.0.1 that holds each
download open until the test releases it, for the end-to-end ordering
tests (a resync must not block fxsd's event loop).

For each request of DIR/NAME it appends NAME to DIR/requested, then waits
until a line arrives on the FIFO DIR/release (the test writes one line per
download it releases), then completes it:
  http  sends the headers and the first half of the body at once, the
        rest after the release (the transfer is in flight while held);
  tftp  (RFC 1350, octet mode) sends no DATA until the release, then the
        blocks, each re-sent until acknowledged. Repeated RRQs from the
        same client while held are ignored.
A missing file gets 404 / TFTP error 1 at once."""

import os
import socket
import sys
import threading

HOLD_LOCK = threading.Lock()


def note_request(root, name):
    with open(os.path.join(root, 'requested'), 'a') as f:
        f.write(name + '\n')


def wait_release(root):
    # one line per release; the FIFO is opened anew for each download
    with HOLD_LOCK:
        with open(os.path.join(root, 'release')) as f:
            f.readline()


def safe_path(root, name):
    name = name.lstrip('/')
    if not name or '/' in name or name.startswith('.'):
        return None
    return os.path.join(root, 'files', name)


def http_one(conn, root):
    request = b''
    while b'\r\n\r\n' not in request:
        chunk = conn.recv(4096)
        if not chunk:
            return
        request += chunk
    target = request.split(b' ')[1].decode('latin-1')
    path = safe_path(root, target.split('?')[0])
    if not path or not os.path.isfile(path):
        conn.sendall(b'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n'
                     b'Connection: close\r\n\r\n')
        return
    with open(path, 'rb') as f:
        body = f.read()
    half = len(body) // 2
    conn.sendall(('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n'
                  'Content-Length: %d\r\nConnection: close\r\n\r\n'
                  % len(body)).encode() + body[:half])
    note_request(root, os.path.basename(path))
    wait_release(root)
    conn.sendall(body[half:])


def serve_http(port, root):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(('127.0.0.1', port))
    srv.listen(8)
    while True:
        conn, _ = srv.accept()

        def run(c=conn):
            with c:
                try:
                    http_one(c, root)
                except OSError:
                    pass
        threading.Thread(target=run, daemon=True).start()


def tftp_error(sock, peer, code, msg):
    sock.sendto(b'\x00\x05' + code.to_bytes(2, 'big') + msg.encode() +
                b'\x00', peer)


def tftp_send(root, peer, path):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(('127.0.0.1', 0))
    sock.settimeout(1.0)
    with sock:
        if not path or not os.path.isfile(path):
            tftp_error(sock, peer, 1, 'File not found')
            return
        with open(path, 'rb') as f:
            data = f.read()
        note_request(root, os.path.basename(path))
        wait_release(root)
        block = 1
        while True:
            chunk = data[(block - 1) * 512:block * 512]
            pkt = b'\x00\x03' + (block & 0xffff).to_bytes(2, 'big') + chunk
            for _ in range(10):
                sock.sendto(pkt, peer)
                try:
                    ack, src = sock.recvfrom(516)
                except socket.timeout:
                    continue
                if (src == peer and ack[:2] == b'\x00\x04' and
                        int.from_bytes(ack[2:4], 'big') == block & 0xffff):
                    break
            else:
                return
            if len(chunk) < 512:
                return
            block += 1


def serve_tftp(port, root):
    srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    srv.bind(('127.0.0.1', port))
    busy = set()
    while True:
        pkt, peer = srv.recvfrom(1024)
        if pkt[:2] != b'\x00\x01' or peer in busy:
            continue
        name = pkt[2:].split(b'\x00')[0].decode('latin-1')
        busy.add(peer)

        def run(p=peer, n=name):
            try:
                tftp_send(root, p, safe_path(root, n))
            except OSError:
                pass
            busy.discard(p)
        threading.Thread(target=run, daemon=True).start()


if __name__ == '__main__':
    kind, port, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    (serve_http if kind == 'http' else serve_tftp)(port, root)
