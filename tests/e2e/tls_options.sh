# SPDX-License-Identifier: GPL-2.0
# tls_options.sh: how fxsd is told which CA to trust and which client
# certificate to present. fxsd's TLS options were not fixed when these tests
# were written: the option names below are the expected ones and can be
# changed without editing by E2E_CA_OPT, E2E_CERT_OPT and E2E_CERT_KEY_OPT.
# Sourced by run.sh.

# tls_trust_args: options that make fxsd trust the test CA ($PKI/ca.crt)
tls_trust_args()
{
	echo "${E2E_CA_OPT:---ca} $PKI/ca.crt"
}

# tls_client_args NAME: options for the client certificate $PKI/NAME.crt
tls_client_args()
{
	echo "${E2E_CERT_OPT:---cert} $PKI/$1.crt ${E2E_CERT_KEY_OPT:---cert-key} $PKI/$1.key"
}
