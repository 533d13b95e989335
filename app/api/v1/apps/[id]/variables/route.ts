import { readJson, withAuth, type HandlerArgs } from "@/lib/api/with-auth";
import { listAppVariables, setAppVariables } from "@/lib/services/app-variables";
import { VariablesInput } from "@/lib/validations/app-variables";

/** The app's variables; secret values are never returned (null). */
export const GET = withAuth(async ({ actor, params }) => listAppVariables(actor, params.id));

/** The audit records names and which are secret, never values. */
const write =
  (mode: "replace" | "merge") =>
  async ({ req, actor, params, audit }: HandlerArgs) => {
    Object.assign(audit, { targetType: "app", targetId: params.id });
    const { variables } = VariablesInput.parse(await readJson(req));
    audit.detail = {
      mode,
      names: variables.map((v) => v.name),
      secret: variables.filter((v) => v.secret).map((v) => v.name),
    };
    const { tenantId, ...view } = await setAppVariables(actor, params.id, variables, mode);
    audit.tenantId = tenantId;
    return view;
  };

/** Replaces the whole set, like a .env file: names left out are deleted. A stored variable sent without a value keeps it. */
export const PUT = withAuth(write("replace"), { action: "app.variables.set" });
/** Sets only the variables given (e.g. those a plan said were missing). */
export const PATCH = withAuth(write("merge"), { action: "app.variables.set" });
