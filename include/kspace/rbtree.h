/*
 * Red-black trees, with Linux's <linux/rbtree.h> API (the 2.6.0 node layout: a plain
 * parent pointer and colour rather than one packed word). The tree knows nothing of
 * keys: the node is embedded in the caller's structure, and the caller walks down
 * comparing its own keys, links the new node in with rb_link_node(), then calls
 * rb_insert_color() to restore balance. The address-space code keeps its VMAs so:
 *
 *	struct rb_node **link = &root->rb_node, *parent = NULL;
 *
 *	while (*link) {
 *		parent = *link;
 *		if (new->key < rb_entry(parent, struct thing, rb)->key)
 *			link = &parent->rb_left;
 *		else
 *			link = &parent->rb_right;
 *	}
 *	rb_link_node(&new->rb, parent, link);
 *	rb_insert_color(&new->rb, root);
 */
#ifndef KSPACE_RBTREE_H
#define KSPACE_RBTREE_H

#include <kspace/compiler.h>
#include <kspace/types.h>

#define RB_RED 0
#define RB_BLACK 1

struct rb_node {
	struct rb_node *rb_parent; /* NULL for the root */
	int rb_color; /* RB_RED or RB_BLACK */
	struct rb_node *rb_right;
	struct rb_node *rb_left;
};

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_ROOT (struct rb_root){ NULL }
#define RB_EMPTY_ROOT(root) ((root)->rb_node == NULL)
#define rb_entry(ptr, type, member) container_of(ptr, type, member)

/* Hang node, as a red leaf, at *rb_link, a NULL child pointer of parent (or the root's). */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->rb_parent = parent;
	node->rb_color = RB_RED;
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order traversal: smallest, largest, and the neighbours of a node; NULL past the ends. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/* Put new where victim is, without rebalancing: the caller keeps the key order. */
void rb_replace_node(struct rb_node *victim, struct rb_node *new, struct rb_root *root);

#endif
