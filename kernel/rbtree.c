/*
 * kernel/rbtree.c: red-black tree rebalancing and traversal (API in rbtree.h).
 *
 * A red-black tree is a binary search tree that stays balanced by keeping, with NULL
 * leaves counted as black:
 *   1. the root is black;
 *   2. no red node has a red child;
 *   3. every path from a node down to a leaf passes the same number of black nodes
 *      (the node's black height).
 * So the longest root-to-leaf path, alternating red and black, is at most twice the
 * shortest, all black: height <= 2 log2(n + 1). Insert and erase break at most one
 * rule at one place, then move the break up the tree by recolouring, or end it with
 * at most three rotations.
 *
 * The cases come in mirror pairs. "Left" below names the side of the problem: in
 * insert, the red parent is the grandparent's left child; in erase, the node that is
 * one black short is its parent's left child. The right side swaps every left/right.
 */
#include <kspace/rbtree.h>

static bool is_red(const struct rb_node *node)
{
	return node && node->rb_color == RB_RED; /* a NULL leaf is black */
}

/* Make whatever pointed to old (its parent's child link, or the root) point to new. */
static void change_child(struct rb_node *old, struct rb_node *new, struct rb_node *parent,
			 struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 *     node                 right
 *    /    \               /     \
 *   a     right   -->   node     c
 *        /     \       /    \
 *       b       c     a      b
 */
static void rotate_left(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *right = node->rb_right;

	node->rb_right = right->rb_left;
	if (right->rb_left)
		right->rb_left->rb_parent = node;
	right->rb_left = node;
	right->rb_parent = node->rb_parent;
	change_child(node, right, node->rb_parent, root);
	node->rb_parent = right;
}

/* The mirror image of rotate_left. */
static void rotate_right(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *left = node->rb_left;

	node->rb_left = left->rb_right;
	if (left->rb_right)
		left->rb_right->rb_parent = node;
	left->rb_right = node;
	left->rb_parent = node->rb_parent;
	change_child(node, left, node->rb_parent, root);
	node->rb_parent = left;
}

/*
 * node has just been linked in red, which keeps black heights (rule 3); the only rule
 * it can break is 2, if its parent is red too. A red parent is not the root, so the
 * grandparent exists, and it is black.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = node->rb_parent) && parent->rb_color == RB_RED) {
		gparent = parent->rb_parent;
		uncle = parent == gparent->rb_left ? gparent->rb_right : gparent->rb_left;
		if (is_red(uncle)) {
			/* Uncle red: recolour. gparent's black moves down to parent and
			 * uncle, keeping black heights; gparent, now red, may break rule
			 * 2 two levels up. */
			parent->rb_color = RB_BLACK;
			uncle->rb_color = RB_BLACK;
			gparent->rb_color = RB_RED;
			node = gparent;
			continue;
		}
		if (parent == gparent->rb_left) {
			if (node == parent->rb_right) {
				/* Uncle black, node inner: rotate parent down, so node
				 * takes its place and parent is the outer grandchild. */
				rotate_left(parent, root);
				parent = node;
			}
			/* Uncle black, node outer: rotate gparent down towards the
			 * uncle; parent takes its place and its black. */
			rotate_right(gparent, root);
		} else {
			if (node == parent->rb_left) {
				/* Uncle black, node inner (mirrored). */
				rotate_right(parent, root);
				parent = node;
			}
			/* Uncle black, node outer (mirrored). */
			rotate_left(gparent, root);
		}
		parent->rb_color = RB_BLACK;
		gparent->rb_color = RB_RED;
		break;
	}
	root->rb_node->rb_color = RB_BLACK; /* rule 1: the recolouring may reach the root */
}

/*
 * The subtree at parent->rb_left is one black short (rule 3); its root is black. Fix
 * it here and return true, or make the whole subtree at parent one black short and
 * return false. The sibling exists: its side has a black height of at least one.
 */
static bool erase_fixup_left(struct rb_node *parent, struct rb_root *root)
{
	struct rb_node *sibling = parent->rb_right;

	if (is_red(sibling)) {
		/* Sibling red: rotate it above parent, which turns red. The short side
		 * now has a black sibling, one of the cases below. */
		sibling->rb_color = RB_BLACK;
		parent->rb_color = RB_RED;
		rotate_left(parent, root);
		sibling = parent->rb_right;
	}
	if (!is_red(sibling->rb_left) && !is_red(sibling->rb_right)) {
		/* Sibling black with black children: make it red, shortening its side
		 * too. A red parent absorbs that by turning black; else go up. */
		sibling->rb_color = RB_RED;
		if (!is_red(parent))
			return false;
		parent->rb_color = RB_BLACK;
		return true;
	}
	if (!is_red(sibling->rb_right)) {
		/* Sibling black, near child red, far child black: rotate the near child
		 * up to be the sibling, the old sibling becoming its far child. The
		 * far-red case below finishes, and sets both their colours itself. */
		rotate_right(sibling, root);
		sibling = parent->rb_right;
	}
	/* Sibling black, far child red: rotate the sibling up into parent's place and
	 * colour. parent, now black, adds the missing black on the short side; the far
	 * child, now black, replaces the sibling's black on the other. */
	sibling->rb_color = parent->rb_color;
	parent->rb_color = RB_BLACK;
	sibling->rb_right->rb_color = RB_BLACK;
	rotate_left(parent, root);
	return true;
}

/* The mirror image of erase_fixup_left: parent->rb_right is one black short. */
static bool erase_fixup_right(struct rb_node *parent, struct rb_root *root)
{
	struct rb_node *sibling = parent->rb_left;

	if (is_red(sibling)) {
		/* Sibling red. */
		sibling->rb_color = RB_BLACK;
		parent->rb_color = RB_RED;
		rotate_right(parent, root);
		sibling = parent->rb_left;
	}
	if (!is_red(sibling->rb_left) && !is_red(sibling->rb_right)) {
		/* Sibling black with black children. */
		sibling->rb_color = RB_RED;
		if (!is_red(parent))
			return false;
		parent->rb_color = RB_BLACK;
		return true;
	}
	if (!is_red(sibling->rb_left)) {
		/* Sibling black, near (right) child red, far (left) child black. */
		rotate_left(sibling, root);
		sibling = parent->rb_left;
	}
	/* Sibling black, far (left) child red. */
	sibling->rb_color = parent->rb_color;
	parent->rb_color = RB_BLACK;
	sibling->rb_left->rb_color = RB_BLACK;
	rotate_right(parent, root);
	return true;
}

/*
 * A black node was unlinked: the subtree now at child (possibly NULL), below parent,
 * is one black short. A red child just turns black; otherwise push the shortage up
 * until a case above fixes it, or it reaches the root, where every path is short alike.
 */
static void erase_color(struct rb_node *child, struct rb_node *parent, struct rb_root *root)
{
	bool fixed;

	if (is_red(child)) {
		child->rb_color = RB_BLACK;
		return;
	}
	while (parent) {
		if (child == parent->rb_left)
			fixed = erase_fixup_left(parent, root);
		else
			fixed = erase_fixup_right(parent, root);
		if (fixed)
			return;
		child = parent;
		parent = child->rb_parent;
	}
}

static struct rb_node *leftmost(struct rb_node *node)
{
	while (node->rb_left)
		node = node->rb_left;
	return node;
}

static struct rb_node *rightmost(struct rb_node *node)
{
	while (node->rb_right)
		node = node->rb_right;
	return node;
}

/*
 * Unlink a node with two children: its successor, which has no left child, leaves its
 * own place and takes node's, colour included. Return the colour the successor had;
 * its place, now holding its right child, is *child under *parent.
 */
static int erase_by_successor(struct rb_node *node, struct rb_node **child, struct rb_node **parent,
			      struct rb_root *root)
{
	struct rb_node *succ = leftmost(node->rb_right);
	int color = succ->rb_color;

	*child = succ->rb_right;
	if (succ->rb_parent == node) {
		*parent = succ; /* succ moves up one level, keeping its right subtree */
	} else {
		*parent = succ->rb_parent;
		(*parent)->rb_left = *child;
		if (*child)
			(*child)->rb_parent = *parent;
		succ->rb_right = node->rb_right;
		node->rb_right->rb_parent = succ;
	}
	succ->rb_left = node->rb_left;
	node->rb_left->rb_parent = succ;
	succ->rb_parent = node->rb_parent;
	succ->rb_color = node->rb_color;
	change_child(node, succ, node->rb_parent, root);
	return color;
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent;
	int color;

	if (node->rb_left && node->rb_right) {
		color = erase_by_successor(node, &child, &parent, root);
	} else {
		/* At most one child: it takes node's place. */
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = node->rb_parent;
		color = node->rb_color;
		if (child)
			child->rb_parent = parent;
		change_child(node, child, parent, root);
	}
	if (color == RB_BLACK)
		erase_color(child, parent, root);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	return root->rb_node ? leftmost(root->rb_node) : NULL;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	return root->rb_node ? rightmost(root->rb_node) : NULL;
}

/* The successor: leftmost below the right child, else the nearest ancestor on our right. */
struct rb_node *rb_next(const struct rb_node *node)
{
	if (node->rb_right)
		return leftmost(node->rb_right);
	while (node->rb_parent && node == node->rb_parent->rb_right)
		node = node->rb_parent;
	return node->rb_parent;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	if (node->rb_left)
		return rightmost(node->rb_left);
	while (node->rb_parent && node == node->rb_parent->rb_left)
		node = node->rb_parent;
	return node->rb_parent;
}

void rb_replace_node(struct rb_node *victim, struct rb_node *new, struct rb_root *root)
{
	change_child(victim, new, victim->rb_parent, root);
	if (victim->rb_left)
		victim->rb_left->rb_parent = new;
	if (victim->rb_right)
		victim->rb_right->rb_parent = new;
	*new = *victim;
}
