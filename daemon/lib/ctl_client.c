// SPDX-License-Identifier: GPL-2.0
/* ctl_client.c: the control socket's shared helpers and its client half
 * (fxsctl); the server is fxsd/ctl_server.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "ctl.h"
#include "fileio.h"

int ctl_address(struct sockaddr_un *sun, const char *path)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun->sun_path))
		return -ENAMETOOLONG;
	strcpy(sun->sun_path, path);
	return 0;
}

void ctl_write_all(int fd, const char *s, size_t n)
{
	ssize_t w;

	while (n) {
		w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* "OK\n..." gives 0, "ERR msg\n" gives 1; the prefix is cut off in place */
static int ctl_reply_status(char *all)
{
	if (!strncmp(all, "OK\n", 3)) {
		memmove(all, all + 3, strlen(all + 3) + 1);
		return 0;
	}
	if (!strncmp(all, "ERR ", 4)) {
		memmove(all, all + 4, strlen(all + 4) + 1);
		all[strcspn(all, "\n")] = '\0';
		return 1;
	}
	return -EPROTO;
}

int ctl_request(const char *path, const char *line, char **reply)
{
	struct sockaddr_un sun;
	char *all = NULL;
	size_t len;
	int fd, ret;

	ret = ctl_address(&sun, path);
	if (ret)
		return ret;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun))) {
		ret = -errno;
		close(fd);
		return ret;
	}
	ctl_write_all(fd, line, strlen(line));
	ctl_write_all(fd, "\n", 1);
	ret = fileio_read_fd(fd, CTL_REPLY_MAX, &all, &len);
	close(fd);
	if (ret)
		return ret;
	ret = ctl_reply_status(all);
	if (ret < 0)
		free(all);
	else
		*reply = all;
	return ret;
}
