/*
 * What one large block costs when glibc mmaps it (issue 24): allocate a block, touch every page,
 * free it, many times, with glibc's mmap threshold below the block (mmapped, returned on free, so
 * every round faults its pages in again) or above it (reused from the heap).
 *
 *   gcc -O2 tools/mmap-cost.c -o /tmp/mmap-cost
 *   GLIBC_TUNABLES=glibc.malloc.hugetlb=1 /tmp/mmap-cost 5242880 8300000 300    # mmapped, huge pages
 *   GLIBC_TUNABLES=glibc.malloc.hugetlb=0 /tmp/mmap-cost 5242880 8300000 300    # mmapped, 4 KiB pages
 *   /tmp/mmap-cost 268435456 8300000 300                                        # from the heap
 *
 * Arguments: mmap threshold (bytes), block size (bytes; 8.3 MB is one 32x32x45x45 float batch of
 * the bench slab), rounds. No top pad is set, so a block over the threshold really is mmapped.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s MMAP_THRESHOLD BLOCK_BYTES ROUNDS\n", argv[0]);
        return 2;
    }
    long threshold = atol(argv[1]);
    size_t size = (size_t) atol(argv[2]);
    int rounds = atoi(argv[3]);
    mallopt(M_MMAP_THRESHOLD, (int) threshold);
    mallopt(M_TRIM_THRESHOLD, 0x7fffffff);
    double t0 = now();
    for (int i = 0; i < rounds; i++) {
        volatile char *p = malloc(size);
        for (size_t j = 0; j < size; j += 4096) {
            p[j] = 1;
        }
        free((void *) p);
    }
    printf("mmap threshold %ld, block %zu bytes: %.3f ms per block (allocate, touch every page, free)\n",
           threshold, size, (now() - t0) / rounds * 1e3);
    return 0;
}
