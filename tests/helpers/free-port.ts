// A free TCP port on loopback, for a server a test starts (the tests' servers, e2e's apps, the benches).
import net from "node:net";

/** A port the OS says is free right now (random ports collided with other test servers). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
