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
	if ((COMP_CWORD == 1)); then
		_scidtun_reply "add change del show help --help --version" "$cur"
		return
	fi

	case $cmd in
	del | show | change)
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

	# Offer each keyword once; pmtudisc and nopmtudisc take one slot.
	used=" "
	i=3
	while ((i < COMP_CWORD)); do
		w=${COMP_WORDS[i]}
		case $w in
		mode | remote | local | dev | ttl | tos) used+="$w "; ((i += 2)) ;;
		pmtudisc | nopmtudisc) used+="pmtudisc nopmtudisc "; ((i += 1)) ;;
		*) ((i += 1)) ;;
		esac
	done
	for kw in mode remote local dev ttl tos pmtudisc nopmtudisc; do
		[[ $used == *" $kw "* ]] || keywords+=("$kw")
	done
	_scidtun_reply "${keywords[*]}" "$cur"
}

complete -F _scidtun_completion scidtun
