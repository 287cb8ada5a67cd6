/*
 * tests/host/test_rbtree.c: the red-black tree (kernel/rbtree.c). Every rebalancing
 * case of insert and erase, on both sides, each on a small fixed tree whose exact
 * result is checked; the plain erases (root, only node, two children, leaves),
 * rb_replace_node and the traversal ends; and long random insert/erase runs against a
 * sorted-array model. The red-black rules and parent links are checked after each step.
 *
 * Trees are written as text: a node is its colour and key ("B20", "R5"), then, if it
 * has children, "(left,right)" with "." for a missing child or an empty tree. So
 * "B20(R10,.)" is a black 20 with a red left child 10. The right-side cases are the
 * left-side ones mirrored, key k becoming 100 - k.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kapi.h"
#include "test.h"

#include <kspace/rbtree.h>

#define MAX_KEY 1024
#define RANDOM_OPS 100000

struct item {
	int key;
	struct rb_node rb;
};

/* items[k] holds key k: each key has the one node that is inserted and erased. */
struct tree {
	struct rb_root root;
	struct item items[MAX_KEY];
};

static int key_of(const struct rb_node *n)
{
	return rb_entry(n, struct item, rb)->key;
}

static void tree_init(struct tree *t)
{
	t->root = RB_ROOT;
	for (int k = 0; k < MAX_KEY; k++)
		t->items[k].key = k;
}

/* Insert as the VMA tree will: walk down by key, refuse a duplicate, link, rebalance. */
static bool tree_insert(struct tree *t, int key)
{
	struct rb_node **link = &t->root.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		if (key < key_of(parent))
			link = &parent->rb_left;
		else if (key > key_of(parent))
			link = &parent->rb_right;
		else
			return false;
	}
	rb_link_node(&t->items[key].rb, parent, link);
	rb_insert_color(&t->items[key].rb, &t->root);
	return true;
}

static struct rb_node *tree_search(const struct tree *t, int key)
{
	struct rb_node *n = t->root.rb_node;

	while (n && key_of(n) != key)
		n = key < key_of(n) ? n->rb_left : n->rb_right;
	return n;
}

/* Erase key; false if it is not in the tree. */
static bool tree_erase(struct tree *t, int key)
{
	struct rb_node *n = tree_search(t, key);

	if (n)
		rb_erase(n, &t->root);
	return n != NULL;
}

static char why[256]; /* what check_subtree found wrong */

__attribute__((format(printf, 1, 2))) static int bad(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Check the subtree at n: its parent link, keys strictly between lo and hi, a known
 * colour, no red node with a red child, equal black heights below each node. Return
 * its black height (a NULL leaf counts 1), or -1 with why set.
 */
static int check_subtree(const struct rb_node *n, const struct rb_node *parent, int lo, int hi)
{
	int left, right;

	if (!n)
		return 1;
	if (n->rb_parent != parent)
		return bad("%d has the wrong rb_parent", key_of(n));
	if (key_of(n) <= lo || key_of(n) >= hi)
		return bad("%d is out of order, not between %d and %d", key_of(n), lo, hi);
	if (n->rb_color != RB_RED && n->rb_color != RB_BLACK)
		return bad("%d has colour %d", key_of(n), n->rb_color);
	if (n->rb_color == RB_RED && ((n->rb_left && n->rb_left->rb_color == RB_RED) ||
				      (n->rb_right && n->rb_right->rb_color == RB_RED)))
		return bad("red %d has a red child", key_of(n));
	left = check_subtree(n->rb_left, n, lo, key_of(n));
	right = check_subtree(n->rb_right, n, key_of(n), hi);
	if (left < 0 || right < 0)
		return -1;
	if (left != right)
		return bad("%d has black height %d on the left, %d on the right", key_of(n), left,
			   right);
	return left + (n->rb_color == RB_BLACK);
}

/* NULL if the tree is a valid red-black tree with consistent parent links, else why not. */
static const char *tree_check(const struct tree *t)
{
	const struct rb_node *top = t->root.rb_node;

	if (top && top->rb_color != RB_BLACK)
		return "the root is red";
	return check_subtree(top, NULL, -1, MAX_KEY) < 0 ? why : NULL;
}

static char *render_subtree(const struct rb_node *n, char *p)
{
	if (!n) {
		*p++ = '.';
		return p;
	}
	p += sprintf(p, "%c%d", n->rb_color == RB_RED ? 'R' : 'B', key_of(n));
	if (n->rb_left || n->rb_right) {
		*p++ = '(';
		p = render_subtree(n->rb_left, p);
		*p++ = ',';
		p = render_subtree(n->rb_right, p);
		*p++ = ')';
	}
	return p;
}

/* The tree as text (see the top of the file). Only for the small trees of these tests. */
static const char *render(const struct tree *t)
{
	static char text[1024];

	*render_subtree(t->root.rb_node, text) = '\0';
	return text;
}

/* Set up the subtree that *text describes, below parent, and step past it. */
static struct rb_node *build_subtree(struct tree *t, const char **text, struct rb_node *parent)
{
	struct rb_node *n;
	char *end;

	if (**text == '.') {
		(*text)++;
		return NULL;
	}
	n = &t->items[strtol(*text + 1, &end, 10)].rb;
	n->rb_color = **text == 'R' ? RB_RED : RB_BLACK;
	n->rb_parent = parent;
	n->rb_left = n->rb_right = NULL;
	*text = end;
	if (**text == '(') {
		(*text)++;
		n->rb_left = build_subtree(t, text, n);
		(*text)++; /* ',' */
		n->rb_right = build_subtree(t, text, n);
		(*text)++; /* ')' */
	}
	return n;
}

/* A tree of exactly the given shape and colours, however it could have been reached. */
static void tree_build(struct tree *t, const char *text)
{
	tree_init(t);
	t->root.rb_node = build_subtree(t, &text, NULL);
}

/* The tree is valid and has exactly the keys, shape and colours of text. */
#define EXPECT_TREE(t, text)                                               \
	do {                                                               \
		const char *why_ = tree_check(t);                          \
		EXPECT_MSG(!why_, "invalid tree %s: %s", render(t), why_); \
		EXPECT_STREQ(render(t), text);                             \
	} while (0)

/* Build before (checking it is a valid tree), do op (tree_insert or tree_erase) on key,
 * and expect after. */
#define EXPECT_OP(before, op, key, after) \
	do {                              \
		struct tree t_;           \
		tree_build(&t_, before);  \
		EXPECT_TREE(&t_, before); \
		EXPECT(op(&t_, key));     \
		EXPECT_TREE(&t_, after);  \
	} while (0)

/* Insert: no rebalancing needed. */

TEST(rbtree, insert_into_empty_makes_black_root)
{
	EXPECT_OP(".", tree_insert, 10, "B10");
}

TEST(rbtree, insert_under_black_parent_stays_red)
{
	EXPECT_OP("B20(.,R30)", tree_insert, 10, "B20(R10,R30)");
}

/* Insert, uncle red: parent and uncle turn black, the grandparent red. */

TEST(rbtree, insert_uncle_red_recolours_left)
{
	EXPECT_OP("B40(B20(R10,R30),B50)", tree_insert, 5, "B40(R20(B10(R5,.),B30),B50)");
}

TEST(rbtree, insert_uncle_red_recolours_right)
{
	EXPECT_OP("B60(B50,B80(R70,R90))", tree_insert, 95, "B60(B50,R80(B70,B90(.,R95)))");
}

/* The grandparent is the root, so it turns black again. */
TEST(rbtree, insert_uncle_red_recolours_root_black)
{
	EXPECT_OP("B20(R10,R30)", tree_insert, 5, "B20(B10(R5,.),B30)");
}

/* Insert, uncle black (here NULL), node the inner grandchild: two rotations. */

TEST(rbtree, insert_uncle_black_inner_rotates_to_outer_left)
{
	EXPECT_OP("B20(R10,.)", tree_insert, 15, "B15(R10,R20)");
}

TEST(rbtree, insert_uncle_black_inner_rotates_to_outer_right)
{
	EXPECT_OP("B80(.,R90)", tree_insert, 85, "B85(R80,R90)");
}

/* Insert, uncle black, node the outer grandchild: one rotation of the grandparent. */

TEST(rbtree, insert_uncle_black_outer_rotates_grandparent_left)
{
	EXPECT_OP("B20(R10,.)", tree_insert, 5, "B10(R5,R20)");
}

TEST(rbtree, insert_uncle_black_outer_rotates_grandparent_right)
{
	EXPECT_OP("B80(.,R90)", tree_insert, 95, "B90(R80,R95)");
}

/*
 * Recolouring makes 10 red under red 20, whose sibling 60 is a real black node: the
 * outer case two levels up, with 30 changing parent from 20 to 40.
 */
TEST(rbtree, insert_recolour_then_outer_rotation_left)
{
	EXPECT_OP("B40(R20(B10(R5,R15),B30),B60)", tree_insert, 3,
		  "B20(R10(B5(R3,.),B15),R40(B30,B60))");
}

TEST(rbtree, insert_recolour_then_outer_rotation_right)
{
	EXPECT_OP("B60(B40,R80(B70,B90(R85,R95)))", tree_insert, 97,
		  "B80(R60(B40,B70),R90(B85,B95(.,R97)))");
}

/* Recolouring makes 30 red, the inner child of red 20: both rotations move subtrees. */
TEST(rbtree, insert_recolour_then_inner_rotation_left)
{
	EXPECT_OP("B40(R20(B10,B30(R25,R35)),B60)", tree_insert, 33,
		  "B30(R20(B10,B25),R40(B35(R33,.),B60))");
}

TEST(rbtree, insert_recolour_then_inner_rotation_right)
{
	EXPECT_OP("B60(B40,R80(B70(R65,R75),B90))", tree_insert, 67,
		  "B70(R60(B40,B65(.,R67)),R80(B75,B90))");
}

/* Erase: no rebalancing needed, or just a recolour. */

TEST(rbtree, erase_red_leaf_needs_nothing)
{
	EXPECT_OP("B20(R10,R30)", tree_erase, 10, "B20(.,R30)");
}

TEST(rbtree, erase_black_with_red_child_blackens_child)
{
	EXPECT_OP("B20(B10(R5,.),B30)", tree_erase, 10, "B20(B5,B30)");
}

/* Erase, sibling red: rotate it up, then a black-sibling case (here black children). */

TEST(rbtree, erase_sibling_red_rotates_left)
{
	EXPECT_OP("B20(B10,R40(B30,B50))", tree_erase, 10, "B40(B20(.,R30),B50)");
}

TEST(rbtree, erase_sibling_red_rotates_right)
{
	EXPECT_OP("B80(R60(B50,B70),B90)", tree_erase, 90, "B60(B50,B80(R70,.))");
}

/* Sibling red, and after the rotation the new sibling has a red far child. */
TEST(rbtree, erase_sibling_red_then_far_red_left)
{
	EXPECT_OP("B20(B10,R40(B30(.,R35),B50))", tree_erase, 10, "B40(R30(B20,B35),B50)");
}

TEST(rbtree, erase_sibling_red_then_far_red_right)
{
	EXPECT_OP("B80(R60(B50,B70(R65,.)),B90)", tree_erase, 90, "B60(B50,R70(B65,B80))");
}

/* Erase, sibling black with black children: the sibling turns red; a red parent
 * turns black and that is the end. */

TEST(rbtree, erase_sibling_black_children_black_recolours_left)
{
	EXPECT_OP("B50(R20(B10,B30),B60)", tree_erase, 10, "B50(B20(.,R30),B60)");
}

TEST(rbtree, erase_sibling_black_children_black_recolours_right)
{
	EXPECT_OP("B50(B40,R80(B70,B90))", tree_erase, 90, "B50(B40,B80(R70,.))");
}

/* A black parent passes the shortage up: here to the root, reddening 60 on the way. */
TEST(rbtree, erase_sibling_black_children_black_propagates_left)
{
	EXPECT_OP("B40(B20(B10,B30),B60(B50,B70))", tree_erase, 10, "B40(B20(.,R30),R60(B50,B70))");
}

TEST(rbtree, erase_sibling_black_children_black_propagates_right)
{
	EXPECT_OP("B60(B40(B30,B50),B80(B70,B90))", tree_erase, 90, "B60(R40(B30,B50),B80(R70,.))");
}

/* Erase, sibling black with only its near child red: rotate that up, then far red. */

TEST(rbtree, erase_sibling_black_near_red_rotates_sibling_left)
{
	EXPECT_OP("B50(R20(B10,B30(R25,.)),B60)", tree_erase, 10, "B50(R25(B20,B30),B60)");
}

TEST(rbtree, erase_sibling_black_near_red_rotates_sibling_right)
{
	EXPECT_OP("B50(B40,R80(B70(.,R75),B90))", tree_erase, 90, "B50(B40,R75(B70,B80))");
}

/*
 * Erase, sibling black with its far child red: rotate the parent. The sibling takes
 * the parent's red, and its near child 25 moves across to the parent.
 */
TEST(rbtree, erase_sibling_black_far_red_rotates_parent_left)
{
	EXPECT_OP("B50(R20(B10,B30(R25,R40)),B60)", tree_erase, 10, "B50(R30(B20(.,R25),B40),B60)");
}

TEST(rbtree, erase_sibling_black_far_red_rotates_parent_right)
{
	EXPECT_OP("B50(B40,R80(B70(R60,R75),B90))", tree_erase, 90, "B50(B40,R70(B60,B80(R75,.)))");
}

/* Erase of a node with two children: its successor takes its place and colour. */

TEST(rbtree, erase_root_with_two_children)
{
	EXPECT_OP("B20(B10,B30)", tree_erase, 20, "B30(R10,.)");
}

TEST(rbtree, erase_two_children_successor_is_right_child)
{
	EXPECT_OP("B20(B10,B30(.,R40))", tree_erase, 20, "B30(B10,B40)");
}

TEST(rbtree, erase_two_children_successor_deeper)
{
	EXPECT_OP("B20(B10(R5,R15),R40(B30(R25,.),B50))", tree_erase, 20,
		  "B25(B10(R5,R15),R40(B30,B50))");
}

/* The successor 30 leaves its right child 35 in its place, blackened. */
TEST(rbtree, erase_two_children_successor_has_right_child)
{
	EXPECT_OP("B20(B10,R40(B30(.,R35),B50))", tree_erase, 20, "B30(B10,R40(B35,B50))");
}

/* The successor 30 was a black leaf: its old place is short, and that propagates. */
TEST(rbtree, erase_two_children_black_successor_rebalances)
{
	EXPECT_OP("B40(B20(B10,B30),B60(B50,B70))", tree_erase, 20, "B40(B30(R10,.),R60(B50,B70))");
}

TEST(rbtree, erase_only_node_empties_tree)
{
	struct tree t;

	tree_build(&t, "B10");
	rb_erase(&t.items[10].rb, &t.root);
	EXPECT(RB_EMPTY_ROOT(&t.root));
	EXPECT(!rb_first(&t.root));
	EXPECT(tree_insert(&t, 10));
	EXPECT_TREE(&t, "B10");
}

TEST(rbtree, empty_tree_has_no_first_or_last)
{
	struct rb_root root = RB_ROOT;

	EXPECT(RB_EMPTY_ROOT(&root));
	EXPECT(!rb_first(&root));
	EXPECT(!rb_last(&root));
}

TEST(rbtree, next_and_prev_stop_at_the_ends)
{
	struct tree t;
	struct rb_node *n;

	tree_build(&t, "B40(B20(R10,R30),B50)");
	n = rb_first(&t.root);
	EXPECT_EQ_INT(key_of(n), 10);
	EXPECT(!rb_prev(n));
	n = rb_last(&t.root);
	EXPECT_EQ_INT(key_of(n), 50);
	EXPECT(!rb_next(n));
	/* Each way, one step descends into a subtree and one climbs out of it. */
	EXPECT_EQ_INT(key_of(rb_next(&t.items[20].rb)), 30);
	EXPECT_EQ_INT(key_of(rb_next(&t.items[30].rb)), 40);
	EXPECT_EQ_INT(key_of(rb_prev(&t.items[40].rb)), 30);
	EXPECT_EQ_INT(key_of(rb_prev(&t.items[30].rb)), 20);
}

/* A new node in victim's place: same shape and colours, children re-parented. */
TEST(rbtree, replace_node_takes_place_and_colour)
{
	struct item inner = { .key = 20 }, top = { .key = 40 }, leaf = { .key = 10 };
	struct tree t;

	tree_build(&t, "B40(R20(B10,B30),B50)");
	rb_replace_node(&t.items[20].rb, &inner.rb, &t.root);
	rb_replace_node(&t.items[40].rb, &top.rb, &t.root);
	rb_replace_node(&t.items[10].rb, &leaf.rb, &t.root);
	EXPECT_TREE(&t, "B40(R20(B10,B30),B50)");
	EXPECT(t.root.rb_node == &top.rb);
	EXPECT(top.rb.rb_left == &inner.rb);
	EXPECT(inner.rb.rb_left == &leaf.rb);
	EXPECT(t.items[30].rb.rb_parent == &inner.rb);
	EXPECT(rb_first(&t.root) == &leaf.rb);
}

static int height(const struct rb_node *n)
{
	int left, right;

	if (!n)
		return 0;
	left = height(n->rb_left);
	right = height(n->rb_right);
	return 1 + (left > right ? left : right);
}

/* Sorted input, a plain BST's worst case, stays within the height bound 2 log2(n+1). */
TEST(rbtree, sorted_inserts_stay_balanced)
{
	struct tree up, down;

	tree_init(&up);
	tree_init(&down);
	for (int k = 0; k < MAX_KEY; k++) {
		EXPECT(tree_insert(&up, k));
		EXPECT(tree_insert(&down, MAX_KEY - 1 - k));
	}
	EXPECT_MSG(!tree_check(&up), "%s", tree_check(&up));
	EXPECT_MSG(!tree_check(&down), "%s", tree_check(&down));
	EXPECT(height(up.root.rb_node) <= 20); /* 2 log2(1025) = 20.003 */
	EXPECT(height(down.root.rb_node) <= 20);
}

/* The model: the keys in the tree, as a sorted array. */
struct model {
	int keys[MAX_KEY];
	int len;
};

/* Where key is in the model, or would go. */
static int model_slot(const struct model *m, int key)
{
	int lo = 0, hi = m->len;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (m->keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Walking the tree forwards and backwards meets exactly the model's keys. */
static const char *walk_matches(const struct tree *t, const struct model *m)
{
	const struct rb_node *n = rb_first(&t->root);

	for (int i = 0; i < m->len; i++, n = rb_next(n))
		if (!n || key_of(n) != m->keys[i])
			return "rb_first/rb_next differ from the model";
	if (n)
		return "rb_next goes past the model's last key";
	n = rb_last(&t->root);
	for (int i = m->len - 1; i >= 0; i--, n = rb_prev(n))
		if (!n || key_of(n) != m->keys[i])
			return "rb_last/rb_prev differ from the model";
	return n ? "rb_prev goes past the model's first key" : NULL;
}

/* Insert or erase key in both; NULL if they agreed on whether it was there. */
static const char *random_op(struct tree *t, struct model *m, int key, bool insert)
{
	int slot = model_slot(m, key);
	int *at = &m->keys[slot];
	bool present = slot < m->len && *at == key;

	if (insert) {
		if (tree_insert(t, key) == present)
			return present ? "a duplicate was inserted" : "an insert was refused";
		if (!present) {
			memmove(at + 1, at, (m->len++ - slot) * sizeof(*at));
			*at = key;
		}
	} else {
		if (tree_erase(t, key) != present)
			return present ? "a key was not found" : "a missing key was found";
		if (present)
			memmove(at, at + 1, (--m->len - slot) * sizeof(*at));
	}
	return NULL;
}

static u32 rng_state;

static u32 rng(void) /* xorshift32: the same sequence on every host */
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/*
 * RANDOM_OPS inserts and erases of keys below key_range, checked against the model
 * after each. Three in four ops insert for phase ops, then three in four erase, and
 * so on, so the tree's size swings up and down. NULL if all agreed.
 */
static const char *run_random(u32 seed, int key_range, int phase)
{
	static char failure[512];
	static struct tree t;
	static struct model m;
	const char *err;

	rng_state = seed;
	tree_init(&t);
	m.len = 0;
	for (int op = 0; op < RANDOM_OPS; op++) {
		bool growing = op / phase % 2 == 0;
		bool insert = (rng() % 4 != 0) == growing;
		int key = rng() % key_range;

		err = random_op(&t, &m, key, insert);
		if (!err)
			err = tree_check(&t);
		if (!err)
			err = walk_matches(&t, &m);
		if (err) {
			snprintf(failure, sizeof(failure), "op %d, %s %d, %d keys: %s", op,
				 insert ? "insert" : "erase", key, m.len, err);
			return failure;
		}
	}
	return NULL;
}

/* Few keys: many duplicate inserts and erases of missing keys; often empty. */
TEST(rbtree, random_ops_few_keys)
{
	const char *err = run_random(1, 16, 32);

	EXPECT_MSG(!err, "%s", err);
}

TEST(rbtree, random_ops_grow_and_shrink)
{
	const char *err = run_random(2, MAX_KEY, 2048);

	EXPECT_MSG(!err, "%s", err);
}

TEST(rbtree, random_ops_medium)
{
	const char *err = run_random(3, 256, 500);

	EXPECT_MSG(!err, "%s", err);
}
