// The admission case table, shared by the unit test (admission.test.ts) and
// end-to-end API tests. Each case is a compose file (what a user would post)
// and the violation paths a NON-admin must get; [] means allowed. Admins are
// allowed every case. `reasonIncludes` pins the wording where it matters.
// `directSpecCases` feed checkAdmission an AppSpec fragment directly, for
// shapes the compose parser never produces (raw Binds strings, "Bind" casing).

export type AdmissionCase = {
  /** Reads as a sentence after "a non-admin user …". */
  name: string;
  compose: string;
  refused: string[];
  reasonIncludes?: string;
};

export type DirectSpecCase = { name: string; spec: unknown; refused: string[]; reasonIncludes?: string };

/** One service `web` with `body` under it, plus optional top-level YAML. The image is a shared offline stand-in
 * (scripts/services/shared-images.txt), so an allowed case is accepted without a pull. */
function web(body: string, topLevel = ""): string {
  const lines = body
    .trim()
    .split("\n")
    .map((l) => `    ${l}`);
  return (
    ["services:", "  web:", "    image: wharf-busybox:latest", ...lines, topLevel.trim()].join("\n") + "\n"
  );
}

const DATA_VOLUME = "volumes:\n  data:";

export const admissionCases: AdmissionCase[] = [
  // Allowed
  {
    name: "may deploy an image with ports, environment and a named volume",
    compose: web('ports: ["8080:80"]\nenvironment: {MODE: prod}\nvolumes: ["data:/srv"]', DATA_VOLUME),
    refused: [],
  },
  { name: "may use an anonymous volume", compose: web('volumes: ["/cache"]'), refused: [] },
  {
    name: "may mount tmpfs via long syntax and the tmpfs key",
    compose: web("volumes:\n  - {type: tmpfs, target: /tmp, tmpfs: {size: 64m}}\ntmpfs: [/run]"),
    refused: [],
  },
  {
    name: "may set extra_hosts and init",
    compose: web('extra_hosts: ["db.local:10.0.0.5"]\ninit: true'),
    refused: [],
  },
  {
    name: "may set security_opt no-new-privileges",
    compose: web('security_opt: ["no-new-privileges", "no-new-privileges:true"]'),
    refused: [],
  },
  {
    name: "may use private ipc and cgroup namespaces",
    compose: web("ipc: shareable\ncgroup: private"),
    refused: [],
  },
  { name: "may disable networking with network_mode none", compose: web("network_mode: none"), refused: [] },
  { name: "may pass an empty cap_add list", compose: web("cap_add: []"), refused: [] },
  {
    name: "may give a named volume plain driver options",
    compose: web(
      'volumes: ["data:/srv"]',
      'volumes:\n  data:\n    driver_opts: {type: tmpfs, o: "size=100m,uid=1000"}',
    ),
    refused: [],
  },
  {
    name: "may declare internal bridge and overlay networks",
    compose: web(
      "networks: [back, mesh]",
      "networks:\n  back: {driver: bridge, internal: true}\n  mesh: {driver: overlay}",
    ),
    refused: [],
  },

  // Privileged and bind mounts
  {
    name: "may not run a privileged container",
    compose: web("privileged: true"),
    refused: ["services.web.privileged"],
  },
  {
    name: "may not bind-mount an absolute host path",
    compose: web('volumes: ["/srv/data:/data"]'),
    refused: ["services.web.volumes[0]"],
    reasonIncludes: "bind",
  },
  {
    name: "may not bind-mount a home-directory path",
    compose: web('volumes: ["~/data:/data"]'),
    refused: ["services.web.volumes[0]"],
  },
  {
    name: "may not bind-mount with long syntax",
    compose: web("volumes:\n  - {type: bind, source: /etc, target: /host-etc}"),
    refused: ["services.web.volumes[0]"],
  },
  {
    name: "may not use an absolute path as a volume source",
    compose: web("volumes:\n  - {type: volume, source: /etc, target: /host-etc}"),
    refused: ["services.web.volumes[0]"],
    reasonIncludes: "host path",
  },
  {
    name: "may not use a relative path as a volume source",
    compose: web("volumes:\n  - {type: volume, source: ../secrets, target: /s}"),
    refused: ["services.web.volumes[0]"],
  },
  {
    name: "may not mount the Docker socket",
    compose: web('volumes: ["/var/run/docker.sock:/var/run/docker.sock"]'),
    refused: ["services.web.volumes[0]"],
    reasonIncludes: "Docker socket",
  },
  {
    name: "may not mount the Docker socket via /run",
    compose: web('volumes: ["/run/docker.sock:/docker.sock"]'),
    refused: ["services.web.volumes[0]"],
    reasonIncludes: "Docker socket",
  },
  {
    name: "may not mount the Docker socket spelled with a double slash",
    compose: web('volumes: ["//var/run/docker.sock:/docker.sock"]'),
    refused: ["services.web.volumes[0]"],
    reasonIncludes: "Docker socket",
  },
  {
    name: "may not mount the Docker socket spelled with a trailing slash",
    compose: web("volumes:\n  - {type: bind, source: /var/run/docker.sock/, target: /docker.sock}"),
    refused: ["services.web.volumes[0]"],
    reasonIncludes: "Docker socket",
  },
  {
    name: "may not mount the Docker socket through a dot-dot path",
    compose: web('volumes: ["/var/run/../run/docker.sock:/docker.sock"]'),
    refused: ["services.web.volumes[0]"],
    reasonIncludes: "Docker socket",
  },
  {
    name: "may not mount the directory holding the Docker socket",
    compose: web('volumes: ["/var/run:/host-run:ro"]'),
    refused: ["services.web.volumes[0]"],
    reasonIncludes: "Docker socket",
  },
  {
    name: "may not turn a named volume into a bind with o: bind",
    compose: web('volumes: ["data:/srv"]', "volumes:\n  data:\n    driver_opts: {o: bind}"),
    refused: ["volumes.data.driver_opts.o"],
  },
  {
    name: "may not hide rbind in an upper-case O option list",
    compose: web('volumes: ["data:/srv"]', 'volumes:\n  data:\n    driver_opts: {O: "rbind,ro"}'),
    refused: ["volumes.data.driver_opts.O"],
  },
  {
    name: "may not point a named volume at a host device",
    compose: web(
      'volumes: ["data:/srv"]',
      "volumes:\n  data:\n    driver_opts: {type: none, o: bind, device: /srv/x}",
    ),
    refused: ["volumes.data.driver_opts.o", "volumes.data.driver_opts.device"],
  },
  {
    name: "may not point a named volume at the Docker socket",
    compose: web(
      'volumes: ["data:/srv"]',
      "volumes:\n  data:\n    driver_opts: {device: //var/run/docker.sock}",
    ),
    refused: ["volumes.data.driver_opts.device"],
    reasonIncludes: "Docker socket",
  },

  // Host namespaces
  {
    name: "may not use the host network",
    compose: web("network_mode: host"),
    refused: ["services.web.network_mode"],
  },
  {
    name: "may not use the host network spelled ' HOST '",
    compose: web('network_mode: " HOST "'),
    refused: ["services.web.network_mode"],
  },
  {
    name: "may not join another container's network",
    compose: web('network_mode: "container:abc123"'),
    refused: ["services.web.network_mode"],
  },
  {
    name: "may not join another service's network",
    compose: web('network_mode: "Service:db"'),
    refused: ["services.web.network_mode"],
  },
  {
    name: "may not attach to the shared default bridge",
    compose: web("network_mode: bridge"),
    refused: ["services.web.network_mode"],
  },
  { name: "may not share the host PID namespace", compose: web("pid: host"), refused: ["services.web.pid"] },
  {
    name: "may not join another container's PID namespace",
    compose: web('pid: "container:abc"'),
    refused: ["services.web.pid"],
  },
  { name: "may not share the host IPC namespace", compose: web("ipc: host"), refused: ["services.web.ipc"] },
  {
    name: "may not join another service's IPC namespace",
    compose: web('ipc: " service:db "'),
    refused: ["services.web.ipc"],
  },
  { name: "may not share the host UTS namespace", compose: web("uts: host"), refused: ["services.web.uts"] },
  {
    name: "may not share the host cgroup namespace",
    compose: web("cgroup: host"),
    refused: ["services.web.cgroup"],
  },
  {
    name: "may not disable user namespaces",
    compose: web("userns_mode: host"),
    refused: ["services.web.userns_mode"],
  },

  // Kernel and device access
  {
    name: "may not add capabilities",
    compose: web("cap_add: [NET_ADMIN]"),
    refused: ["services.web.cap_add"],
  },
  {
    name: "may not pass host devices",
    compose: web('devices: ["/dev/fuse:/dev/fuse"]'),
    refused: ["services.web.devices"],
  },
  {
    name: "may not set device cgroup rules",
    compose: web('device_cgroup_rules: ["c 1:3 mr"]'),
    refused: ["services.web.device_cgroup_rules"],
  },
  {
    name: "may set namespaced sysctls",
    compose: web(
      'sysctls:\n  net.core.somaxconn: 1024\n  kernel.shmmax: "68719476736"\n  fs.mqueue.msg_max: 100',
    ),
    refused: [],
  },
  {
    name: "may not set sysctls outside the namespaced set",
    compose: web("sysctls:\n  kernel.panic: 1\n  vm.swappiness: 10\n  net.ipv4.ip_forward: 1"),
    refused: ['services.web.sysctls["kernel.panic"]', 'services.web.sysctls["vm.swappiness"]'],
    reasonIncludes: "not namespaced",
  },
  {
    name: "may send logs to json-file with rotation options",
    compose: web('logging:\n  driver: json-file\n  options: {max-size: 10m, max-file: "3"}'),
    refused: [],
  },
  {
    name: "may not send logs to syslog or another host",
    compose: web('logging:\n  driver: syslog\n  options: {syslog-address: "udp://10.0.0.1:514"}'),
    refused: ["services.web.logging.driver", "services.web.logging.options.syslog-address"],
  },
  {
    name: "may not pass an unknown option to the json-file driver",
    compose: web("logging:\n  options: {path: /etc/passwd}"),
    refused: ["services.web.logging.options.path"],
  },
  {
    name: "may set nofile and nproc ulimits",
    compose: web("ulimits:\n  nproc: 65535\n  nofile: {soft: 20000, hard: 40000}"),
    refused: [],
  },
  {
    name: "may not raise memlock, rtprio or an excessive nofile",
    compose: web("ulimits:\n  memlock: -1\n  rtprio: 99\n  nofile: {soft: 1, hard: 99999999}"),
    refused: ["services.web.ulimits.memlock", "services.web.ulimits.nofile", "services.web.ulimits.rtprio"],
  },
  {
    name: "may share the pid, ipc and network namespace of a service of the same app",
    compose:
      "services:\n  web:\n    image: wharf-busybox:latest\n    pid: service:side\n    ipc: service:side\n  probe:\n    image: wharf-busybox:latest\n    network_mode: service:side\n    volumes_from: [side]\n  side:\n    image: wharf-busybox:latest\n",
    refused: [],
  },
  {
    name: "may not join the namespaces of a container outside the app",
    compose: web("pid: container:other-tenant-db\nipc: container:other-tenant-db\nnetwork_mode: container:x"),
    refused: ["services.web.ipc", "services.web.network_mode", "services.web.pid"],
    reasonIncludes: "another container",
  },
  {
    name: "may not reserve host devices through deploy.resources",
    compose: web(
      "deploy:\n  resources:\n    reservations:\n      devices:\n        - {capabilities: [gpu], count: all}",
    ),
    refused: ["services.web.deploy.resources.reservations.devices"],
  },
  {
    name: "may not request GPUs",
    compose: web("gpus: all"),
    refused: ["services.web.gpus"],
  },
  {
    name: "may not mount the engine socket with use_api_socket",
    compose: web("use_api_socket: true"),
    refused: ["services.web.use_api_socket"],
  },
  {
    name: "may not disable the OOM killer or lower the OOM score",
    compose: web("oom_kill_disable: true\noom_score_adj: -500"),
    refused: ["services.web.oom_kill_disable", "services.web.oom_score_adj"],
  },
  {
    name: "may not use realtime CPU scheduling",
    compose: web("cpu_rt_runtime: 95000"),
    refused: ["services.web.cpu_rt_runtime"],
  },
  {
    name: "may set user, limits, reservations and the other plain runtime keys",
    compose: web(
      'user: "1000:1000"\nworking_dir: /srv\nhostname: web\nread_only: true\nshm_size: 64m\npids_limit: 100\ncap_drop: [ALL]\ngroup_add: [audio]\nstop_signal: SIGINT\nstop_grace_period: 20s\ncontainer_name: my-web\ndeploy:\n  resources:\n    reservations: {memory: 64m, cpus: "0.1"}',
    ),
    refused: [],
  },
  {
    name: "may not name a bridge after a host interface through driver_opts",
    compose: web(
      "networks: [back]",
      "networks:\n  back:\n    driver_opts: {com.docker.network.bridge.name: docker0}",
    ),
    refused: ['networks.back.driver_opts["com.docker.network.bridge.name"]'],
  },
  {
    name: "may not take a secret from a Swarm secrets driver plugin",
    compose: web("secrets: [token]", "secrets:\n  token: {driver: vault, driver_opts: {path: other/tenant}}"),
    refused: ["secrets.token.driver"],
    reasonIncludes: "driver",
  },
  {
    name: "may not use an external Swarm secret",
    compose: web("secrets: [token]", "secrets:\n  token: {external: true}"),
    refused: ["secrets.token.external"],
  },
  {
    name: "may not unconfine the container through security_opt in any spelling",
    compose: web(
      'security_opt: ["seccomp=unconfined", "seccomp:unconfined", "apparmor=unconfined", "apparmor:unconfined", "label=disable", "label:disable", "systempaths=unconfined", "SECCOMP=Unconfined", "no-new-privileges"]',
    ),
    refused: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `services.web.security_opt[${i}]`),
    reasonIncludes: "confinement",
  },
  {
    name: "may not pick a privileged SELinux type through security_opt",
    compose: web('security_opt: ["label=type:spc_t"]'),
    refused: ["services.web.security_opt[0]"],
  },
  {
    name: "may not mount volumes from another container",
    compose: web("volumes_from: [other]"),
    refused: ["services.web.volumes_from"],
  },
  {
    name: "may not choose a cgroup parent",
    compose: web("cgroup_parent: /system.slice"),
    refused: ["services.web.cgroup_parent"],
  },
  {
    name: "may not choose a non-default runtime",
    compose: web("runtime: nvidia"),
    refused: ["services.web.runtime"],
  },
  {
    name: "may not create a macvlan network",
    compose: web("networks: [lan]", "networks:\n  lan: {driver: macvlan}"),
    refused: ["networks.lan.driver"],
  },

  // Several at once
  {
    name: "gets every violation of one service listed",
    compose: web('privileged: true\ncap_add: [SYS_ADMIN]\npid: host\nvolumes: ["/:/host"]'),
    refused: [
      "services.web.privileged",
      "services.web.volumes[0]",
      "services.web.pid",
      "services.web.cap_add",
    ],
  },
  {
    name: "gets violations named per service",
    compose:
      "services:\n  api:\n    image: a\n    privileged: true\n  worker:\n    image: b\n    network_mode: host\n  ok:\n    image: c\n",
    refused: ["services.api.privileged", "services.worker.network_mode"],
  },
];

export const directSpecCases: DirectSpecCase[] = [
  {
    name: "may not bind-mount a relative host path (the parser refuses it: no folder)",
    spec: {
      services: {
        web: { image: "x", volumes: [{ type: "bind", source: "./data", target: "/data", readOnly: true }] },
      },
    },
    refused: ["services.web.volumes[0]"],
  },
  {
    name: "may not pass a mount whose type is spelled BIND",
    spec: {
      services: {
        web: {
          image: "x",
          volumes: [{ type: "BIND", source: "/etc", target: "/host-etc", readOnly: false }],
        },
      },
    },
    refused: ["services.web.volumes[0]"],
  },
  {
    name: "may not share the host cgroup namespace spelled Host",
    spec: { services: { web: { image: "x", cgroup: "Host" } } },
    refused: ["services.web.cgroup"],
  },
  {
    name: "may not pass a Binds-style host:container string",
    spec: { services: { web: { image: "x", volumes: ["/etc:/host-etc:ro"] } } },
    refused: ["services.web.volumes[0]"],
  },
  {
    name: "may not pass the Docker socket as a Binds-style string",
    spec: { services: { web: { image: "x", volumes: ["/var/run//docker.sock/:/s"] } } },
    refused: ["services.web.volumes[0]"],
    reasonIncludes: "Docker socket",
  },
  {
    name: "may not pass a mount whose type is spelled Bind",
    spec: {
      services: {
        web: { image: "x", volumes: [{ type: "Bind", source: "/srv", target: "/srv", readOnly: false }] },
      },
    },
    refused: ["services.web.volumes[0]"],
  },
  {
    name: "may not pass a Docker-API style Mount with Type BIND",
    spec: { services: { web: { image: "x", volumes: [{ Type: "BIND", Source: "/srv", Target: "/srv" }] } } },
    refused: ["services.web.volumes[0]"],
  },
  {
    name: "may not pass an npipe mount",
    spec: {
      services: {
        web: { image: "x", volumes: [{ type: "npipe", source: "//./pipe/docker_engine", target: "/p" }] },
      },
    },
    refused: ["services.web.volumes[0]"],
  },
  {
    name: "may not pass driver options as an o=bind list",
    spec: { services: {}, volumes: { data: { driverOpts: ["type=none", "o=bind", "device=/srv"] } } },
    refused: ["volumes.data.driver_opts[1]", "volumes.data.driver_opts[2]"],
  },
  {
    name: "may not stamp reserved wharf labels",
    spec: { services: { web: { image: "x", labels: { "wharf.tenant": "other" } } } },
    refused: ['services.web.labels["wharf.tenant"]'],
  },
  {
    name: "may not set labels Docker reads, on services, volumes and networks",
    spec: {
      services: { web: { image: "x", labels: { "com.docker.swarm.service.id": "x", "io.docker.a": "b" } } },
      volumes: { v: { labels: { "org.dockerproject.x": "y" } } },
      networks: { n: { labels: { "COM.DOCKER.stack.namespace": "s" } } },
    },
    refused: [
      'services.web.labels["com.docker.swarm.service.id"]',
      'services.web.labels["io.docker.a"]',
      'volumes.v.labels["org.dockerproject.x"]',
      'networks.n.labels["COM.DOCKER.stack.namespace"]',
    ],
  },
  {
    name: "may not pass privileged as the string true",
    spec: { services: { web: { image: "x", privileged: "TRUE" } } },
    refused: ["services.web.privileged"],
  },
];
