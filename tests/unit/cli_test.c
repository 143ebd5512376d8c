// SPDX-License-Identifier: GPL-2.0
/*
 * The built binary, run as an operator would: exit status and exact output
 * for help, version and usage errors. None of these may reach the kernel, so
 * they pass whether or not the module is loaded.
 */

#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define ARGS(...) ((const char *[]){ __VA_ARGS__, NULL })

struct result {
	int status;
	char out[4096];
	char err[4096];
};

static void slurp(FILE *f, char *buf, size_t len)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static const char *label(const char **args)
{
	static char buf[512];
	int i;

	snprintf(buf, sizeof(buf), "scidtun");
	for (i = 0; args[i]; i++) {
		strncat(buf, " ", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, args[i], sizeof(buf) - strlen(buf) - 1);
	}
	return buf;
}

static void run(const char *binary, const char **args, struct result *r)
{
	char *argv[32] = { (char *)binary };
	FILE *out = tmpfile(), *err = tmpfile();
	int i, st, fd;
	pid_t pid;

	r->status = -1;
	r->out[0] = r->err[0] = '\0';
	if (!out || !err) {
		perror("tmpfile");
		exit(2);
	}
	for (i = 0; args[i] && i < 30; i++)
		argv[i + 1] = (char *)args[i];
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (!pid) {
		fd = open("/dev/null", O_RDONLY);
		dup2(fd, STDIN_FILENO);
		dup2(fileno(out), STDOUT_FILENO);
		dup2(fileno(err), STDERR_FILENO);
		execv(binary, argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) == pid && WIFEXITED(st))
		r->status = WEXITSTATUS(st);
	slurp(out, r->out, sizeof(r->out));
	slurp(err, r->err, sizeof(r->err));
}

static void expect(const char *binary, const char **args, int status, const char *want_out,
		   const char *want_err)
{
	const char *what = label(args);
	struct result r;

	run(binary, args, &r);
	CHECK(r.status == status, "%s: exit %d, want %d (stderr: %s)", what, r.status, status,
	      r.err);
	CHECK_STR(r.out, want_out, what);
	CHECK_STR(r.err, want_err, what);
}

/* For the long usage texts, only how they start and where they go. */
static void expect_usage(const char *binary, const char **args, int status, const char *prefix)
{
	const char *what = label(args);
	const char *text;
	struct result r;

	run(binary, args, &r);
	text = status ? r.err : r.out;
	CHECK(r.status == status, "%s: exit %d, want %d", what, r.status, status);
	CHECK(!strncmp(text, prefix, strlen(prefix)), "%s: output starts '%.40s', want '%s'",
	      what, text, prefix);
	CHECK(!*(status ? r.out : r.err), "%s: unexpected output on %s", what,
	      status ? "stdout" : "stderr");
}

static void usage_error(const char *binary, const char **args, const char *message)
{
	char want[512];

	snprintf(want, sizeof(want), "scidtun: %s\nsee 'scidtun help'\n", message);
	expect(binary, args, 1, "", want);
}

/* A bad file is refused whole, with its line, before anything is asked. */
static void bad_conf(const char *binary)
{
	char path[] = "/tmp/scidtun-test-XXXXXX", want[256];
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, "tunnel t remote 1.2.3.4\n route 10.0.0.1 onlink\n", 47) != 47) {
		CHECK(0, "cannot write %s", path);
		return;
	}
	close(fd);
	snprintf(want, sizeof(want), "scidtun: %s:2: 'onlink' needs 'via'\n", path);
	expect(binary, ARGS("setconf", "-n", path), 1, "", want);
	unlink(path);
}

void cli_tests(const char *binary)
{
	const char *unloaded = "scidtun: the scid_ipip module is not loaded (try: modprobe scid_ipip)\n";

	expect(binary, ARGS("--version"), 0, "scidtun " SCIDTUN_VERSION "\n", "");
	expect_usage(binary, ARGS("help"), 0, "Usage: scidtun COMMAND");
	expect_usage(binary, ARGS("-h"), 0, "Usage: scidtun COMMAND");
	expect_usage(binary, ARGS("--help"), 0, "Usage: scidtun COMMAND");
	expect_usage(binary, ARGS("add", "--help"), 0, "Usage: scidtun add NAME");
	expect_usage(binary, ARGS("change", "-h"), 0, "Usage: scidtun change NAME");
	expect_usage(binary, ARGS("del", "help"), 0, "Usage: scidtun del NAME...");
	expect_usage(binary, ARGS("flush", "-h"), 0, "Usage: scidtun flush [-n|--dry-run]");
	expect_usage(binary, ARGS("show", "--help"), 0, "Usage: scidtun show [-j|--json]");
	expect_usage(binary, ARGS("setconf", "-h"), 0, "Usage: scidtun setconf [-n|--dry-run]");
	expect_usage(binary, ARGS("showconf", "help"), 0, "Usage: scidtun showconf [NAME]");
	expect_usage(binary, ARGS(NULL), 1, "Usage: scidtun COMMAND");

	usage_error(binary, ARGS("frob"), "unknown command 'frob'");
	usage_error(binary, ARGS("add", "tunl1", "remote", "300.1.1.1"),
		    "invalid remote '300.1.1.1': not an IPv4 address");
	usage_error(binary, ARGS("add", "tunl1", "remote", "1.2.3.4", "ttl", "256"),
		    "invalid ttl '256': expected 1..255 or inherit");
	usage_error(binary, ARGS("add", "tunl1", "remote", "1.2.3.4", "foo"),
		    "unknown keyword 'foo'");
	usage_error(binary, ARGS("add", "tunl1", "remote"), "missing value for 'remote'");
	usage_error(binary, ARGS("add", "aaaaaaaaaaaaaaaa", "remote", "any"),
		    "invalid name 'aaaaaaaaaaaaaaaa': longer than 15 bytes");
	usage_error(binary, ARGS("add", "tunl1", "remote", "any", "dev", "no-such-if0"),
		    "invalid dev 'no-such-if0': no such interface");
	usage_error(binary, ARGS("add", "tunl1"),
		    "missing 'remote' (use 'remote any' for a tunnel without a fixed peer)");
	usage_error(binary, ARGS("change", "tunl1"), "nothing to change for 'tunl1'");
	usage_error(binary, ARGS("change", "tunl1", "ttl", "abc"),
		    "invalid ttl 'abc': expected 1..255 or inherit");
	/* clamp-mss: the keyword, the value and the range, before any request. */
	usage_error(binary, ARGS("add", "tunl1", "remote", "1.2.3.4", "clamp-mss", "535"),
		    "invalid clamp-mss '535': expected 536..65495, auto or off");
	usage_error(binary, ARGS("add", "tunl1", "remote", "1.2.3.4", "clamp-mss", "65496"),
		    "invalid clamp-mss '65496': expected 536..65495, auto or off");
	usage_error(binary, ARGS("change", "tunl1", "clamp-mss", ""),
		    "invalid clamp-mss '': expected 536..65495, auto or off");
	usage_error(binary, ARGS("change", "tunl1", "clamp-mss", "-1"),
		    "invalid clamp-mss '-1': expected 536..65495, auto or off");
	usage_error(binary, ARGS("change", "tunl1", "clamp-mss"), "missing value for 'clamp-mss'");
	/* pmtu-probe and pmtu-raise, and probing without keepalive, before any request. */
	usage_error(binary, ARGS("add", "tunl1", "remote", "1.2.3.4", "pmtu-probe", "on"),
		    "pmtu-probe needs keepalive: add 'keepalive INTERVAL' (e.g. 'keepalive 1s') or leave 'pmtu-probe' off");
	usage_error(binary, ARGS("add", "tunl1", "remote", "1.2.3.4", "keepalive", "1s", "nodf",
				 "pmtu-probe", "on"),
		    "pmtu-probe needs DF on the outer packets: 'nodf' turns it off (use 'pmtudisc')");
	usage_error(binary, ARGS("change", "tunl1", "pmtu-probe", "1"),
		    "invalid pmtu-probe '1': expected on or off");
	usage_error(binary, ARGS("change", "tunl1", "pmtu-raise", "500ms"),
		    "invalid pmtu-raise '500ms': out of range; expected 1s..24h, with its unit (1500ms, 2s, 10m, 1h)");
	usage_error(binary, ARGS("change", "tunl1", "pmtu-raise", "600"),
		    "invalid pmtu-raise '600': no unit; expected 1s..24h, with its unit (1500ms, 2s, 10m, 1h)");
	usage_error(binary, ARGS("change", "tunl1", "keepalive", "off", "pmtu-probe", "on"),
		    "pmtu-probe needs keepalive: add 'keepalive INTERVAL' (e.g. 'keepalive 1s') or leave 'pmtu-probe' off");
	/* encap: bad ports and what the kernel would refuse, before any request. */
	usage_error(binary, ARGS("add", "tunl1", "remote", "1.2.3.4", "encap", "fou"),
		    "encap fou needs encap-dport: add 'encap-dport PORT', the UDP port of the peer's 'ip fou add port PORT ipproto 4'");
	usage_error(binary, ARGS("add", "tunl1", "remote", "1.2.3.4", "encap", "gue",
				 "encap-dport", "6666", "noencap", "encap-remcsum"),
		    "'noencap' conflicts with 'encap'");
	usage_error(binary, ARGS("add", "tunl1", "remote", "1.2.3.4", "encap-remcsum"),
		    "encap-remcsum needs 'encap gue', not 'encap none': remote checksum offload is a GUE option");
	usage_error(binary, ARGS("change", "tunl1", "encap-dport", "0"),
		    "invalid encap-dport '0': expected 1..65535");
	usage_error(binary, ARGS("change", "tunl1", "encap-sport", "65536"),
		    "invalid encap-sport '65536': expected 0..65535 or auto");
	usage_error(binary, ARGS("change", "tunl1", "encap", "vxlan"),
		    "invalid encap 'vxlan': expected fou, gue or none");
	usage_error(binary, ARGS("del"), "missing tunnel name");
	/* Every name is checked before any request: the bad one is named. */
	usage_error(binary, ARGS("del", "tunl1", "a/b", "tunl2"), "invalid name 'a/b': contains '/'");
	usage_error(binary, ARGS("del", "scid0"),
		    "invalid name 'scid0': reserved for the control device");
	usage_error(binary, ARGS("del", "tunl1", "scid0"),
		    "invalid name 'scid0': reserved for the control device");
	usage_error(binary, ARGS("flush", "tunl1"), "unexpected argument 'tunl1'");
	usage_error(binary, ARGS("flush", "-n", "-n"), "unexpected argument '-n'");
	usage_error(binary, ARGS("show", "-x"), "unknown option '-x'");
	usage_error(binary, ARGS("-j", "del", "t"), "option '-j' applies only to show");
	usage_error(binary, ARGS("-s"), "missing command after '-s'");
	usage_error(binary, ARGS("setconf"), "missing configuration file");
	usage_error(binary, ARGS("setconf", "--frob", "x"), "unknown option '--frob'");
	usage_error(binary, ARGS("showconf", "a", "b"), "unexpected argument 'b'");
	expect(binary, ARGS("setconf", "/nonexistent/x.conf"), 1, "",
	       "scidtun: cannot read '/nonexistent/x.conf': No such file or directory\n");
	bad_conf(binary);
	usage_error(binary, ARGS("show", "a", "b"), "unexpected argument 'b'");
	usage_error(binary, ARGS("show", "a/b"), "invalid name 'a/b': contains '/'");

	/* Only meaningful where the module is absent, as on a build host. */
	if (!if_nametoindex("scid0")) {
		expect(binary, ARGS("show"), 2, "", unloaded);
		expect(binary, ARGS("show", "tunl1"), 2, "", unloaded);
		expect(binary, ARGS("del", "tunl1"), 2, "", unloaded);
		expect(binary, ARGS("flush", "-n"), 2, "", unloaded);
	}
}
