/* SPDX-License-Identifier: ISC */
#ifndef NTFY_IMPORT_H
#define NTFY_IMPORT_H

#include <stddef.h>

/*
 * The Python ntfy's YAML config as the yamlimport module reads it: a
 * mapping of keys to scalars, lists (joined with ", ") or mappings one level
 * deep.  Everything is allocated with the core's xmalloc.
 */
struct import_entry {
	char			*key;
	char			*value;		/* NULL for null or a mapping */
	int			 line;		/* 1-based line in the file */
	int			 kind;
#define IMPORT_SCALAR	0
#define IMPORT_LIST	1
#define IMPORT_NULL	2
#define IMPORT_MAP	3
	struct import_entry	*children;	/* IMPORT_MAP */
	size_t			 nchildren;
};

struct import_doc {
	struct import_entry	*v;
	size_t			 n;
};

/* yamlimport.c, the module: 0, or -1 with *cause naming file and line. */
typedef int	(*yamlimport_parse_fn)(const char *, const char *, size_t,
		    struct import_doc *, char **);
int		yamlimport_parse(const char *, const char *, size_t,
		    struct import_doc *, char **);

/* cmd-config-import.c */
int		config_import(struct ntfy *, int, char **);
void		import_doc_free(struct import_doc *);

#endif
