/**
 * The console command comes from the URL (`cmd`). It is split on spaces into argv and given to the
 * engine as an array — never to a shell — and only a conservative set of characters is accepted,
 * so quoting, globbing, redirection and substitution cannot even be written. In lib/validations so the
 * exec query's schema (the bridge) and the console's form check it with the same rule.
 */
export const EXEC_CMD_ALLOWED = /^[A-Za-z0-9 _./=:,@%+-]+$/;
export const EXEC_MAX_ARGS = 32;

/** What is wrong with `cmd`, or null when it may run. */
export function execCommandProblem(cmd: string): string | null {
  const trimmed = cmd.trim();
  if (!trimmed) return "is empty";
  if (!EXEC_CMD_ALLOWED.test(trimmed))
    return "only letters, digits, spaces and _ . / = : , @ % + - are allowed";
  if (trimmed.split(/ +/).length > EXEC_MAX_ARGS) return `at most ${EXEC_MAX_ARGS} arguments`;
  return null;
}

export function parseExecCommand(cmd: string): { argv: string[] } | { error: string } {
  const problem = execCommandProblem(cmd);
  return problem ? { error: `cmd: ${problem}` } : { argv: cmd.trim().split(/ +/) };
}
