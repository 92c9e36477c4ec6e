/** Waits for work Convene does after acknowledging Slack (a listener keeps going after its ack). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("eventually: condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
