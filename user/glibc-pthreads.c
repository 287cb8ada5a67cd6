/*
 * user/glibc-pthreads.c: a glibc program using POSIX threads, whose output must be the
 * same on kspace as on Linux (tests/expected/glibc-pthreads.txt): a counter shared
 * under a mutex, a condition-variable handoff, a broadcast, a timed wait that times
 * out, thread-local storage, and threads that return or call pthread_exit, joined.
 * Only the main thread prints, so the lines do not depend on the scheduling.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NR_WORKERS 4
#define INCREMENTS 20000
#define ROUNDS 5

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter;

static void *add_many(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
		if (i % 1000 == 0)
			sched_yield(); /* let the others at the mutex while it is contended */
	}
	return NULL;
}

static void shared_counter(void)
{
	pthread_t t[NR_WORKERS];

	for (int i = 0; i < NR_WORKERS; i++)
		pthread_create(&t[i], NULL, add_many, NULL);
	for (int i = 0; i < NR_WORKERS; i++)
		pthread_join(t[i], NULL);
	printf("counter: %ld (want %d)\n", counter, NR_WORKERS * INCREMENTS);
}

/* A ball passed back and forth: the main thread serves odd numbers, the partner even. */
static int ball, turn; /* turn 0: main's, 1: the partner's */

static void *partner(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < ROUNDS; i++) {
		while (turn != 1)
			pthread_cond_wait(&cond, &lock);
		ball = ball * 2;
		turn = 0;
		pthread_cond_signal(&cond);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void handoff(void)
{
	pthread_t t;

	pthread_create(&t, NULL, partner, NULL);
	pthread_mutex_lock(&lock);
	ball = 1;
	for (int i = 0; i < ROUNDS; i++) {
		ball = ball + 1;
		turn = 1;
		pthread_cond_signal(&cond);
		while (turn != 0)
			pthread_cond_wait(&cond, &lock);
		printf("handoff round %d: ball %d\n", i + 1, ball);
	}
	pthread_mutex_unlock(&lock);
	pthread_join(t, NULL);
}

static int waiting, started;

static void *wait_for_go(void *arg)
{
	int *go = arg;

	pthread_mutex_lock(&lock);
	started++;
	pthread_cond_broadcast(&cond);
	while (!*go)
		pthread_cond_wait(&cond, &lock);
	waiting--;
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void broadcast(void)
{
	static int go;
	pthread_t t[3];

	waiting = 3;
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, wait_for_go, &go);
	pthread_mutex_lock(&lock);
	while (started < 3)
		pthread_cond_wait(&cond, &lock);
	go = 1;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	printf("broadcast: %d still waiting after the joins\n", waiting);
}

static void timed_wait(void)
{
	struct timespec deadline;
	int err;

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_nsec += 50 * 1000 * 1000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&lock);
	err = pthread_cond_timedwait(&cond, &lock, &deadline);
	pthread_mutex_unlock(&lock);
	printf("timedwait with nobody signalling: %s\n", err == ETIMEDOUT ? "ETIMEDOUT" : strerror(err));
}

static __thread int per_thread = 100;
static pid_t thread_tid;

static void *returns_7(void *arg)
{
	(void)arg;
	per_thread += 7;
	thread_tid = syscall(SYS_gettid);
	return (void *)(long)per_thread;
}

static void *exits_8(void *arg)
{
	(void)arg;
	pthread_exit((void *)8L);
	return NULL;
}

static void exit_and_join(void)
{
	pthread_t t;
	void *ret;

	pthread_create(&t, NULL, returns_7, NULL);
	pthread_join(t, &ret);
	printf("join: the thread returned %ld; main's __thread copy is still %d\n", (long)ret,
	       per_thread);
	printf("the thread's tid is %s the process's pid\n",
	       thread_tid != getpid() && thread_tid > 0 ? "not" : "equal to");
	pthread_create(&t, NULL, exits_8, NULL);
	pthread_join(t, &ret);
	printf("join: pthread_exit gave %ld\n", (long)ret);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("glibc-pthreads: start\n");
	shared_counter();
	handoff();
	broadcast();
	timed_wait();
	exit_and_join();
	printf("glibc-pthreads: done\n");
	return 0;
}
