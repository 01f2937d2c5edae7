# SPDX-License-Identifier: GPL-2.0
"""hold_server.py PORT DIR: an HTTP server on 127.0.0.1 that holds each
profile download open: on a GET it creates DIR/held, waits until
DIR/release exists (at most 120 s), then answers DIR/profile.xml. The web
tests use it to check that fxsd answers while a transfer is under way."""

import http.server
import os
import sys
import time


class Hold(http.server.BaseHTTPRequestHandler):
    folder = '.'

    def do_GET(self):
        open(os.path.join(self.folder, 'held'), 'w').close()
        end = time.monotonic() + 120
        while (not os.path.exists(os.path.join(self.folder, 'release'))
               and time.monotonic() < end):
            time.sleep(0.05)
        with open(os.path.join(self.folder, 'profile.xml'), 'rb') as f:
            body = f.read()
        self.send_response(200)
        self.send_header('Content-Type', 'text/xml')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        sys.stderr.write('hold_server: ' + fmt % args + '\n')


if __name__ == '__main__':
    Hold.folder = sys.argv[2]
    http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), Hold).serve_forever()
