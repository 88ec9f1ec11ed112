/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "ntfy.h"
#include "import.h"

/* The module: libyaml reads the file, the core turns it into INI. */

/* Deeper than any config needs: libyaml takes time quadratic in the depth
 * of flow collections, so deeper files are refused before they are read. */
#define YAML_MAX_DEPTH	32

struct reader {
	yaml_document_t	*doc;
	const char	*name;
	char		*cause;
};

static int
node_line(const yaml_node_t *node)
{
	return (int)node->start_mark.line + 1;
}

/* A plain null: `key:`, `key: ~` or `key: null`. */
static int
scalar_is_null(const yaml_node_t *node)
{
	const char	*v = (const char *)node->data.scalar.value;
	static const char *nulls[] = { "", "~", "null", "Null", "NULL" };
	size_t		 i;

	if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	for (i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
		if (strcmp(v, nulls[i]) == 0)
			return 1;
	return 0;
}

static char *
scalar_text(const yaml_node_t *node)
{
	return xstrndup((const char *)node->data.scalar.value,
	    node->data.scalar.length);
}

static int
fail(struct reader *rd, const yaml_node_t *node, const char *path,
    const char *what)
{
	if (rd->cause == NULL)
		rd->cause = xasprintf("%s:%d: '%s': %s", rd->name,
		    node_line(node), path, what);
	return -1;
}

/* A sequence of scalars joined with ", ". */
static int
read_list(struct reader *rd, yaml_node_t *node, const char *path,
    struct import_entry *e)
{
	yaml_node_item_t	*it;
	yaml_node_t		*item;
	struct buf		 b = BUF_INIT;
	char			*text;

	for (it = node->data.sequence.items.start;
	    it < node->data.sequence.items.top; it++) {
		item = yaml_document_get_node(rd->doc, *it);
		if (item == NULL || item->type != YAML_SCALAR_NODE) {
			buf_release(&b);
			return fail(rd, node, path, "a list may hold only "
			    "plain values in INI");
		}
		text = scalar_text(item);
		if (strchr(text, ',') != NULL || strchr(text, '\n') != NULL) {
			free(text);
			buf_release(&b);
			return fail(rd, item, path, "a list item holds a comma "
			    "or a newline, which a comma-joined INI value "
			    "cannot keep");
		}
		buf_printf(&b, "%s%s", b.len ? ", " : "", text);
		free(text);
	}
	e->kind = IMPORT_LIST;
	e->value = b.data != NULL ? buf_detach(&b) : xstrdup("");
	return 0;
}

/* One value; a mapping below a section is kept as a tree too, for the few
 * keys that take JSON (a Web Push subscription). */
static int
read_value(struct reader *rd, yaml_node_t *node, const char *path,
    struct import_entry *e)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*k, *v;
	struct import_entry	*c;
	char			*sub;
	int			 r;

	e->line = node_line(node);
	switch (node->type) {
	case YAML_SCALAR_NODE:
		if (scalar_is_null(node))
			e->kind = IMPORT_NULL;
		else {
			e->kind = IMPORT_SCALAR;
			e->value = scalar_text(node);
		}
		return 0;
	case YAML_SEQUENCE_NODE:
		return read_list(rd, node, path, e);
	case YAML_MAPPING_NODE:
		break;
	default:
		return fail(rd, node, path, "unexpected YAML node");
	}
	e->kind = IMPORT_MAP;
	for (p = node->data.mapping.pairs.start;
	    p < node->data.mapping.pairs.top; p++) {
		k = yaml_document_get_node(rd->doc, p->key);
		v = yaml_document_get_node(rd->doc, p->value);
		if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE)
			return fail(rd, node, path, "a key is not a plain "
			    "value");
		e->children = xreallocarray(e->children, e->nchildren + 1,
		    sizeof *e->children);
		c = &e->children[e->nchildren++];
		memset(c, 0, sizeof *c);
		c->key = scalar_text(k);
		sub = xasprintf("%s.%s", path, c->key);
		r = read_value(rd, v, sub, c);
		free(sub);
		if (r == -1)
			return -1;
	}
	return 0;
}

static int
read_root(struct reader *rd, yaml_node_t *root, struct import_doc *out)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*k, *v;
	struct import_entry	*e;

	if (root->type != YAML_MAPPING_NODE) {
		rd->cause = xasprintf("%s:%d: the top level is not a mapping "
		    "of keys to values", rd->name, node_line(root));
		return -1;
	}
	for (p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		k = yaml_document_get_node(rd->doc, p->key);
		v = yaml_document_get_node(rd->doc, p->value);
		if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE) {
			rd->cause = xasprintf("%s:%d: a top-level key is not "
			    "a plain value", rd->name, node_line(root));
			return -1;
		}
		out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
		e = &out->v[out->n++];
		memset(e, 0, sizeof *e);
		e->key = scalar_text(k);
		if (read_value(rd, v, e->key, e) == -1)
			return -1;
		e->line = node_line(k);
	}
	return 0;
}

/* 0, or -1 with *cause when collections nest deeper than YAML_MAX_DEPTH;
 * syntax errors are left to the loader, which words them. */
static int
depth_check(const char *name, const char *data, size_t len, char **cause)
{
	yaml_parser_t	parser;
	yaml_event_t	ev;
	int		depth = 0, r = 0, end = 0;

	if (!yaml_parser_initialize(&parser))
		fatal("cannot initialize the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)data,
	    len);
	while (!end && r == 0 && yaml_parser_parse(&parser, &ev)) {
		switch (ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > YAML_MAX_DEPTH) {
				*cause = xasprintf("%s:%zu: lists and mappings "
				    "nested more than %d levels deep; no "
				    "config needs that many", name,
				    ev.start_mark.line + 1, YAML_MAX_DEPTH);
				r = -1;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_STREAM_END_EVENT:
			end = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return r;
}

static int
tree_fail(struct reader *rd, const yaml_node_t *node, const char *what)
{
	if (rd->cause == NULL)
		rd->cause = xasprintf("%s:%d: %s", rd->name, node_line(node),
		    what);
	return -1;
}

/* Any node as a tree: mappings and sequences (items have no key) at any
 * depth below YAML_MAX_DEPTH. */
static int
read_tree(struct reader *rd, yaml_node_t *node, struct import_entry *e)
{
	yaml_node_pair_t	*p;
	yaml_node_item_t	*it;
	yaml_node_t		*k, *v;
	struct import_entry	*c;

	e->line = node_line(node);
	switch (node->type) {
	case YAML_SCALAR_NODE:
		if (scalar_is_null(node))
			e->kind = IMPORT_NULL;
		else {
			e->kind = IMPORT_SCALAR;
			e->value = scalar_text(node);
		}
		return 0;
	case YAML_SEQUENCE_NODE:
		e->kind = IMPORT_SEQ;
		for (it = node->data.sequence.items.start;
		    it < node->data.sequence.items.top; it++) {
			if ((v = yaml_document_get_node(rd->doc, *it)) == NULL)
				continue;
			e->children = xreallocarray(e->children,
			    e->nchildren + 1, sizeof *e->children);
			c = &e->children[e->nchildren++];
			memset(c, 0, sizeof *c);
			if (read_tree(rd, v, c) == -1)
				return -1;
		}
		return 0;
	case YAML_MAPPING_NODE:
		e->kind = IMPORT_MAP;
		for (p = node->data.mapping.pairs.start;
		    p < node->data.mapping.pairs.top; p++) {
			k = yaml_document_get_node(rd->doc, p->key);
			v = yaml_document_get_node(rd->doc, p->value);
			if (k == NULL || v == NULL ||
			    k->type != YAML_SCALAR_NODE)
				return tree_fail(rd, node, "a key is not a "
				    "plain value");
			e->children = xreallocarray(e->children,
			    e->nchildren + 1, sizeof *e->children);
			c = &e->children[e->nchildren++];
			memset(c, 0, sizeof *c);
			c->key = scalar_text(k);
			if (read_tree(rd, v, c) == -1)
				return -1;
		}
		return 0;
	default:
		return tree_fail(rd, node, "unexpected YAML node");
	}
}

/* Load YAML text into *doc, its depth checked first; -1 with *cause. */
static int
load_doc(const char *name, const char *data, size_t len, yaml_document_t *doc,
    char **cause)
{
	yaml_parser_t	 parser;

	if (depth_check(name, data, len, cause) == -1)
		return -1;
	if (!yaml_parser_initialize(&parser))
		fatal("cannot initialize the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)data,
	    len);
	if (!yaml_parser_load(&parser, doc)) {
		*cause = xasprintf("%s:%zu: %s%s%s", name,
		    parser.problem_mark.line + 1,
		    parser.context ? parser.context : "",
		    parser.context ? ": " : "",
		    parser.problem ? parser.problem : "not YAML");
		yaml_parser_delete(&parser);
		return -1;
	}
	yaml_parser_delete(&parser);
	return 0;
}

/* Read any YAML text as a tree into *out (IMPORT_NULL when empty). */
int
yamlimport_tree(const char *name, const char *data, size_t len,
    struct import_entry *out, char **cause)
{
	yaml_document_t	 doc;
	yaml_node_t	*root;
	struct reader	 rd;
	int		 r = 0;

	memset(out, 0, sizeof *out);
	out->kind = IMPORT_NULL;
	memset(&rd, 0, sizeof rd);
	rd.name = name;
	rd.doc = &doc;
	if (load_doc(name, data, len, &doc, cause) == -1)
		return -1;
	if ((root = yaml_document_get_root_node(&doc)) != NULL)
		r = read_tree(&rd, root, out);
	yaml_document_delete(&doc);
	if (r == -1)
		*cause = rd.cause;
	return r;
}

/* Read YAML text into doc; name is used in messages. */
int
yamlimport_parse(const char *name, const char *data, size_t len,
    struct import_doc *out, char **cause)
{
	yaml_document_t	 doc;
	yaml_node_t	*root;
	struct reader	 rd;
	int		 r = 0;

	memset(out, 0, sizeof *out);
	memset(&rd, 0, sizeof rd);
	rd.name = name;
	rd.doc = &doc;
	if (load_doc(name, data, len, &doc, cause) == -1)
		return -1;
	if ((root = yaml_document_get_root_node(&doc)) != NULL &&
	    !(root->type == YAML_SCALAR_NODE && scalar_is_null(root)))
		r = read_root(&rd, root, out);
	yaml_document_delete(&doc);
	if (r == -1)
		*cause = rd.cause;
	return r;
}
