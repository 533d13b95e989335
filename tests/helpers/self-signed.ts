// A throwaway certificate (openssl req -x509, valid one day): a test's own HTTPS server, or a CA an engine refuses.
import { execFileSync } from "node:child_process";
import path from "node:path";

/** Writes key.pem and cert.pem into `dir` for CN `cn` (and `ip` as its subjectAltName); a P-256 key when `ec`. */
export function selfSignedCert(dir: string, o: { cn: string; ip?: string; ec?: boolean }) {
  const keyFile = path.join(dir, "key.pem");
  const certFile = path.join(dir, "cert.pem");
  const key = o.ec ? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"] : ["-newkey", "rsa:2048"];
  const san = o.ip ? ["-addext", `subjectAltName=IP:${o.ip}`] : [];
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      ...key,
      "-nodes",
      "-days",
      "1",
      "-subj",
      `/CN=${o.cn}`,
      ...san,
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ],
    { stdio: "ignore" },
  );
  return { keyFile, certFile };
}
