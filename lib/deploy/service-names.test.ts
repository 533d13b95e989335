// Service and object names as the Compose Specification allows them (capitals: n8n's `initContainer`), and the
// engine names they become on a standalone host and on a Swarm.
import { describe, expect, it } from "vitest";
import { replicaName as shortReplicaName } from "@/lib/client/replica-name";
import { engineToken, SWARM_SAFE_RE } from "@/lib/compose/engine-token";
import { parseCompose } from "@/lib/compose/parse";
import { buildName } from "@/lib/services/app-builds";
import { ScaleInput } from "@/lib/validations/app";
import { containerBody, networkBody, serviceBody, volumeBody } from "./engine-spec";
import { voteTarget } from "./test-target";

/** swarmkit's check of a service name ("name must be valid as a DNS name component"). */
const SWARMKIT_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;
const DOCKER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

const N8N = `
services:
  initContainer:
    image: busybox
    command: ["sh", "-c", "true"]
  n8n:
    image: n8n
    depends_on:
      initContainer: {condition: service_completed_successfully}
    volumes: [Data:/data]
    networks: [Back.End]
  Web: {image: nginx}
  web: {image: nginx}
  web.api: {image: nginx}
networks:
  Back.End: {}
volumes:
  Data: {}
`;

function planned(text: string) {
  const r = parseCompose(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

describe("service names with capitals", () => {
  it("parses every name the spec allows and keeps the names as written", () => {
    const { spec } = planned(N8N);
    expect(Object.keys(spec.services).sort()).toEqual(["Web", "initContainer", "n8n", "web", "web.api"]);
    expect(spec.services.n8n.dependsOn).toHaveProperty("initContainer");
    expect(spec.services.n8n.networks).toEqual(["Back.End"]);
    expect(Object.keys(spec.volumes)).toEqual(["Data"]);
  });

  it("gives every service distinct engine names Docker and swarmkit accept, even when only the case differs", () => {
    const { spec } = planned(N8N);
    const names = (mode: "standalone" | "swarm") =>
      Object.entries(spec.services).map(([name, svc]) =>
        mode === "swarm"
          ? serviceBody(voteTarget("swarm"), name, svc, "h", 1).Name
          : containerBody(voteTarget("standalone"), name, svc, 1, "h", 1).name,
      );
    const standalone = names("standalone");
    const swarm = names("swarm");
    for (const n of standalone) expect(n).toMatch(DOCKER_NAME);
    for (const n of swarm) expect(n).toMatch(SWARMKIT_NAME);
    // Swarm (and DNS) compare names without case: lowercase forms must differ too.
    expect(new Set(standalone.map((n) => n.toLowerCase())).size).toBe(standalone.length);
    expect(new Set(swarm.map((n) => n.toLowerCase())).size).toBe(swarm.length);
    // Lowercase names Wharf always accepted keep the names deployed apps already have.
    expect(standalone).toContain("wharf_acme_shop_vote_web.api_1");
    // The UI shows a replica by its service's written name.
    const init = containerBody(
      voteTarget("standalone"),
      "initContainer",
      spec.services.initContainer,
      2,
      "h",
      1,
    );
    expect(shortReplicaName(init.name, Object.keys(spec.services))).toBe("initContainer_2");
    expect(swarm).toContain("wharf_acme_shop_vote_web");
  });

  it("keeps the written name for DNS and labels, and maps networks and volumes to lowercase engine names", () => {
    const { spec } = planned(N8N);
    const t = voteTarget("standalone");
    const body = containerBody(t, "initContainer", spec.services.initContainer, 1, "h", 1);
    expect(body.Labels).toHaveProperty(["wharf.service"], "initContainer");
    expect(JSON.stringify(body.NetworkingConfig)).toContain('"initContainer"');
    const net = networkBody(t, "Back.End", spec.networks["Back.End"], "h").Name;
    const vol = volumeBody(t, "Data", spec.volumes.Data).Name;
    for (const n of [net, vol]) expect(n).toBe(n.toLowerCase());
    expect(net).not.toBe(networkBody(t, "back.end", {}, "h").Name);
  });

  it("refuses a name written as another name's engine form, rather than merging them", () => {
    const clash = engineToken("Web");
    const r = parseCompose(`services:\n  Web: {image: a}\n  ${clash}: {image: b}\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toContain("same engine name");
  });

  it("maps only what needs it: Swarm tokens are DNS name components", () => {
    for (const n of ["initContainer", "web.api", "-x", "_", "..", "a__b", "x-"])
      expect(engineToken(n, SWARM_SAFE_RE)).toMatch(SWARMKIT_NAME);
    expect(engineToken("db-data")).toBe("db-data");
    expect(engineToken("initContainer")).toMatch(/^initcontainer-[0-9a-f]{8}$/);
    expect(() => engineToken("a/b")).toThrow();
    // Built images are named after the service when it names no image: lowercase, and never shared.
    const built = ["Web", "web", "web.api", "web-api"].map((s) => buildName("vote", s, ""));
    expect(new Set(built).size).toBe(4);
    for (const b of built) expect(b).toBe(b.toLowerCase());
  });

  it("scales a service named with capitals, and a top-level name Wharf's slugs cannot hold is only a warning", () => {
    expect(ScaleInput.parse({ service: "initContainer", replicas: 0 })).toEqual({ initContainer: 0 });
    const r = planned("name: My_App\nservices:\n  web: {image: x}\n");
    expect(r.spec.name).toBeUndefined();
    expect(r.warnings.join("\n")).toContain("My_App");
  });
});
