// Test support: wait for a condition, bounded, instead of sleeping a fixed time and hoping it holds.

/** Polls `test` (every `every` ms) until it holds; fails after `ms` saying what it waited for. */
export async function until(
  what: string,
  test: () => boolean | Promise<boolean>,
  ms = 60_000,
  every = 10,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
