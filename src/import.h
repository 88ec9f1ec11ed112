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
#define IMPORT_SEQ	4	/* yamlimport_tree only; items have no key */
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

typedef int	(*yamlimport_tree_fn)(const char *, const char *, size_t,
		    struct import_entry *, char **);
int		yamlimport_tree(const char *, const char *, size_t,
		    struct import_entry *, char **);

/* cmd-config-import.c */
int		config_import(struct ntfy *, int, char **);
void		import_doc_free(struct import_doc *);
void		import_entry_free(struct import_entry *);
char	       *import_read(const char *, size_t *, char **);
int		import_pair(struct buf *, const char *, const char *,
		    const char *, int, const char *, char **);

/* import-apprise.c: Apprise's TEXT and YAML configs as sections. */
struct apprise_import;
struct apprise_import *apprise_import_new(void);
int		apprise_import_file(struct apprise_import *, const char *,
		    const char *, size_t, char **);
void		apprise_import_finish(struct apprise_import *, struct buf *);
int		apprise_detect(const char *, const char *, size_t);
extern const char *const apprise_default_paths[];

#endif
