# SPDX-License-Identifier: GPL-2.0
# bash completion for scidtun(8)

# The tunnel's words, as tools/lib/tunnel_words.c has them (the unit tests
# check these four lines against its table): keywords with a value,
# flags, other names (ALIAS=KEYWORD) that are accepted, never offered, and
# the words that set one field, which exclude each other (A,B,C).
_scidtun_valued="mode remote local dev ttl tos fwmark encap encap-sport encap-dport mtu clamp-mss keepalive hold rise pmtu-probe pmtu-raise"
_scidtun_flags="pmtudisc nopmtudisc nodf noencap encap-csum noencap-csum encap-remcsum noencap-remcsum"
_scidtun_aliases="link=dev hoplimit=ttl dsfield=tos"
_scidtun_fields="pmtudisc,nopmtudisc,nodf encap,noencap encap-csum,noencap-csum encap-remcsum,noencap-remcsum"
# An external tunnel's words (tools/lib/allow_words.c): external is add's
# only, and allow takes a value.
_scidtun_external="external allow"

# The keyword that @1 names, alias or not.
_scidtun_keyword() {
	local a
	for a in $_scidtun_aliases; do
		[[ $1 == "${a%%=*}" ]] && { printf '%s\n' "${a#*=}"; return; }
	done
	printf '%s\n' "$1"
}

# The words of @1's field, @1 among them: once one is given, none is offered.
_scidtun_field() {
	local f
	for f in $_scidtun_fields; do
		[[ ",$f," == *",$1,"* ]] && { printf '%s\n' "${f//,/ }"; return; }
	done
	printf '%s\n' "$1"
}

_scidtun_tunnels() {
	# Piped, show prints tab-separated fields with the name first.
	scidtun show 2>/dev/null | cut -f1
}

_scidtun_interfaces() {
	local dev
	for dev in /sys/class/net/*; do
		[[ -e $dev ]] && printf '%s\n' "${dev##*/}"
	done
}

_scidtun_reply() {
	mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

_scidtun_completion() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmd=${COMP_WORDS[1]} kw w i used keywords=()

	COMPREPLY=()
	# show's options may also come first, as with ip -j.
	i=1
	while [[ ${COMP_WORDS[i]} == @(-j|--json|-s|--stats) ]] && ((i < COMP_CWORD)); do
		((i++))
	done
	cmd=${COMP_WORDS[i]}
	if ((COMP_CWORD == i)); then
		if ((i == 1)); then
			_scidtun_reply "add change del flush show setconf showconf help -h --help --version -j -s" "$cur"
		else
			_scidtun_reply "show -j -s" "$cur"
		fi
		return
	fi

	case $cmd in
	show)
		_scidtun_reply "-j --json -s --stats $(_scidtun_tunnels)" "$cur"
		return
		;;
	setconf)
		if [[ $cur == -* ]]; then
			_scidtun_reply "-n --dry-run --prune" "$cur"
		else
			mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		fi
		return
		;;
	flush)
		((COMP_CWORD == 2)) && _scidtun_reply "-n --dry-run" "$cur"
		return
		;;
	del)
		_scidtun_reply "$(_scidtun_tunnels)" "$cur"
		return
		;;
	showconf | change)
		if ((COMP_CWORD == 2)); then
			_scidtun_reply "$(_scidtun_tunnels)" "$cur"
			return
		fi
		[[ $cmd == change ]] || return
		;;
	add)
		# The name of a new tunnel cannot be guessed.
		((COMP_CWORD == 2)) && return
		;;
	*)
		return
		;;
	esac

	case $(_scidtun_keyword "$prev") in
	mode) _scidtun_reply "ipip mplsip any" "$cur"; return ;;
	remote | local) _scidtun_reply "any" "$cur"; return ;;
	dev) _scidtun_reply "$(_scidtun_interfaces)" "$cur"; return ;;
	ttl | tos) _scidtun_reply "inherit" "$cur"; return ;;
	encap) _scidtun_reply "fou gue none" "$cur"; return ;;
	encap-sport) _scidtun_reply "auto" "$cur"; return ;;
	# A port: nothing to offer, and no keyword in its place.
	encap-dport) return ;;
	mtu) _scidtun_reply "auto" "$cur"; return ;;
	clamp-mss) _scidtun_reply "auto off" "$cur"; return ;;
	keepalive) _scidtun_reply "100ms 1s off" "$cur"; return ;;
	hold | rise) _scidtun_reply "1 2 3 5" "$cur"; return ;;
	pmtu-probe) _scidtun_reply "on off" "$cur"; return ;;
	pmtu-raise) _scidtun_reply "1m 10m 1h" "$cur"; return ;;
	allow) _scidtun_reply "any none" "$cur"; return ;;
	esac

	# Offer each field once: a word given takes the others of its field.
	used=" "
	i=3
	while ((i < COMP_CWORD)); do
		w=$(_scidtun_keyword "${COMP_WORDS[i]}")
		used+="$(_scidtun_field "$w") "
		if [[ " $_scidtun_valued allow " == *" $w "* ]]; then
			((i += 2))
		else
			((i += 1))
		fi
	done
	for kw in $_scidtun_valued $_scidtun_flags $_scidtun_external; do
		[[ $kw == external && $cmd != add ]] && continue
		[[ $used == *" $kw "* ]] || keywords+=("$kw")
	done
	_scidtun_reply "${keywords[*]}" "$cur"
}

complete -F _scidtun_completion scidtun
