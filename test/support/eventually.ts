/**
 * The audit writer batches rows and flushes them shortly after the answer is sent: a test that
 * reads audit rows reads until `count` rows are there (or 15 s passed, then returns what there is
 * for the assertion to report), so a loaded machine slows the test down instead of failing it.
 */
export async function rowsEventually<T>(count: number, read: () => Promise<T[]>): Promise<T[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const rows = await read();
    if (rows.length >= count || Date.now() > deadline) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
}
