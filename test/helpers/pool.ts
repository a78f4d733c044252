/** Runs `job(0)` … `job(n - 1)` with at most `width` at a time; results in index order. */
export const pool = async <T>(n: number, width: number, job: (i: number) => Promise<T>): Promise<T[]> => {
  const out: T[] = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await job(i);
      }
    }),
  );
  return out;
};
