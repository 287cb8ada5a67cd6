/*
 * Pipes (kernel/fs/pipe.c): a 64 KiB ring between a read end and a write end, each an
 * open file. What other files need to know about them.
 */
#ifndef KSPACE_PIPE_FS_I_H
#define KSPACE_PIPE_FS_I_H

#include <kspace/mm.h>

#define PIPE_PAGES 16                      /* Linux's PIPE_DEF_BUFFERS */
#define PIPE_SIZE (PIPE_PAGES * PAGE_SIZE) /* F_GETPIPE_SZ */
#define PIPE_BUF 4096                      /* writes up to this size are never interleaved */

struct file;
struct iov_iter;
struct pipe_inode_info;

/* The pipe behind f, or NULL if f is not a pipe's end. */
struct pipe_inode_info *get_pipe_info(const struct file *f);

/* readv and writev of a pipe: the whole vector as one read or write. */
long pipe_read_iter(struct file *f, struct iov_iter *to);
long pipe_write_iter(struct file *f, struct iov_iter *from);

#endif
