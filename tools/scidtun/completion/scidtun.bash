# SPDX-License-Identifier: GPL-2.0
# bash completion for scidtun(8)

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
			_scidtun_reply "add change del show setconf showconf help --help --version -j -s" "$cur"
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
	del | showconf | change)
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

	case $prev in
	mode) _scidtun_reply "ipip ip/ip" "$cur"; return ;;
	remote | local) _scidtun_reply "any" "$cur"; return ;;
	dev) _scidtun_reply "$(_scidtun_interfaces)" "$cur"; return ;;
	ttl | tos) _scidtun_reply "inherit" "$cur"; return ;;
	esac

	# Offer each keyword once; pmtudisc, nopmtudisc and nodf take one slot.
	used=" "
	i=3
	while ((i < COMP_CWORD)); do
		w=${COMP_WORDS[i]}
		case $w in
		mode | remote | local | dev | ttl | tos) used+="$w "; ((i += 2)) ;;
		pmtudisc | nopmtudisc | nodf) used+="pmtudisc nopmtudisc nodf "; ((i += 1)) ;;
		*) ((i += 1)) ;;
		esac
	done
	for kw in mode remote local dev ttl tos pmtudisc nopmtudisc nodf; do
		[[ $used == *" $kw "* ]] || keywords+=("$kw")
	done
	_scidtun_reply "${keywords[*]}" "$cur"
}

complete -F _scidtun_completion scidtun
