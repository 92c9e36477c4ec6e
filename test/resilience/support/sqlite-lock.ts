import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const root = path.join(__dirname, "..", "..", "..");

// Opens the file, takes the write lock, says so, and lets go when its stdin closes.
const HOLDER = `
const db = new (require("better-sqlite3"))(process.argv[1]);
db.exec("BEGIN IMMEDIATE");
process.stdout.write("locked\\n");
process.stdin.resume();
process.stdin.on("end", () => { db.exec("ROLLBACK"); db.close(); });
`;

export interface SqliteLock {
  /** Lets go of the lock and waits for the holder to end; safe to call twice. */
  release(): Promise<void>;
}

/**
 * Another process holding an SQLite database's write lock until `release()`, as a long import or
 * a backup would: readers go on beside it (WAL), writers wait their busy_timeout, then fail.
 */
export async function holdWriteLock(file: string): Promise<SqliteLock> {
  const child: ChildProcess = spawn(process.execPath, ["-e", HOLDER, file], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    void exited.then(() => reject(new Error(`the lock holder ended before it held the lock:\n${stderr}`)));
  });
  return {
    async release() {
      child.stdin!.end();
      await exited;
    },
  };
}
