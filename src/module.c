/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"

struct module {
	char	*name;
	void	*handle;
};
static struct module	*modules;
static size_t		 nmodules;

/*
 * Modules come from $NTFY_MODULE_DIR (when absolute: never from wherever
 * we were started), else the build tree when this binary is the one built
 * there, else the install directory.
 */
static char *
module_dir(void)
{
	char		 exe[PATH_MAX];
	const char	*env;
	ssize_t		 n;

	if ((env = getenv("NTFY_MODULE_DIR")) != NULL && *env == '/')
		return xstrdup(env);
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if (strcmp(exe, BUILD_DIR "/ntfy") == 0 ||
		    strcmp(exe, BUILD_DIR "/.libs/ntfy") == 0)
			return xstrdup(BUILD_DIR "/.libs");
	}
	return xstrdup(MODULE_DIR);
}

static void *
module_open(const char *name, char **cause)
{
	const char	*why;
	char		*dir, *path;
	void		*h;
	size_t		 i;
	int		 fd;

	for (i = 0; i < nmodules; i++)
		if (strcmp(modules[i].name, name) == 0)
			return modules[i].handle;
	if (strchr(name, '/') != NULL)
		path = xstrdup(name);
	else {
		dir = module_dir();
		path = xasprintf("%s/%s.so", dir, name);
		free(dir);
	}
	/* dlopen() would search a relative name, and wait on a FIFO. */
	if (*path != '/') {
		*cause = xasprintf("cannot load module '%s': not an absolute "
		    "path", path);
		free(path);
		return NULL;
	}
	if ((fd = file_open_read(path, &why)) == -1) {
		*cause = xasprintf("cannot load module '%s': %s", path, why);
		free(path);
		return NULL;
	}
	close(fd);
	log_debug("loading module '%s'", path);
	if ((h = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		*cause = xasprintf("cannot load module '%s': %s", path,
		    dlerror());
		free(path);
		return NULL;
	}
	free(path);
	modules = xreallocarray(modules, nmodules + 1, sizeof *modules);
	modules[nmodules].name = xstrdup(name);
	modules[nmodules++].handle = h;
	return h;
}

/* Find symbol in module name (or a path), loading it on first use. */
void *
module_symbol(const char *name, const char *symbol, char **cause)
{
	void	*h, *p;

	if ((h = module_open(name, cause)) == NULL)
		return NULL;
	if ((p = dlsym(h, symbol)) == NULL)
		*cause = xasprintf("module '%s' has no '%s'", name, symbol);
	return p;
}

/* A user's own compiled backend: a shared object exporting ntfy_backend. */
const struct backend *
module_load_backend(const char *path, char **cause)
{
	const struct backend	*b;
	const int		*abi;

	if ((abi = module_symbol(path, "ntfy_backend_abi", cause)) == NULL)
		return NULL;
	if (*abi != NTFY_BACKEND_ABI) {
		*cause = xasprintf("backend '%s' was built for interface %d, "
		    "this ntfy has %d; rebuild it", path, *abi,
		    NTFY_BACKEND_ABI);
		return NULL;
	}
	if ((b = module_symbol(path, "ntfy_backend", cause)) == NULL)
		return NULL;
	if (b->name == NULL || b->send == NULL) {
		*cause = xasprintf("backend '%s' has no name or send()", path);
		return NULL;
	}
	return b;
}
