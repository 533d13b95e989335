// The e2e server's git CA bundle (scripts/e2e-server.sh sets GIT_SSL_CAINFO to it): a spec that starts a git host
// appends that host's CA; git reads the file at each call, so this works after the server started.
export const gitCaPath = `/tmp/wharf-e2e-git-ca-${process.env.E2E_PORT ?? 3100}.pem`;
