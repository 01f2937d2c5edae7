#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# reflect.sh: CGI reflector for the client-certificate tests (run by
# fcgiwrap behind nginx). It answers a flat-profile whose GPP_D holds the
# issuer DN of the client certificate nginx verified, the way the SPA
# guide's reflector script does with SSL_CLIENT_I_DN.
dn=$(printf '%s' "$SSL_CLIENT_I_DN" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g')
printf 'Content-Type: text/plain\r\n\r\n'
printf '<flat-profile>\n  <GPP_D>%s</GPP_D>\n</flat-profile>\n' "$dn"
