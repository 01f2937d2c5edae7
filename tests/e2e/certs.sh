# SPDX-License-Identifier: GPL-2.0
# certs.sh: makes the test PKI with the openssl CLI, in $E2E_T/pki:
#   ca.crt          the provider's server CA (fxsd is told to trust it)
#   server.crt/key  the provisioning server, for 127.0.0.1 (SAN IP)
#   clientca.crt    the CA nginx accepts client certificates from
#   client.crt/key  the device's client certificate, from clientca
#   rogue.crt       an unrelated CA, never trusted by anyone
#   rogue-server.crt/key  a server certificate for 127.0.0.1 from rogue
#   rogue-client.crt/key  a client certificate from rogue

CLIENT_SUBJECT="/O=openfxs test/CN=SPA112 client"

# pki_ca NAME SUBJECT
pki_ca()
{
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		-nodes -days 3 -subj "$2" -keyout "$1.key" -out "$1.crt" \
		-addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}

# pki_leaf NAME CA SUBJECT EXTENSIONS
pki_leaf()
{
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-subj "$3" -keyout "$1.key" -out "$1.csr" 2>/dev/null &&
	printf '%s\n' "$4" >"$1.ext" &&
	openssl x509 -req -in "$1.csr" -CA "$2.crt" -CAkey "$2.key" \
		-CAcreateserial -days 2 -extfile "$1.ext" -out "$1.crt" 2>/dev/null
}

pki_make()
{
	local server_ext client_ext
	server_ext="subjectAltName=IP:127.0.0.1
basicConstraints=CA:FALSE
extendedKeyUsage=serverAuth"
	client_ext="basicConstraints=CA:FALSE
extendedKeyUsage=clientAuth"
	PKI=$E2E_T/pki
	mkdir -p "$PKI"
	(
		cd "$PKI" &&
		pki_ca ca "/O=openfxs test/CN=openfxs provisioning CA" &&
		pki_ca clientca "/C=US/O=openfxs test/OU=devices/CN=openfxs client CA" &&
		pki_ca rogue "/O=somebody else/CN=unrelated CA" &&
		pki_leaf server ca "/O=openfxs test/CN=127.0.0.1" "$server_ext" &&
		pki_leaf client clientca "$CLIENT_SUBJECT" "$client_ext" &&
		pki_leaf rogue-server rogue "/O=somebody else/CN=127.0.0.1" "$server_ext" &&
		pki_leaf rogue-client rogue "$CLIENT_SUBJECT" "$client_ext"
	) || return 1
	# the issuer DN of the client certificate, as nginx's
	# $ssl_client_i_dn gives it (RFC 2253)
	CLIENT_ISSUER_DN=$(openssl x509 -in "$PKI/client.crt" -noout -issuer \
		-nameopt RFC2253 | sed 's/^issuer=//')
}
