/**
 * The console command comes from the URL (`cmd`). It is split on spaces into argv and given to the
 * engine as an array — never to a shell — and only a conservative set of characters is accepted,
 * so quoting, globbing, redirection and substitution cannot even be written.
 */
export const EXEC_CMD_ALLOWED = /^[A-Za-z0-9 _./=:,@%+-]+$/;
export const EXEC_MAX_ARGS = 32;

export function parseExecCommand(cmd: string): { argv: string[] } | { error: string } {
  const trimmed = cmd.trim();
  if (!trimmed) return { error: "cmd: is empty" };
  if (!EXEC_CMD_ALLOWED.test(trimmed))
    return { error: "cmd: only letters, digits, spaces and _ . / = : , @ % + - are allowed" };
  const argv = trimmed.split(/ +/);
  if (argv.length > EXEC_MAX_ARGS) return { error: `cmd: at most ${EXEC_MAX_ARGS} arguments` };
  return { argv };
}
