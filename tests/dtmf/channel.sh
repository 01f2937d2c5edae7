#!/bin/bash
# channel.sh: channel conditions for the DTMF test and benchmark, sourced
# after run-case.sh (ALL_DIGITS):
# channel_list prints the conditions, channel_signal builds one's signal
# (all 16 digits from dtmf-gen, passed through the condition) and
# digits_found counts the digits a decoder got right, in order.
# Conditions: G.711 u-law and A-law, GSM 06.10, AMR-NB 12.2 and 4.75
# kbit/s (sox with libopencore-amrnb), 300-3400 Hz band-pass then GSM then
# u-law, clock drift of +-1 %, Asterisk speech (asterisk-core-sounds-en-wav)
# 10 and 6 dB under the digits, our dial tone's echo at -25, -19 and -13
# dBm0 per tone under digits of -25 to -5 dBm0, 40-50 ms tones at 15 dB
# SNR.
CHANNEL_SPEECH=${DTMF_SPEECH_DIR:-/usr/share/asterisk/sounds/en_US_f_Allison}/vm-intro.wav

channel_list() {
	local e l

	echo ulaw alaw gsm amr12.2 amr4.75 bp-gsm-ulaw drift+1 drift-1 \
		speech-10dB speech-6dB
	for e in -25 -19 -13; do
		for l in -25 -20 -15 -10 -5; do
			echo "echo${e}/digits${l}"
		done
	done
	echo short40-snr15 short45-snr15 short50-snr15
}

# raw_codec -t TYPE [OPTION]...: stdin raw through a codec and back, to
# stdout
raw_codec() {
	sox -V1 -D -t raw -r 8000 -e signed -b 16 -c 1 - "$@" - |
		sox -V1 -D -t "$2" -r 8000 -c 1 - -t raw -e signed -b 16 -
}

# speech_under DB IN OUT: IN with the speech file, its pauses cut out,
# looped under it, its RMS (the active speech level) DB below IN's tone
# bursts (-10 dBm0 per tone: -7 dBm0 together)
speech_under() {
	local rms gain

	sox -V1 -D "$CHANNEL_SPEECH" -t raw -r 8000 -e signed -b 16 -c 1 \
		"$3.active" silence 1 0.02 1% -1 0.02 1%
	rms=$(sox -V1 -t raw -r 8000 -e signed -b 16 -c 1 "$3.active" -n \
		stats 2>&1 | awk '/^RMS lev dB/ { print $4 }')
	# full scale sine is +3.14 dBm0, so a pair at -7 dBm0 is -10.1 dBFS
	gain=$(awk -v r="$rms" -v d="$1" 'BEGIN { print -10.1 - d - r }')
	sox -V1 -D -t raw -r 8000 -e signed -b 16 -c 1 "$3.active" \
		-t raw "$3.speech" vol "${gain}dB" repeat 5
	rm -f "$3.active"
	sox -V1 -D -m -v 1 -t raw -r 8000 -e signed -b 16 -c 1 "$2" \
		-v 1 -t raw -r 8000 -e signed -b 16 -c 1 "$3.speech" -t raw "$3" \
		trim 0 "$(awk -v b="$(stat -c %s "$2")" 'BEGIN { print b / 16000 }')"
	rm -f "$3.speech"
}

# channel_signal GEN CONDITION SEED OUT: the 16 digits, seed SEED, through
# CONDITION into raw OUT
channel_signal() {
	local gen=$1 cond=$2 seed=$3 out=$4 digits="$ALL_DIGITS"

	case "$cond" in
	ulaw) "$gen" -r "$seed" "$digits" | raw_codec -t ul >"$out" ;;
	alaw) "$gen" -r "$seed" "$digits" | raw_codec -t al >"$out" ;;
	gsm) "$gen" -r "$seed" "$digits" | raw_codec -t gsm >"$out" ;;
	amr12.2) "$gen" -r "$seed" "$digits" | raw_codec -t amr-nb -C 7 >"$out" ;;
	amr4.75) "$gen" -r "$seed" "$digits" | raw_codec -t amr-nb -C 0 >"$out" ;;
	bp-gsm-ulaw)
		"$gen" -r "$seed" "$digits" |
			sox -V1 -D -t raw -r 8000 -e signed -b 16 -c 1 - -t raw - \
				sinc 300-3400 | raw_codec -t gsm | raw_codec -t ul >"$out" ;;
	drift+1|drift-1)
		# the sender's clock 1 % fast (slow): read at 8000 +- 80 Hz
		local rate=7920
		[ "$cond" = drift+1 ] && rate=8080
		"$gen" -r "$seed" "$digits" |
			sox -V1 -D -t raw -r "$rate" -e signed \
				-b 16 -c 1 - -t raw -r 8000 - >"$out" ;;
	speech-*dB)
		"$gen" -r "$seed" "$digits" >"$out.in"
		speech_under "${cond#speech-}" "$out.in" "$out"
		rm -f "$out.in" ;;
	echo*)	# echo-13/digits-20
		local e=${cond%%/*} l=${cond##*digits}
		"$gen" -r "$seed" -d "${e#echo}" -l "$l" "$digits" >"$out" ;;
	short*-snr15)
		local ms=${cond#short}
		ms=${ms%%-*}
		"$gen" -r "$seed" -o "$ms" -g 50 -n 15 "$digits" >"$out" ;;
	*) echo "channel.sh: unknown condition $cond" >&2; return 2 ;;
	esac
}

# digits_found GOT: how many of the 16 digits GOT holds in order (the
# longest common subsequence of GOT and the digits sent)
digits_found() {
	awk -v got="$1" -v want="$ALL_DIGITS" 'BEGIN {
		n = length(got); m = length(want)
		for (j = 0; j <= m; j++) prev[j] = 0
		for (i = 1; i <= n; i++) {
			cur[0] = 0
			for (j = 1; j <= m; j++) {
				if (substr(got, i, 1) == substr(want, j, 1))
					cur[j] = prev[j - 1] + 1
				else
					cur[j] = cur[j - 1] > prev[j] ? cur[j - 1] : prev[j]
			}
			for (j = 0; j <= m; j++) prev[j] = cur[j]
		}
		print prev[m] }'
}
