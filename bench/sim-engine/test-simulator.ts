// The simulator as the tests start it: on unix sockets in a fresh temporary folder, with no event load.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSimulator, type Simulator } from "./index";

/** A quiet simulator in its own temporary folder; `stop` stops it and removes the folder. */
export async function quietSimulator(
  o: { engines: number; containersPerEngine: number; seed: number },
  folderPrefix: string,
): Promise<Simulator> {
  const dir = mkdtempSync(path.join(os.tmpdir(), folderPrefix));
  const sim = await startSimulator({ ...o, eventsPerSecond: 0, socketDir: dir });
  return {
    ...sim,
    stop: async () => {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
